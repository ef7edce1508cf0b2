import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLockfile, parserFor } from '../../src/agents/security/scanners/deps/lockfiles';
import type { LockfileContents } from '../../src/agents/security/scanners/deps/package';

const FIXTURES = join(import.meta.dirname, '../fixtures/deps/lockfiles');

function parseFixture(path: string): LockfileContents {
  const parse = parserFor(path);
  if (!parse) throw new Error(`no parser for ${path}`);
  return parse(path, readFileSync(join(FIXTURES, path), 'utf8'));
}

function parseText(path: string, text: string): LockfileContents {
  const parse = parserFor(path);
  if (!parse) throw new Error(`no parser for ${path}`);
  return parse(path, text);
}

const summary = (result: LockfileContents): string[] =>
  result.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}:${p.line}`);

describe('isLockfile', () => {
  it.each([
    'package-lock.json',
    'web/npm-shrinkwrap.json',
    'yarn.lock',
    'a/b/pnpm-lock.yaml',
    'requirements.txt',
    'requirements-dev.txt',
    'dev-requirements.txt',
    'poetry.lock',
    'Pipfile.lock',
    'Cargo.lock',
    'svc/go.mod',
    'go.sum',
    'Gemfile.lock',
    'composer.lock',
  ])('recognises %s', (path) => expect(isLockfile(path)).toBe(true));

  it.each(['package.json', 'Pipfile', 'Cargo.toml', 'Gemfile', 'composer.json', 'requirements.in', 'go.mod.bak', 'myrequirementsfile.txt'])(
    'ignores %s',
    (path) => expect(isLockfile(path)).toBe(false),
  );
});

describe('package-lock.json', () => {
  it('v1: walks nested dependencies, follows npm: aliases, skips file: versions', () => {
    const result = parseFixture('npm-v1/package-lock.json');
    expect(summary(result)).toEqual(['npm lodash@4.17.20:7', 'npm lodash@4.17.15:12', 'npm express@4.17.1:15', 'npm ip@1.1.8:18']);
    expect(result.warnings).toEqual([]);
    expect(result.packages[0]?.file).toBe('npm-v1/package-lock.json');
  });

  it('v3: reads the packages map, skips the root, links and workspace sources, honours name overrides', () => {
    const result = parseFixture('npm-v3/package-lock.json');
    expect(summary(result)).toEqual([
      'npm lodash@4.17.20:12',
      'npm @scope/tool@2.0.0:16',
      'npm ip@2.0.1:19',
      'npm lodash@4.17.15:22',
    ]);
  });

  it('malformed JSON gives one warning with the line and no packages', () => {
    const result = parseText('package-lock.json', '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/a": { "version": 1.0.0 }\n');
    expect(result.packages).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ file: 'package-lock.json', line: 4 });
  });

  it('a __proto__ key is data, not a prototype', () => {
    const result = parseText('package-lock.json', '{"packages": {"node_modules/__proto__": {"version": "1.0.0"}}}');
    expect(summary(result)).toEqual(['npm __proto__@1.0.0:1']);
    expect(({} as Record<string, unknown>).version).toBeUndefined();
  });
});

describe('yarn.lock', () => {
  it('v1: first spec names the package, aliases resolve, local protocols are skipped', () => {
    const result = parseFixture('yarn-v1/yarn.lock');
    expect(summary(result)).toEqual(['npm @babel/code-frame@7.12.13:5', 'npm lodash@4.17.20:11', 'npm lodash@4.17.15:15']);
    expect(result.warnings).toEqual([]);
  });

  it('v1: a garbled header is reported with its line and parsing goes on', () => {
    const result = parseText('yarn.lock', 'garbage line\nlodash@^4:\n  version "4.17.20"\n');
    expect(summary(result)).toEqual(['npm lodash@4.17.20:2']);
    expect(result.warnings).toEqual([expect.objectContaining({ file: 'yarn.lock', line: 1 })]);
  });

  it('berry: registry and patched registry packages; workspaces skipped', () => {
    const result = parseFixture('yarn-berry/yarn.lock');
    expect(summary(result)).toEqual(['npm lodash@4.17.20:8', 'npm resolve@1.22.1:15']);
  });

  it('berry: broken YAML gives a warning with a line', () => {
    const result = parseText('yarn.lock', '__metadata:\n  version: 8\n\n"lodash@npm:^4":\n  version: [4.17.20\n');
    expect(result.packages).toEqual([]);
    expect(result.warnings[0]?.line).toBeGreaterThanOrEqual(5);
  });
});

describe('pnpm-lock.yaml', () => {
  it('v6: /name@version keys, peer suffixes stripped and deduplicated, non-registry keys skipped', () => {
    expect(summary(parseFixture('pnpm-v6/pnpm-lock.yaml'))).toEqual(['npm lodash@4.17.20:10', 'npm @babel/core@7.23.0:14']);
  });

  it('v9: name@version keys of packages (snapshots not counted twice)', () => {
    expect(summary(parseFixture('pnpm-v9/pnpm-lock.yaml'))).toEqual(['npm @babel/core@7.23.0:17', 'npm lodash@4.17.20:20']);
  });

  it('v5: /name/version_peer keys', () => {
    const text = "lockfileVersion: 5.4\npackages:\n  /lodash/4.17.20:\n    dev: false\n  /@types/node/18.0.0_abc:\n    dev: true\n";
    expect(summary(parseText('pnpm-lock.yaml', text))).toEqual(['npm lodash@4.17.20:3', 'npm @types/node@18.0.0:5']);
  });
});

describe('requirements.txt', () => {
  it('keeps exact pins only, with extras, markers, comments, hashes and continuations', () => {
    const result = parseFixture('pip/requirements.txt');
    expect(summary(result)).toEqual(['PyPI Requests@2.25.0:4', 'PyPI zope.interface@5.4.0:7']);
    expect(result.warnings).toEqual([{ file: 'pip/requirements.txt', line: 12, message: 'cannot parse requirement' }]);
  });
});

describe('TOML lockfiles', () => {
  it('poetry.lock: PyPI packages with the name line; directory sources skipped', () => {
    expect(summary(parseFixture('poetry/poetry.lock'))).toEqual(['PyPI requests@2.25.0:4']);
  });

  it('Cargo.lock: registry crates only', () => {
    expect(summary(parseFixture('cargo/Cargo.lock'))).toEqual(['crates.io time@0.1.42:13']);
  });

  it('malformed TOML is a warning with a line', () => {
    const result = parseText('Cargo.lock', '[[package]]\nname = "time"\nversion = \n');
    expect(result.packages).toEqual([]);
    expect(result.warnings[0]).toMatchObject({ file: 'Cargo.lock', line: 3 });
  });
});

describe('Pipfile.lock', () => {
  it('reads default and develop pins; VCS entries have no version', () => {
    expect(summary(parseFixture('pipenv/Pipfile.lock'))).toEqual(['PyPI requests@2.25.0:9', 'PyPI pytest@7.4.0:20']);
  });
});

describe('go.mod and go.sum', () => {
  it('go.mod: require lines and blocks, replace wins, local replacements dropped, v removed', () => {
    const result = parseFixture('go/go.mod');
    expect(summary(result)).toEqual([
      'Go github.com/gin-gonic/gin@1.9.1:6',
      'Go golang.org/x/text@0.3.0:7',
      'Go github.com/old/lib@2.0.0+incompatible:8',
      'Go golang.org/x/net@0.23.0:14',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('go.mod: a version-specific replace applies to that version only', () => {
    const text = 'module m\nrequire a.com/x v1.0.0\nreplace a.com/x v0.9.0 => a.com/y v2.0.0\n';
    expect(summary(parseText('go.mod', text))).toEqual(['Go a.com/x@1.0.0:2']);
  });

  it('go.mod: malformed lines and unterminated blocks are warnings', () => {
    const result = parseText('go.mod', 'module m\nrequire only-a-name\nrequire (\n\ta.com/x v1.0.0\n');
    expect(summary(result)).toEqual(['Go a.com/x@1.0.0:4']);
    expect(result.warnings.map((w) => w.line)).toEqual([2, 3]);
  });

  it('go.sum: modules with a content hash, not /go.mod-only lines', () => {
    expect(summary(parseFixture('gosum/go.sum'))).toEqual(['Go golang.org/x/text@0.3.0:1']);
  });
});

describe('Gemfile.lock', () => {
  it('reads GEM specs, strips platforms, skips GIT gems and dependency lines', () => {
    expect(summary(parseFixture('ruby/Gemfile.lock'))).toEqual([
      'RubyGems mini_portile2@2.4.0:10',
      'RubyGems nokogiri@1.10.10:11',
      'RubyGems rack@2.2.3:13',
    ]);
  });
});

describe('composer.lock', () => {
  it('reads packages and packages-dev, strips v, skips branch versions', () => {
    expect(summary(parseFixture('php/composer.lock'))).toEqual(['Packagist guzzlehttp/guzzle@7.4.2:6', 'Packagist phpunit/phpunit@9.6.13:17']);
  });
});
