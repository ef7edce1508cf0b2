import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAffected } from '../../src/agents/security/scanners/deps/affected';
import { statedSeverity } from '../../src/agents/security/scanners/deps/advisory-severity';
import { cvss3BaseScore } from '../../src/agents/security/scanners/deps/cvss';
import type { OsvVulnerability } from '../../src/agents/security/scanners/deps/osv';
import { orderingFor } from '../../src/agents/security/scanners/deps/versions';
import type { Ecosystem } from '../../src/agents/security/scanners/deps/package';

const advisory = (id: string): OsvVulnerability =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/deps/advisories', `${id}.json`), 'utf8')) as OsvVulnerability;

/** Each row: a < b in that ecosystem (and so b > a). */
const ascending: [Ecosystem, string, string][] = [
  ['npm', '1.0.0-rc.1', '1.0.0'],
  ['npm', '1.0.0-alpha', '1.0.0-alpha.1'],
  ['npm', '1.0.0-beta.2', '1.0.0-beta.11'],
  ['npm', '1.9.0', '1.10.0'],
  ['crates.io', '0.0.0-0', '0.1.42'],
  ['crates.io', '0.2.22', '0.2.23'],
  ['Go', 'v1.2.3', '1.2.4'],
  ['Go', 'v0.0.0-20190620200207-3b0461eec859', 'v0.0.1'],
  ['Go', '1.9.0', 'v1.10.0'],
  ['PyPI', '2.0.0a1', '2.0.0'],
  ['PyPI', '2.0.0rc1', '2.0.0'],
  ['PyPI', '2.0.0', '2.0.0.post1'],
  ['PyPI', '1.0.dev0', '1.0a1'],
  ['PyPI', '1.9', '1.10'],
  ['RubyGems', '1.0.0.pre', '1.0.0'],
  ['RubyGems', '1.0.0.rc1', '1.0.0'],
  ['RubyGems', '1.0.0-rc1', '1.0.0'],
  ['RubyGems', '1.0.a', '1.0.b'],
  ['RubyGems', '1.9', '1.10'],
  ['RubyGems', '1.13.3', '1.13.4'],
  ['Packagist', '1.0.0-beta2', '1.0.0'],
  ['Packagist', '1.0.0-dev', '1.0.0-alpha1'],
  ['Packagist', '1.0.0-alpha1', '1.0.0-beta1'],
  ['Packagist', '1.0.0-RC1', '1.0.0'],
  ['Packagist', '1.0.0', '1.0.0-patch1'],
  ['Packagist', 'v1.9.0', '1.10.0'],
  ['Packagist', '7.4.2', '7.4.3'],
];

/** Each row: a == b in that ecosystem. */
const equal: [Ecosystem, string, string][] = [
  ['Go', 'v1.2.3+incompatible', '1.2.3'],
  ['Go', 'v2.0.0+incompatible', 'v2.0.0'],
  ['PyPI', '1.0', '1.0.0'],
  ['PyPI', '1.0-post1', '1.0.post1'],
  ['RubyGems', '1.0', '1.0.0'],
  ['Packagist', 'v1.2', '1.2.0'],
  ['Packagist', '1.2.0.0', '1.2'],
  ['npm', '1.0.0+build.5', '1.0.0'],
];

describe('version orderings', () => {
  it.each(ascending)('%s: %s < %s', (ecosystem, a, b) => {
    const ordering = orderingFor(ecosystem);
    expect(ordering.valid(a) && ordering.valid(b)).toBe(true);
    expect(ordering.compare(a, b)).toBeLessThan(0);
    expect(ordering.compare(b, a)).toBeGreaterThan(0);
  });

  it.each(equal)('%s: %s == %s', (ecosystem, a, b) => {
    expect(orderingFor(ecosystem).compare(a, b)).toBe(0);
  });

  it.each([
    ['npm', 'github:user/repo#abc'],
    ['PyPI', 'not a version'],
    ['RubyGems', '1..2'],
    ['Packagist', 'dev-main'],
  ] as [Ecosystem, string][])('%s rejects %s', (ecosystem, version) => {
    expect(orderingFor(ecosystem).valid(version)).toBe(false);
  });
});

const withEvents = (ecosystem: Ecosystem, type: string, events: object[], versions: string[] = []): OsvVulnerability => ({
  id: 'TEST-1',
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem, name: 'pkg' }, ranges: [{ type, events }], versions }],
});

/** The advisory without its explicit version list, so only its ranges decide. */
const rangesOnly = (id: string): OsvVulnerability => {
  const vuln = advisory(id);
  return { ...vuln, affected: vuln.affected?.map((entry) => ({ ...entry, versions: [] })) };
};

describe('isAffected', () => {
  it('introduced "0" and fixed', () => {
    const vuln = rangesOnly('GHSA-35jh-r3h4-6jhm');
    expect(isAffected(vuln, 'npm', 'lodash', '0.1.0')).toBe(true);
    expect(isAffected(vuln, 'npm', 'lodash', '4.17.20')).toBe(true);
    expect(isAffected(vuln, 'npm', 'lodash', '4.17.21')).toBe(false);
    expect(isAffected(vuln, 'npm', 'lodash-es', '4.17.20')).toBe(false);
    expect(isAffected(vuln, 'PyPI', 'lodash', '4.17.20')).toBe(false);
  });

  it('introduced above zero: versions before it are not affected', () => {
    const vuln = rangesOnly('GHSA-p6mc-m468-83gw');
    expect(isAffected(vuln, 'npm', 'lodash', '3.6.0')).toBe(false);
    expect(isAffected(vuln, 'npm', 'lodash', '3.7.0')).toBe(true);
    expect(isAffected(vuln, 'npm', 'lodash', '4.17.19')).toBe(false);
    expect(isAffected(vuln, 'npm', 'lodash', '4.17.20')).toBe(false);
  });

  it('last_affected includes that version and nothing after it', () => {
    const vuln = rangesOnly('GHSA-2p57-rm9w-gvfp');
    expect(isAffected(vuln, 'npm', 'ip', '2.0.1-rc.1')).toBe(true);
    expect(isAffected(vuln, 'npm', 'ip', '2.0.1')).toBe(true);
    expect(isAffected(vuln, 'npm', 'ip', '2.0.2')).toBe(false);
  });

  it('several introduced/fixed pairs, given out of order', () => {
    const vuln = withEvents('Packagist', 'ECOSYSTEM', [
      { fixed: '7.4.3' },
      { introduced: '7.0.0' },
      { fixed: '6.5.6' },
      { introduced: '0' },
    ]);
    expect(isAffected(vuln, 'Packagist', 'pkg', '6.5.5')).toBe(true);
    expect(isAffected(vuln, 'Packagist', 'pkg', '6.5.6')).toBe(false);
    expect(isAffected(vuln, 'Packagist', 'pkg', '6.9.0')).toBe(false);
    expect(isAffected(vuln, 'Packagist', 'pkg', 'v7.4.2')).toBe(true);
    expect(isAffected(vuln, 'Packagist', 'pkg', '7.4.3')).toBe(false);
  });

  it('limit caps a range', () => {
    const vuln = withEvents('npm', 'SEMVER', [{ introduced: '1.0.0' }, { limit: '2.0.0' }]);
    expect(isAffected(vuln, 'npm', 'pkg', '1.5.0')).toBe(true);
    expect(isAffected(vuln, 'npm', 'pkg', '2.0.0')).toBe(false);
    expect(isAffected(vuln, 'npm', 'pkg', '3.0.0')).toBe(false);
  });

  it('prereleases fall inside the range before their release', () => {
    const vuln = withEvents('npm', 'SEMVER', [{ introduced: '0' }, { fixed: '2.0.0' }]);
    expect(isAffected(vuln, 'npm', 'pkg', '2.0.0-rc.1')).toBe(true);
    const python = withEvents('PyPI', 'ECOSYSTEM', [{ introduced: '0' }, { fixed: '2.0.0' }]);
    expect(isAffected(python, 'PyPI', 'pkg', '2.0.0a1')).toBe(true);
    expect(isAffected(python, 'PyPI', 'pkg', '2.0.0.post1')).toBe(false);
    const ruby = withEvents('RubyGems', 'ECOSYSTEM', [{ introduced: '0' }, { fixed: '1.0.0' }]);
    expect(isAffected(ruby, 'RubyGems', 'pkg', '1.0.0.pre')).toBe(true);
  });

  it('Go: SEMVER events without v match module versions with v and +incompatible', () => {
    const vuln = withEvents('Go', 'SEMVER', [{ introduced: '2.0.0' }, { fixed: '2.1.0' }]);
    expect(isAffected(vuln, 'Go', 'pkg', 'v2.0.0+incompatible')).toBe(true);
    expect(isAffected(vuln, 'Go', 'pkg', '2.1.0+incompatible')).toBe(false);
    expect(isAffected(rangesOnly('GO-2020-0015'), 'Go', 'golang.org/x/text', 'v0.3.0')).toBe(true);
    expect(isAffected(rangesOnly('GO-2020-0015'), 'Go', 'golang.org/x/text', '0.3.3')).toBe(false);
  });

  it('PyPI names are normalised; explicit versions match by value', () => {
    const vuln = withEvents('PyPI', 'GIT', [{ introduced: 'abc' }], ['1.0']);
    vuln.affected![0]!.package!.name = 'Zope.Interface';
    expect(isAffected(vuln, 'PyPI', 'zope-interface', '1.0.0')).toBe(true);
    expect(isAffected(vuln, 'PyPI', 'zope__interface', '1.0')).toBe(true);
    expect(isAffected(vuln, 'PyPI', 'zope-interface', '1.1')).toBe(false);
  });

  it('an explicit versions entry matches even outside the ranges', () => {
    const vuln = withEvents('npm', 'SEMVER', [{ introduced: '2.0.0' }], ['1.5.0']);
    expect(isAffected(vuln, 'npm', 'pkg', '1.5.0')).toBe(true);
    expect(isAffected(vuln, 'npm', 'pkg', '1.6.0')).toBe(false);
  });

  it('GIT ranges never match versions', () => {
    const vuln = withEvents('npm', 'GIT', [{ introduced: '0' }]);
    expect(isAffected(vuln, 'npm', 'pkg', '1.0.0')).toBe(false);
  });
});

describe('CVSS 3 base score', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', 7.4],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', 5.3],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N', 6.1],
    ['CVSS:3.1/AV:L/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H', 5.1],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
  ])('%s = %d', (vector, score) => expect(cvss3BaseScore(vector)).toBe(score));

  it.each(['CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', 'CVSS:3.1/AV:N/AC:L', 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'])(
    'rejects %s',
    (vector) => expect(cvss3BaseScore(vector)).toBeUndefined(),
  );

  it('severity: the database rating wins, then the CVSS vector, else none', () => {
    expect(statedSeverity(advisory('GHSA-29mw-wpgm-hmr9'))).toBe('medium');
    expect(statedSeverity(advisory('GHSA-35jh-r3h4-6jhm'))).toBe('high');
    expect(statedSeverity(advisory('RUSTSEC-2020-0071'))).toBe('medium');
    expect(statedSeverity({ ...advisory('RUSTSEC-2020-0071'), severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] })).toBe('critical');
    expect(statedSeverity(advisory('GO-2020-0015'))).toBeUndefined();
  });
});
