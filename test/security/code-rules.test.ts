import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_RULES, createCodeScanner } from '../../src/agents/security/scanners/code/index';

/**
 * Fixtures: test/fixtures/code/<js|py>/<rule>/positive/* and negative/*. In a positive file every line that follows
 * a `ruleid` comment must be reported for that rule and no other line may be; a negative file holds look-alikes
 * (commented out, inside a string, literal or sanitised arguments) and must give no finding for the rule.
 */
const FIXTURES = join(__dirname, '../fixtures/code');
const scanner = createCodeScanner();

function filesIn(directory: string): string[] {
  return existsSync(directory) ? readdirSync(directory).map((name) => join(directory, name)) : [];
}

function expectedLines(text: string): number[] {
  const lines = text.split('\n');
  return lines.flatMap((line, index) => (/^\s*(?:\/\/|#) ruleid\s*$/.test(line) ? [index + 2] : []));
}

function scan(path: string, ruleDirectory: string, text = readFileSync(path, 'utf8')) {
  const warnings: unknown[] = [];
  const findings = scanner.scan({ path: relative(ruleDirectory, path), text }, (warning) => warnings.push(warning));
  return { findings, warnings };
}

const cases = CODE_RULES.map((rule) => {
  const [language, name] = rule.id.split('/');
  const directory = join(FIXTURES, language, name);
  return { id: rule.id, language, directory, positives: filesIn(join(directory, 'positive')), negatives: filesIn(join(directory, 'negative')) };
});

describe('code scanner rules against fixtures', () => {
  it('has a positive and a negative fixture for every rule', () => {
    const missing = cases.filter((entry) => entry.positives.length === 0 || entry.negatives.length === 0).map((entry) => entry.id);
    expect(missing).toEqual([]);
  });

  for (const { id, language, directory, positives, negatives } of cases) {
    for (const path of positives) {
      it(`${id} fires on exactly the marked lines of ${relative(FIXTURES, path)}`, () => {
        const text = readFileSync(path, 'utf8');
        const expected = expectedLines(text);
        expect(expected.length).toBeGreaterThan(0);
        const { findings, warnings } = scan(path, directory);
        expect(warnings).toEqual([]);
        const lines = findings.filter((finding) => finding.ruleId === id).map((finding) => finding.line);
        expect([...new Set(lines)].sort((a, b) => a - b)).toEqual(expected);
      });
    }
    for (const path of positives) {
      it(`${id} fires on each marked line of ${relative(FIXTURES, path)} with the other marked lines taken out (the prefilter keeps every case)`, () => {
        const lines = readFileSync(path, 'utf8').split('\n');
        const expected = expectedLines(lines.join('\n'));
        // A Python block needs a statement where one is taken out; lines keep their numbers.
        const takenOut = (text: string) => (language === 'py' ? `${/^\s*/.exec(text)![0]}pass` : '');
        for (const line of expected) {
          const alone = lines.map((text, index) => (expected.includes(index + 1) && index + 1 !== line ? takenOut(text) : text)).join('\n');
          const { findings, warnings } = scan(path, directory, alone);
          expect(warnings).toEqual([]);
          expect(findings.filter((finding) => finding.ruleId === id).map((finding) => finding.line)).toContain(line);
        }
      });
    }
    for (const path of negatives) {
      it(`${id} stays quiet on the look-alikes in ${relative(FIXTURES, path)}`, () => {
        const { findings, warnings } = scan(path, directory);
        expect(warnings).toEqual([]);
        expect(findings.filter((finding) => finding.ruleId === id).map((finding) => `${finding.line}: ${finding.snippet}`)).toEqual([]);
      });
    }
  }
});
