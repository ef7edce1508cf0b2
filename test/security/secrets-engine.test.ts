import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src/agents/security/findings';
import { createSecretsScanner, maskSecret, type SecretRule } from '../../src/agents/security/scanners/secrets';
import { sourceFile } from '../../src/agents/security/file-reader';
import { KeywordIndex } from '../../src/agents/security/scanners/keyword-index';
import { alnum, base32, digits, hex, pem } from '../fixtures/secrets/fake-tokens';

const scanner = createSecretsScanner();
const scan = (text: string, path = 'app/settings.py') => scanner.scan({ path, text }, () => {});

describe('maskSecret', () => {
  it('keeps at most the first four characters', () => {
    expect(maskSecret(`ghp_${'a1'.repeat(18)}`)).toBe('ghp_****');
    expect(maskSecret('s3cr3tpw')).toBe('s3****');
    expect(maskSecret('abc')).toBe('****');
  });
});

describe('KeywordIndex', () => {
  it('finds every occurrence of every keyword, overlapping and in any case', () => {
    const index = new KeywordIndex(['sk', 'sk-proj-', 'ask', 'akia']);
    expect(index.find(Buffer.from('Ask SK-PROJ-x; akiA task'))).toEqual([[1, 4, 22], [4], [0, 21], [15]]);
    expect(index.find(Buffer.from('nothing here'))).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('finds what a plain search finds, in texts of every length', () => {
    const keywords = ['sk', 'sk-proj-', 'ask', 'token', 'secret_access_key'];
    const index = new KeywordIndex(keywords);
    const words = ['Ask', 'sk-Proj-', 'tok', 'en', 'SECRET_', 'access_key', 'x', 'é', '\n'];
    for (let seed = 1; seed < 300; seed++) {
      let text = '';
      for (let n = seed; text.length < seed % 97; n = (n * 7919 + 13) % 10007) text += words[n % words.length];
      const bytes = Buffer.from(text);
      const lower = Buffer.from(text.toLowerCase());
      const expected = keywords.map((keyword) => {
        const at: number[] = [];
        for (let i = lower.indexOf(keyword); i !== -1; i = lower.indexOf(keyword, i + 1)) at.push(i);
        return at.length > 0 ? at : undefined;
      });
      expect(index.find(bytes)).toEqual(expected);
    }
  });

  it('finds every one of many occurrences in a large text', () => {
    const index = new KeywordIndex(['sk']);
    const [offsets] = index.find(Buffer.from('sk '.repeat(100_000)));
    expect(offsets).toHaveLength(100_000);
    expect(offsets!.every((at, n) => at === 3 * n)).toBe(true);
  });

  it('gives byte offsets past multi-byte characters, and matches keywords with non-ASCII letters in either case', () => {
    const index = new KeywordIndex(['sk', 'clé']);
    expect(index.find(Buffer.from('é sk CLÉ clé Clé'))).toEqual([[3], [6, 11, 16]]);
  });
});

describe('secrets scanner', () => {
  it('reports line and 1-based column of the secret, in LF and CRLF files', () => {
    const token = `ghp_${alnum(36)}`;
    for (const eol of ['\n', '\r\n']) {
      const [finding] = scan(['# settings', 'DEBUG = False', `GITHUB = "${token}"  # deploy`].join(eol));
      expect(finding).toMatchObject({ ruleId: 'secret/github-pat', line: 3, column: 11, file: 'app/settings.py' });
      expect(finding.endLine).toBeUndefined();
      expect(finding.snippet).toBe('GITHUB = "ghp_****"  # deploy');
    }
  });

  it('reports a multi-line private key once, from its BEGIN line to its END line, masked', () => {
    const key = pem('OPENSSH PRIVATE KEY', 5);
    const findings = scan(`const a = 1;\nconst key = \`${key}\`;\n`, 'src/key.ts');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'secret/private-key', line: 2, column: 14, endLine: 9 });
    expect(findings[0].snippet).toBe('const key = `----****');
    const json = JSON.stringify(findings);
    for (const bodyLine of key.split('\n').slice(1, -1)) expect(json).not.toContain(bodyLine);
  });

  it('masks every secret on the line in every snippet', () => {
    const id = `AKIA${base32(16)}`;
    const secret = `${alnum(30)}/${alnum(9)}`;
    const findings = scan(`aws_access_key_id=${id} aws_secret_access_key=${secret}`);
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['secret/aws-access-key-id', 'secret/aws-secret-access-key']);
    for (const f of findings) {
      expect(f.snippet).toBe(`aws_access_key_id=AKIA**** aws_secret_access_key=${secret.slice(0, 4)}****`);
    }
  });

  it('reads a file from its bytes as from its text: lines and columns count characters, whatever the encoding', () => {
    const token = `ghp_${alnum(36)}`;
    const text = `// ½ café – naïve 🚀\nconst é = "ü"; GITHUB = "${token}" // 🚀\n`;
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xe9, 0x0a]), Buffer.from(`t2 = "${token}"\n`)]);
    const fromBytes = scanner.scan(sourceFile('app/a.py', bytes), () => {});
    const fromText = scanner.scan({ path: 'app/a.py', text: bytes.toString('utf8') }, () => {});
    expect(fromBytes).toEqual(fromText);
    expect(fromBytes.map((f) => [f.line, f.column, f.snippet])).toEqual([
      [2, 26, 'const é = "ü"; GITHUB = "ghp_****" // 🚀'],
      [4, 7, 't2 = "ghp_****"'],
    ]);
  });

  it('cuts snippets of long (minified) lines to 200 characters around the secret', () => {
    const token = `npm_${alnum(36)}`;
    const line = `${'var a=1;'.repeat(200)}var t="${token}";${'var b=2;'.repeat(200)}`;
    const [finding] = scan(line, 'dist/app.min.js');
    expect(finding.snippet!.length).toBeLessThanOrEqual(200);
    expect(finding.snippet).toContain('var t="npm_****"');
    expect(finding.column).toBe(1601 + 'var t="'.length);
  });

  it('reports one finding per rule, line and secret, with a fingerprint that survives line moves', () => {
    const token = `glpat-${alnum(20)}`;
    const findings = scan(`a=${token} b=${token}\n\nc=${token}`, 'ci/vars.env');
    expect(findings.map((f) => f.line)).toEqual([1, 3]);
    expect(new Set(findings.map((f) => f.fingerprint))).toEqual(
      new Set([fingerprintOf('secret/gitlab-pat', 'ci/vars.env', token)]),
    );
  });

  it('names the provider and the remedy in the message, never the value', () => {
    const token = `xoxb-${digits(11)}-${digits(12)}-${alnum(24)}`;
    const [finding] = scan(`SLACK=${token}`);
    expect(finding.message).toMatch(/Slack bot token/);
    expect(finding.message).toMatch(/Revoke/);
    expect(finding.message).not.toContain(token.slice(5));
  });

  it('drops a generic hit where a provider rule found the same secret', () => {
    const findings = scan(`api_key = "sk_live_${alnum(30)}"`);
    expect(findings.map((f) => f.ruleId)).toEqual(['secret/stripe-secret-key']);
  });

  it('stays quiet on ordinary code full of token, password and secret names', () => {
    const text = readFileSync(new URL('../fixtures/secrets/typical-code.ts.txt', import.meta.url), 'utf8');
    expect(scan(text, 'src/auth/login.ts')).toEqual([]);
  });

  it('skips binary, media and lockfiles by path', () => {
    expect(scanner.accepts('assets/logo.png')).toBe(false);
    expect(scanner.accepts('web/package-lock.json')).toBe(false);
    expect(scanner.accepts('go.sum')).toBe(false);
    expect(scanner.accepts('.env')).toBe(true);
    expect(scanner.accepts('src/config/production.yaml')).toBe(true);
  });

  it('runs extra rules with their keywords, secret group, entropy and path', () => {
    const rule: SecretRule = {
      meta: { ...scanner.rules[0], id: 'secret/custom-acme', title: 'Acme key' },
      keywords: ['acme_'],
      regex: /(acme)_([a-f0-9]{24})/g,
      secretGroup: 2,
      entropy: 3,
      path: /\.cfg$/,
    };
    const custom = createSecretsScanner({ extraRules: [rule] });
    const key = hex(24);
    const hits = custom.scan({ path: 'x/app.cfg', text: `KEY=ACME_${key}\nKEY=acme_${key}` }, () => {});
    expect(hits.map((f) => [f.ruleId, f.line, f.column])).toEqual([['secret/custom-acme', 2, 10]]);
    expect(custom.scan({ path: 'x/app.txt', text: `acme_${key}` }, () => {})).toEqual([]);
    expect(custom.scan({ path: 'x/app.cfg', text: `acme_${'0'.repeat(24)}` }, () => {})).toEqual([]);
    expect(custom.rules.map((r) => r.id)).toContain('secret/custom-acme');
  });
});
