import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanWarning } from '../../src/agents/security/findings';
import { CODE_RULES, createCodeScanner } from '../../src/agents/security/scanners/code/index';
import { regexLiteralsIn } from '../../src/agents/security/scanners/code/javascript/regex-literals';
import { KeywordIndex } from '../../src/agents/security/scanners/keyword-index';

const PARSING = join(__dirname, '../fixtures/code/parsing');
const scanner = createCodeScanner();

function scanText(path: string, text: string) {
  const warnings: ScanWarning[] = [];
  const findings = scanner.scan({ path, text }, (warning) => warnings.push(warning));
  return { findings, warnings };
}

function scanFixture(name: string) {
  return scanText(name, readFileSync(join(PARSING, name), 'utf8'));
}

describe('code scanner', () => {
  it('accepts JavaScript, TypeScript and Python sources but not declaration files', () => {
    const accepted = ['a.js', 'a.mjs', 'a.cjs', 'a.jsx', 'a.ts', 'a.tsx', 'a.mts', 'a.cts', 'a.py'];
    const rejected = ['a.d.ts', 'a.d.mts', 'a.json', 'a.pyc', 'a.rb', 'Dockerfile'];
    expect(accepted.filter((path) => !scanner.accepts(path))).toEqual([]);
    expect(rejected.filter((path) => scanner.accepts(path))).toEqual([]);
  });

  it('describes every rule with the fields reports need', () => {
    for (const rule of CODE_RULES) {
      expect(rule.id).toMatch(/^(?:js|py)\/[a-z-]+$/);
      expect(rule.scanner).toBe('code');
      expect(rule.cwe?.[0]).toMatch(/^CWE-\d+$/);
      expect(rule.owasp?.[0]).toMatch(/^A\d\d:2021$/);
      expect(rule.description.length).toBeGreaterThan(40);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
    expect(new Set(CODE_RULES.map((rule) => rule.id)).size).toBe(CODE_RULES.length);
  });

  it('parses TSX and reports inside JSX', () => {
    const { findings, warnings } = scanFixture('component.tsx');
    expect(warnings).toEqual([]);
    expect(findings.map((finding) => [finding.ruleId, finding.line])).toEqual([['js/code-injection', 7]]);
  });

  it('parses TypeScript with decorators, generics, casts and satisfies', () => {
    const { findings, warnings } = scanFixture('service.ts');
    expect(warnings).toEqual([]);
    expect(findings.map((finding) => [finding.ruleId, finding.line])).toEqual([['js/sql-injection', 7]]);
  });

  it('turns a JavaScript syntax error into one warning with its line and no findings', () => {
    const { findings, warnings } = scanFixture('broken.js');
    expect(findings).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'broken.js', line: 2 });
  });

  it('turns a Python syntax error into one warning with its line and no findings', () => {
    const { findings, warnings } = scanFixture('broken.py');
    expect(findings).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'broken.py', line: 3 });
  });

  it('never shows a hard-coded credential in clear, even on lines reported for another rule', () => {
    const secret = 'Zx9-very-private-Q7'; // biz:ignore (masking test data)
    const text = `const password = '${secret}'; db.query("SELECT * FROM t WHERE p = '" + password + "' AND id = " + req.query.id, { password: '${secret}' });\n`;
    const { findings } = scanText('db.js', text);
    expect(findings.map((finding) => finding.ruleId).sort()).toEqual(['js/hardcoded-credential', 'js/hardcoded-credential', 'js/sql-injection']);
    for (const finding of findings) {
      expect(JSON.stringify(finding)).not.toContain(secret);
      expect(JSON.stringify(finding)).not.toContain(secret.slice(0, 6));
    }
    expect(findings[0].snippet).toContain('Zx9-****');
  });

  it('keeps fingerprints when a finding moves to another line', () => {
    const line = 'exec("rm -rf " + req.query.dir);';
    const header = "const { exec } = require('child_process');\n";
    const [first] = scanText('x.js', `${header}${line}\n`).findings;
    const [moved] = scanText('x.js', `${header}\n\n// moved\n${line}\n`).findings;
    expect(first.line).toBe(2);
    expect(moved.line).toBe(5);
    expect(moved.fingerprint).toBe(first.fingerprint);
  });

  it('gives line, column and a trimmed snippet', () => {
    const { findings } = scanText('a.py', 'import os\n\ndef f(cmd):\n    os.system(cmd)\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'py/command-injection', line: 4, column: 5, snippet: 'os.system(cmd)', file: 'a.py' });
  });

  it('skips files over 2 MB', () => {
    const text = `eval(req.query.x);\n${'// padding\n'.repeat(220_000)}`;
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(scanText('big.js', text).findings).toEqual([]);
    expect(scanText('small.js', 'eval(req.query.x);\n').findings).toHaveLength(1);
  });

  it('parses files whose only trigger is indirect eval, a Prisma raw query, a regex after an arrow or an optional call', () => {
    const cases: [string, string][] = [
      ['(0, eval)(req.query.code);\n', 'js/code-injection'],
      ['prisma.$queryRawUnsafe(`SELECT * FROM t WHERE id = ${id}`);\n', 'js/sql-injection'],
      ['const check = (s) => /^(a+)+$/.test(s);\n', 'js/redos'],
      ['db?.query("SELECT * FROM t WHERE id = " + id);\n', 'js/sql-injection'],
    ];
    for (const [text, ruleId] of cases) {
      const { findings, warnings } = scanText('one.js', text);
      expect(warnings).toEqual([]);
      expect(findings.map((finding) => finding.ruleId)).toEqual([ruleId]);
    }
  });

  it('analyses CommonJS with a top-level return, which the parser reports but still parses', () => {
    const { findings, warnings } = scanText('cli.js', 'if (!module.parent) return;\neval(process.argv[2]);\n');
    expect(warnings).toEqual([]);
    expect(findings.map((finding) => [finding.ruleId, finding.line])).toEqual([['js/code-injection', 2]]);
  });

  it('skips parsing files without any trigger word, so broken files without one give no warning', () => {
    expect(scanText('plain.js', 'const a = ;\n').warnings).toEqual([]);
    expect(scanText('plain.js', 'const a = eval(;\n').warnings).toHaveLength(1);
  });

  it('skips parsing files whose only trigger is in a comment line or a JSDoc tag, or defines a method of that name', () => {
    const skipped = [
      'const a = ;\n// eval(req.query.code) would be dangerous\n',
      'const a = ;\n/**\n * @param {string} raw raw (undecoded) value\n */\n',
      'const a = ;\nclass Api { fetch(params, options) { return location; } }\n',
    ];
    for (const text of skipped) expect(scanText('broken.js', text).warnings).toEqual([]);
    const parsed = ['const a = ;\nrun(); // eval(x)\neval(x);\n', 'const a = ;\nif (fetch(location)) {}\n'];
    for (const text of parsed) expect(scanText('broken.js', text).warnings).toHaveLength(1);
  });
});

describe('KeywordIndex, case-sensitive (the code prefilter)', () => {
  it('finds each word in its exact case, overlapping and at the ends of the text', () => {
    const index = new KeywordIndex(['eval', 'exec', 'execute', 'he', 'she', 'hers'], { caseSensitive: true });
    const found = (text: string) => index.find(Buffer.from(text)).flatMap((at, word) => (at ? [`${index.keywords[word]}@${at.join(',')}`] : []));
    expect(found('')).toEqual([]);
    expect(found('eva')).toEqual([]);
    expect(found('xeval')).toEqual(['eval@1']);
    expect(found('execute')).toEqual(['exec@0', 'execute@0']);
    expect(found('ushers')).toEqual(['he@2', 'she@1', 'hers@2']);
    expect(found('EVAL é exec')).toEqual(['exec@8']);
    expect(found('ex\u00e9c')).toEqual([]);
  });
});

describe('regexLiteralsIn', () => {
  it('finds each regex literal with the pattern as written, wherever an expression can start, among look-alikes', () => {
    const text = [
      'const a = /^(a+)+$/u, b = x / 2;',
      'return /[/\\]]+/g.test(s) || (/x\\/y/);',
      '  /^#/.test(line)',
      "f('a /', /(b|bb)*/); // see a/b/c",
    ].join('\n');
    expect(regexLiteralsIn(text).map((literal) => [literal.pattern, text.slice(literal.start, literal.end)])).toEqual(expect.arrayContaining([
      ['^(a+)+$', '/^(a+)+$/'],
      ['[/\\]]+', '/[/\\]]+/'],
      ['x\\/y', '/x\\/y/'],
      ['^#', '/^#/'],
      ['(b|bb)*', '/(b|bb)*/'],
    ]));
  });
});
