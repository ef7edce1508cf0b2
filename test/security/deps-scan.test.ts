import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintOf, type Finding } from '../../src/agents/security/findings';
import { scanDependencies } from '../../src/agents/security/scanners/deps';
import type { OsvSource } from '../../src/agents/security/scanners/deps/sources/source';
import { createOsvApiSource } from '../../src/agents/security/scanners/deps/sources/osv-api';
import { startFakeOsv, type FakeOsv } from '../fakes/osv';
import { LOCKFILES, loadAdvisories } from './deps-fixtures';

let fake: FakeOsv;
let source: OsvSource;

beforeEach(async () => {
  fake = await startFakeOsv({ vulns: loadAdvisories() });
  const cache = new Map<string, string>();
  source = createOsvApiSource({
    baseUrl: fake.url,
    cache: { get: (k) => cache.get(k), put: (k, v) => void cache.set(k, v) },
    retry: { attempts: 1 },
  });
});
afterEach(() => fake.close());

const find = (findings: Finding[], file: string, ruleId: string, version?: string): Finding | undefined =>
  findings.find((f) => f.file === file && f.ruleId === ruleId && (version === undefined || f.dependency?.version === version));

describe('scanDependencies', () => {
  it('reports one finding per lockfile location, package version and advisory', async () => {
    const result = await scanDependencies({
      root: LOCKFILES,
      lockfiles: [
        'npm-v3/package-lock.json',
        'yarn-v1/yarn.lock',
        'pip/requirements.txt',
        'go/go.mod',
        'ruby/Gemfile.lock',
        'php/composer.lock',
        'cargo/Cargo.lock',
        'README.md',
      ],
      source,
    });

    expect(fake.requestsTo('/v1/querybatch')).toHaveLength(1);
    expect(result.packages).toBe(4 + 3 + 2 + 4 + 3 + 2 + 1);
    expect(result.warnings).toEqual([{ file: 'pip/requirements.txt', line: 12, message: 'cannot parse requirement' }]);

    const summary = result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}`);
    expect(summary).toEqual([
      'cargo/Cargo.lock:13 dep/RUSTSEC-2020-0071 medium',
      'go/go.mod:7 dep/GO-2020-0015 medium',
      'npm-v3/package-lock.json:12 dep/GHSA-29mw-wpgm-hmr9 medium',
      'npm-v3/package-lock.json:12 dep/GHSA-35jh-r3h4-6jhm high',
      'npm-v3/package-lock.json:19 dep/GHSA-2p57-rm9w-gvfp high',
      'npm-v3/package-lock.json:22 dep/GHSA-29mw-wpgm-hmr9 medium',
      'npm-v3/package-lock.json:22 dep/GHSA-35jh-r3h4-6jhm high',
      'npm-v3/package-lock.json:22 dep/GHSA-p6mc-m468-83gw high',
      'php/composer.lock:6 dep/GHSA-w248-ffj2-4v5q high',
      'pip/requirements.txt:4 dep/GHSA-j8r2-6x86-q33q medium',
      'ruby/Gemfile.lock:11 dep/GHSA-crjr-9rc5-ghw8 high',
      'yarn-v1/yarn.lock:11 dep/GHSA-29mw-wpgm-hmr9 medium',
      'yarn-v1/yarn.lock:11 dep/GHSA-35jh-r3h4-6jhm high',
      'yarn-v1/yarn.lock:15 dep/GHSA-29mw-wpgm-hmr9 medium',
      'yarn-v1/yarn.lock:15 dep/GHSA-35jh-r3h4-6jhm high',
      'yarn-v1/yarn.lock:15 dep/GHSA-p6mc-m468-83gw high',
    ]);

    const lodash = find(result.findings, 'npm-v3/package-lock.json', 'dep/GHSA-35jh-r3h4-6jhm', '4.17.20') as Finding;
    expect(lodash).toMatchObject({
      scanner: 'dependencies',
      title: 'Command Injection in lodash',
      fix: 'Upgrade lodash to 4.17.21',
      snippet: '"node_modules/lodash": {',
      cwe: ['CWE-77', 'CWE-94'],
      owasp: ['A06:2021'],
      fingerprint: fingerprintOf('dep/GHSA-35jh-r3h4-6jhm', 'npm-v3/package-lock.json', 'lodash@4.17.20'),
      dependency: {
        ecosystem: 'npm',
        name: 'lodash',
        version: '4.17.20',
        advisories: ['GHSA-35jh-r3h4-6jhm'],
        aliases: ['CVE-2021-23337'],
        fixedVersions: ['4.17.21'],
      },
    });
    expect(lodash.message).toContain('lodash 4.17.20 (npm)');
    expect(lodash.message).toContain('CVE-2021-23337');

    const requests = find(result.findings, 'pip/requirements.txt', 'dep/GHSA-j8r2-6x86-q33q') as Finding;
    expect(requests.dependency).toMatchObject({
      advisories: ['GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74'],
      aliases: ['CVE-2023-32681'],
      fixedVersions: ['2.31.0'],
    });
    expect(requests.fix).toBe('Upgrade Requests to 2.31.0');

    const ip = find(result.findings, 'npm-v3/package-lock.json', 'dep/GHSA-2p57-rm9w-gvfp') as Finding;
    expect(ip.fix).toMatch(/^No fixed version yet: remove or replace ip/);
    expect(ip.dependency?.fixedVersions).toEqual([]);

    const guzzle = find(result.findings, 'php/composer.lock', 'dep/GHSA-w248-ffj2-4v5q') as Finding;
    expect(guzzle.fix).toBe('Upgrade guzzlehttp/guzzle to 7.4.3');
    expect(guzzle.dependency?.fixedVersions).toEqual(['6.5.6', '7.4.3']);

    const go = find(result.findings, 'go/go.mod', 'dep/GO-2020-0015') as Finding;
    expect(go.dependency?.aliases).toEqual(['CVE-2020-14040', 'GHSA-5rcv-m4m3-hfh7']);
    expect(go.cwe).toBeUndefined();

    const ruleIds = result.rules.map((r) => r.id).sort();
    expect(ruleIds).toEqual([...new Set(result.findings.map((f) => f.ruleId))].sort());
    const rule = result.rules.find((r) => r.id === 'dep/GHSA-w248-ffj2-4v5q');
    expect(rule).toMatchObject({
      scanner: 'dependencies',
      title: 'Cross-domain cookie leakage in Guzzle',
      fix: 'Upgrade guzzlehttp/guzzle to 6.5.6',
      severity: 'high',
      cwe: ['CWE-200', 'CWE-284'],
    });
    expect(rule?.description.startsWith('Previous version of Guzzle')).toBe(true);
  });

  it('skips go.sum when a go.mod sits beside it', async () => {
    const files: Record<string, string> = {
      'svc/go.mod': 'module m\n\nrequire golang.org/x/text v0.3.2\n',
      'svc/go.sum': 'golang.org/x/text v0.3.0 h1:abc=\n',
      'lib/go.sum': 'golang.org/x/text v0.3.0 h1:abc=\n',
    };
    const readFile = async (path: string): Promise<string> => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    };
    const result = await scanDependencies({ root: '/repo', lockfiles: ['svc/go.sum', 'lib/go.sum'], readFile, source });
    expect(result.findings.map((f) => `${f.file} ${f.dependency?.version}`)).toEqual(['lib/go.sum 0.3.0']);
  });

  it('an unreadable lockfile is a warning and the scan goes on', async () => {
    const result = await scanDependencies({ root: LOCKFILES, lockfiles: ['missing/yarn.lock', 'ruby/Gemfile.lock'], source });
    expect(result.warnings).toEqual([{ file: 'missing/yarn.lock', message: 'cannot read lockfile: ENOENT' }]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['dep/GHSA-crjr-9rc5-ghw8']);
  });

  it('does not ask the source when there are no packages', async () => {
    const result = await scanDependencies({
      root: LOCKFILES,
      lockfiles: ['yarn.lock'],
      readFile: async () => '# yarn lockfile v1\n',
      source,
    });
    expect(result).toEqual({ findings: [], rules: [], warnings: [], packages: 0 });
    expect(fake.requests).toEqual([]);
  });

  it('a failing source rejects so the caller can say the dependency scan was skipped', async () => {
    fake.failNext('/v1/querybatch', { status: 503 });
    await expect(scanDependencies({ root: LOCKFILES, lockfiles: ['ruby/Gemfile.lock'], source })).rejects.toThrow('HTTP 503');
  });

  it('reads lockfiles from disk under root by default', async () => {
    const text = await readFile(join(LOCKFILES, 'ruby/Gemfile.lock'), 'utf8');
    const viaDisk = await scanDependencies({ root: LOCKFILES, lockfiles: ['ruby/Gemfile.lock'], source });
    const viaReader = await scanDependencies({ root: '/elsewhere', lockfiles: ['ruby/Gemfile.lock'], readFile: async () => text, source });
    expect(viaDisk.findings).toEqual(viaReader.findings);
    expect(viaDisk.findings).toHaveLength(1);
  });
});
