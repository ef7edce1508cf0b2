import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSecretsScanner, loadGitleaksRules } from '../../src/agents/security/scanners/secrets';
import { translateGoRegex } from '../../src/agents/security/scanners/secrets/go-regex';
import { hex, lowerAlnum, upperAlnum } from '../fixtures/secrets/fake-tokens';

const FILE = '.gitleaks.toml';
const toml = readFileSync(new URL('../fixtures/secrets/gitleaks.toml', import.meta.url), 'utf8');

function scannerFor(text: string) {
  const config = loadGitleaksRules(text, FILE);
  return { config, scanner: createSecretsScanner({ extraRules: config.rules, allowlists: config.allowlists }) };
}

const ids = (findings: { ruleId: string }[]) => findings.map((f) => f.ruleId);

describe('loadGitleaksRules', () => {
  const { config, scanner } = scannerFor(toml);
  const scan = (path: string, text: string) => scanner.scan({ path, text }, () => {});

  it('imports the rules JavaScript can run and names each skipped rule in a warning', () => {
    expect(config.rules.map((r) => r.meta.id)).toEqual([
      'secret/custom-acme-api-key',
      'secret/custom-internal-service-token',
      'secret/custom-legacy-key',
    ]);
    expect(config.warnings).toHaveLength(2);
    expect(config.warnings[0]).toMatch(/rule ungreedy skipped/);
    expect(config.warnings[1]).toMatch(/rule pem-files skipped/);
    expect(config.rules[0].meta).toMatchObject({ title: 'Acme API key', scanner: 'secrets', cwe: ['CWE-798'] });
  });

  it('turns a leading (?i) into the i flag and lower-cases keywords', () => {
    const key = hex(32);
    expect(ids(scan('src/a.ts', `const k = "ACME_${key.toUpperCase()}";`))).toEqual(['secret/custom-acme-api-key']);
    expect(ids(scan('src/a.ts', `acme_${hex(20)}`))).toEqual([]);
  });

  it('applies the global allowlist: paths and regexes', () => {
    expect(ids(scan('testdata/keys.txt', `acme_${hex(32)}`))).toEqual([]);
    expect(ids(scan('src/a.ts', `ACME_${hex(24).toUpperCase()}DEADBEEF`))).toEqual([]);
  });

  it('translates (?P<name>) and a (?i) in the middle, honours secretGroup, path and stopwords', () => {
    const token = `${lowerAlnum(12)}${upperAlnum(12)}`;
    const [finding] = scan('deploy/app.yaml', `svc-token = "ist_${token}"`);
    expect(finding).toMatchObject({ ruleId: 'secret/custom-internal-service-token', line: 1, column: 18 });
    expect(JSON.stringify(finding)).not.toContain(token);
    expect(scan('deploy/app.json', `svc-token = "ist_${token}"`)).toEqual([]);
    expect(scan('deploy/app.yaml', `svc-token = "ist_localdev${lowerAlnum(16)}"`)).toEqual([]);
  });

  it('honours rule allowlists with a line target and an AND condition', () => {
    const key = `LEGACY-${upperAlnum(16)}`;
    expect(ids(scan('src/a.txt', key))).toEqual(['secret/custom-legacy-key']);
    expect(ids(scan('src/a.txt', `${key} # not-a-secret`))).toEqual([]);
    expect(ids(scan('test/fixtures/a.txt', key))).toEqual(['secret/custom-legacy-key']);
    expect(ids(scan('test/fixtures/a.txt', `LEGACY-ZZ${upperAlnum(14)}`))).toEqual([]);
    expect(ids(scan('src/a.txt', `LEGACY-ZZ${upperAlnum(14)}`))).toEqual(['secret/custom-legacy-key']);
  });

  it('rejects malformed TOML with the file name and line', () => {
    expect(() => loadGitleaksRules('[[rules]]\nid = "x"\nregex = \'\'\'abc\n', FILE)).toThrow(/^\.gitleaks\.toml:\d+:\d+: invalid TOML/);
    expect(() => loadGitleaksRules('title = "t"\n\n[[rules]\nid = "x"\n', FILE)).toThrow(/^\.gitleaks\.toml:3:/);
  });

  it('rejects fields of the wrong type, naming the file', () => {
    expect(() => loadGitleaksRules('[[rules]]\nid = "x"\nentropy = "high"\n', FILE)).toThrow(/\.gitleaks\.toml.*\n.*entropy/s);
  });
});

describe('translateGoRegex', () => {
  it('rewrites RE2-only syntax', () => {
    expect(translateGoRegex('\\b(LTAI(?i)[a-z0-9]{4})\\b')).toEqual({ regex: /\b(LTAI[a-z0-9A-Z]{4})\b/ });
    expect(translateGoRegex('x(?i:ab[c-f])Z')).toEqual({ regex: /x(?:[aA][bB][c-fC-F])Z/ });
    expect(translateGoRegex('[[:alnum:]]+\\z')).toEqual({ regex: /[a-zA-Z0-9]+(?![\s\S])/ });
    expect(translateGoRegex('\\Qa.b\\E')).toEqual({ regex: /a\.b/ });
  });

  it('reports what it cannot translate', () => {
    expect(translateGoRegex('(?U)a+')).toHaveProperty('error');
    expect(translateGoRegex('a(?-i)b')).toHaveProperty('error');
    expect(translateGoRegex('a[b')).toHaveProperty('error');
  });
});
