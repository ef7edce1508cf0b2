import { describe, expect, it } from 'vitest';
import { checkEmail } from '../../src/agents/bizdev/leads/email';

describe('checkEmail', () => {
  it.each([
    ['jane@acme.com', 'jane@acme.com'],
    ['  Jane.Doe@Acme.COM ', 'jane.doe@acme.com'],
    ['j.doe+leads@acme-corp.co.uk', 'j.doe+leads@acme-corp.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['x_y-z@sub.domain.example.org', 'x_y-z@sub.domain.example.org'],
    ['user@xn--mller-kva.de', 'user@xn--mller-kva.de'],
    ['mailto:jane@acme.com', 'jane@acme.com'],
  ])('accepts %s', (input, email) => {
    expect(checkEmail(input)).toMatchObject({ ok: true, email });
  });

  it.each([
    ['a@b', 'has no dot'],
    ['a@@b.com', 'more than one @'],
    ['a @b.com', 'space'],
    ['jane.acme.com', 'no @'],
    ['@acme.com', 'before the @'],
    ['jane@', 'after the @'],
    ['.jane@acme.com', 'dot'],
    ['jane..doe@acme.com', 'dot'],
    ['jane.@acme.com', 'dot'],
    ['ja(ne@acme.com', 'character'],
    ['jane@acme..com', 'empty part'],
    ['jane@-acme.com', 'invalid part "-acme"'],
    ['jane@acme.c', 'top-level'],
    ['jane@acme.c0m', 'top-level'],
    ['jane@acme.123', 'top-level'],
    [`${'x'.repeat(65)}@acme.com`, '64'],
  ])('rejects %s', (input, problem) => {
    const checked = checkEmail(input);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.problem).toContain(problem);
  });
});
