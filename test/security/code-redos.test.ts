import { describe, expect, it } from 'vitest';
import { redosFragment } from '../../src/agents/security/scanners/code/redos';

describe('redosFragment', () => {
  const prone: [string, string][] = [
    ['^(a+)+$', '(a+)+'],
    ['(.*)*x', '(.*)*'],
    ['^(\\w+\\s?)+$', '(\\w+\\s?)+'],
    ['^(a|aa)+$', '(a|aa)+'],
    ['^(\\d|\\w)*$', '(\\d|\\w)*'],
    ['^(ab|a|b)+$', '(ab|a|b)+'],
    ['^(x|x)+y', '(x|x)+'],
    ['((ab)+)+c', '((ab)+)+'],
    ['^(?:[a-z]+-?)*$', '(?:[a-z]+-?)*'],
    ['^(a*b*)*$', '(a*b*)*'],
    ['(?P<word>a+)+$', '(?P<word>a+)+'],
    ['^(a+){2,}$', '(a+){2,}'],
    ['^(?=(a+)+b)', '(a+)+'],
  ];
  const safe = [
    '^([a-z0-9]+\\.)+[a-z]{2,}$',
    '^(a+b)+$',
    '^(?:\\s+\\w+)*$',
    '^(ab|cd)+$',
    '^(a|b)+$',
    '^(a{1,3}){1,3}$',
    '^a+$',
    '^(\\d+,)*\\d+$',
    '[(a+)+]',
    '\\(a+\\)+',
    'unbalanced(',
    '',
  ];

  it.each(prone)('flags %s', (pattern, fragment) => {
    expect(redosFragment(pattern)).toBe(fragment);
  });

  it.each(safe)('accepts %s', (pattern) => {
    expect(redosFragment(pattern)).toBeUndefined();
  });
});
