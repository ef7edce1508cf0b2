import { describe, expect, it } from 'vitest';
import { createSecretsScanner, SECRET_RULES } from '../../src/agents/security/scanners/secrets';
import { RULE_CASES } from '../fixtures/secrets/cases';

const scanner = createSecretsScanner();
const scan = (text: string, path = 'src/config.env') => scanner.scan({ path, text }, () => {});

describe('secret rules', () => {
  it('has a positive and a negative fixture for every rule, and no fixture for a missing rule', () => {
    const ids = SECRET_RULES.map((r) => r.meta.id.replace(/^secret\//, ''));
    for (const id of ids) {
      expect(RULE_CASES[id]?.positive.length ?? 0, `positive cases for ${id}`).toBeGreaterThan(0);
      expect(RULE_CASES[id]?.negative.length ?? 0, `negative cases for ${id}`).toBeGreaterThan(0);
    }
    expect(Object.keys(RULE_CASES).sort()).toEqual([...ids].sort());
    expect(ids.length).toBeGreaterThanOrEqual(45);
  });

  it('keeps the contract of every rule: id, scanner, CWE, OWASP, lower-case keywords, a global regex', () => {
    for (const rule of SECRET_RULES) {
      expect(rule.meta.id).toMatch(/^secret\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(rule.meta).toMatchObject({ scanner: 'secrets', cwe: ['CWE-798'], owasp: ['A07:2021'] });
      expect(rule.meta.fix.length).toBeGreaterThan(20);
      for (const k of rule.keywords) expect(k).toBe(k.toLowerCase());
      expect(rule.regex.flags).toContain('g');
    }
    expect(new Set(SECRET_RULES.map((r) => r.meta.id)).size).toBe(SECRET_RULES.length);
  });

  for (const [id, cases] of Object.entries(RULE_CASES)) {
    describe(id, () => {
      it.each(cases.positive.map((text, i) => [i, text]))('reports positive case %i', (_i, text) => {
        const findings = scan(text);
        const mine = findings.filter((f) => f.ruleId === `secret/${id}`);
        expect(mine, JSON.stringify(findings.map((f) => f.ruleId))).toHaveLength(1);
        expect(mine[0].message).toContain(SECRET_RULES.find((r) => r.meta.id === `secret/${id}`)!.meta.title);
      });

      it.each(cases.negative.map((text, i) => [i, text]))('ignores look-alike %i', (_i, text) => {
        expect(scan(text).filter((f) => f.ruleId === `secret/${id}`)).toEqual([]);
      });
    });
  }

  it('never writes a found secret in clear, anywhere in the findings', () => {
    for (const [id, cases] of Object.entries(RULE_CASES)) {
      for (const text of cases.positive) {
        const findings = scan(text);
        const rule = SECRET_RULES.find((r) => r.meta.id === `secret/${id}`)!;
        const secrets = [...text.matchAll(new RegExp(rule.regex.source, rule.regex.flags))].map(
          (m) => m.slice(1).find((g) => g !== undefined) ?? m[0],
        );
        expect(secrets.length, id).toBeGreaterThan(0);
        const json = JSON.stringify(findings);
        for (const secret of secrets) {
          expect(json.includes(secret), `${id} leaks its secret`).toBe(false);
          expect(json.includes(secret.slice(4)), `${id} leaks the tail of its secret`).toBe(false);
        }
      }
    }
  });
});
