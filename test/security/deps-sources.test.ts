import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OsvVulnerability } from '../../src/agents/security/scanners/deps/osv';
import { pkgKey, type Package } from '../../src/agents/security/scanners/deps/package';
import { createOfflineSource } from '../../src/agents/security/scanners/deps/sources/offline-source';
import { createOsvApiSource, type OsvApiSourceOptions } from '../../src/agents/security/scanners/deps/sources/osv-api';
import { updateOfflineDb } from '../../src/agents/security/scanners/deps/sources/update-offline-db';
import { startFakeOsv, type FakeOsv } from '../fakes/osv';
import { allZip, loadAdvisories } from './deps-fixtures';

const pkg = (ecosystem: Package['ecosystem'], name: string, version: string): Package => ({
  ecosystem,
  name,
  version,
  file: 'lockfile',
  line: 1,
});

const LODASH = pkg('npm', 'lodash', '4.17.20');
const OLD_LODASH = pkg('npm', 'lodash', '4.17.15');
const REQUESTS = pkg('PyPI', 'Requests', '2.25.0');
const SAFE = pkg('npm', 'left-pad', '1.3.0');

const idsOf = (answer: Map<string, OsvVulnerability[]>, p: Package): string[] =>
  (answer.get(pkgKey(p)) ?? []).map((v) => v.id).sort();

function memoryCache(): OsvApiSourceOptions['cache'] & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (key) => map.get(key), put: (key, value) => void map.set(key, value) };
}

let fake: FakeOsv;
let sleeps: number[];

function apiSource(overrides: Partial<OsvApiSourceOptions> = {}) {
  return createOsvApiSource({
    baseUrl: fake.url,
    cache: memoryCache(),
    retry: { attempts: 3, baseDelayMs: 7, maxDelayMs: 5000, sleep: async (ms) => void sleeps.push(ms) },
    ...overrides,
  });
}

beforeEach(async () => {
  fake = await startFakeOsv({ vulns: loadAdvisories() });
  sleeps = [];
});
afterEach(() => fake.close());

describe('OSV API source', () => {
  it('asks querybatch once and fetches each advisory once', async () => {
    const answer = await apiSource().query([LODASH, REQUESTS, SAFE, { ...LODASH, file: 'other' }]);
    expect(idsOf(answer, LODASH)).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm']);
    expect(idsOf(answer, REQUESTS)).toEqual(['GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74']);
    expect(answer.has(pkgKey(SAFE))).toBe(false);
    const batches = fake.requestsTo('/v1/querybatch');
    expect(batches).toHaveLength(1);
    expect(batches[0]?.body).toEqual({
      queries: [
        { package: { name: 'lodash', ecosystem: 'npm' }, version: '4.17.20' },
        { package: { name: 'Requests', ecosystem: 'PyPI' }, version: '2.25.0' },
        { package: { name: 'left-pad', ecosystem: 'npm' }, version: '1.3.0' },
      ],
    });
    expect(fake.requestsTo('/v1/vulns/').map((r) => r.path).sort()).toEqual([
      '/v1/vulns/GHSA-29mw-wpgm-hmr9',
      '/v1/vulns/GHSA-35jh-r3h4-6jhm',
      '/v1/vulns/GHSA-j8r2-6x86-q33q',
      '/v1/vulns/PYSEC-2023-74',
    ]);
  });

  it('a second scan takes details from the cache; a changed modified time refetches', async () => {
    const cache = memoryCache();
    await apiSource({ cache }).query([LODASH]);
    expect(fake.requestsTo('/v1/vulns/')).toHaveLength(2);
    expect([...cache.map.keys()].sort()).toEqual([
      'osv:GHSA-29mw-wpgm-hmr9@2024-03-12T11:02:11Z',
      'osv:GHSA-35jh-r3h4-6jhm@2024-02-16T08:18:06Z',
    ]);

    const again = await apiSource({ cache }).query([LODASH]);
    expect(idsOf(again, LODASH)).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm']);
    expect(fake.requestsTo('/v1/vulns/')).toHaveLength(2);

    const updated = fake.vulns.get('GHSA-35jh-r3h4-6jhm') as OsvVulnerability;
    fake.vulns.set(updated.id, { ...updated, modified: '2025-01-01T00:00:00Z' });
    await apiSource({ cache }).query([LODASH]);
    expect(fake.requestsTo('/v1/vulns/').map((r) => r.path)).toEqual(
      expect.arrayContaining(['/v1/vulns/GHSA-35jh-r3h4-6jhm']),
    );
    expect(fake.requestsTo('/v1/vulns/')).toHaveLength(3);
  });

  it('follows next_page_token for the queries that have more', async () => {
    await fake.close();
    fake = await startFakeOsv({ vulns: loadAdvisories(), pageSize: 1 });
    const answer = await apiSource().query([OLD_LODASH, REQUESTS, SAFE]);
    expect(idsOf(answer, OLD_LODASH)).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
    expect(idsOf(answer, REQUESTS)).toEqual(['GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74']);
    const batches = fake.requestsTo('/v1/querybatch').map((r) => (r.body as { queries: object[] }).queries);
    expect(batches.map((queries) => queries.length)).toEqual([3, 2, 1]);
    expect(batches[1]?.[0]).toMatchObject({ package: { name: 'lodash' }, page_token: expect.any(String) });
  });

  it('splits more than 1000 packages into batches of 1000', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => pkg('npm', `pkg-${i}`, '1.0.0'));
    await apiSource().query(many);
    const sizes = fake.requestsTo('/v1/querybatch').map((r) => (r.body as { queries: object[] }).queries.length);
    expect(sizes).toEqual([1000, 1]);
  });

  it('retries 429 honouring Retry-After and 5xx with backoff, then succeeds', async () => {
    fake.failNext('/v1/querybatch', { status: 429, retryAfter: '2' }, { status: 503 });
    fake.failNext('/v1/vulns/', { status: 500 });
    const answer = await apiSource({ concurrency: 1 }).query([LODASH]);
    expect(idsOf(answer, LODASH)).toHaveLength(2);
    expect(fake.requestsTo('/v1/querybatch')).toHaveLength(3);
    expect(sleeps).toEqual([2000, 14, 7]);
  });

  it('caps a long Retry-After', async () => {
    fake.failNext('/v1/querybatch', { status: 429, retryAfter: '86400' });
    await apiSource({ retry: { attempts: 2, maxDelayMs: 50, sleep: async (ms) => void sleeps.push(ms) } }).query([SAFE]);
    expect(sleeps).toEqual([50]);
  });

  it('fails with an error naming the URL and status after bounded attempts', async () => {
    fake.failNext('/v1/querybatch', { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    await expect(apiSource().query([LODASH])).rejects.toThrow(
      `POST ${fake.url}/v1/querybatch failed: HTTP 500 after 3 attempts`,
    );
    expect(fake.requestsTo('/v1/querybatch')).toHaveLength(3);
  });

  it('does not retry a client error', async () => {
    fake.failNext('/v1/vulns/', { status: 404 });
    await expect(apiSource({ concurrency: 1 }).query([LODASH])).rejects.toThrow(
      `GET ${fake.url}/v1/vulns/GHSA-29mw-wpgm-hmr9 failed: HTTP 404`,
    );
    expect(fake.requestsTo('/v1/vulns/')).toHaveLength(1);
  });

  it('rejects malformed JSON without retrying', async () => {
    fake.failNext('/v1/querybatch', 'malformed');
    await expect(apiSource().query([LODASH])).rejects.toThrow('the response is not valid JSON');
    expect(fake.requestsTo('/v1/querybatch')).toHaveLength(1);
  });

  it('times out a request that hangs, retries it, and reports the timeout', async () => {
    fake.failNext('/v1/querybatch', 'hang', 'hang');
    const source = apiSource({ timeoutMs: 150, retry: { attempts: 2, sleep: async () => undefined } });
    await expect(source.query([LODASH])).rejects.toThrow(`POST ${fake.url}/v1/querybatch failed: timed out after 150 ms after 2 attempts`);
    expect(fake.requestsTo('/v1/querybatch')).toHaveLength(2);
  });

  it('reports a refused connection at once, without retrying', async () => {
    const url = fake.url;
    await fake.close();
    const source = createOsvApiSource({ baseUrl: url, cache: memoryCache(), retry: { attempts: 2, sleep: async () => undefined } });
    await expect(source.query([LODASH])).rejects.toThrow(new RegExp(`^POST ${url}/v1/querybatch failed: ECONNREFUSED$`));
    fake = await startFakeOsv();
  });
});

describe('offline database', () => {
  let dbDir: string;
  beforeEach(() => {
    dbDir = mkdtempSync(join(tmpdir(), 'biz-osv-db-'));
    fake.zips.set('npm', allZip('npm'));
    fake.zips.set('PyPI', allZip('PyPI'));
  });
  afterEach(() => rmSync(dbDir, { recursive: true, force: true }));

  it('downloads each ecosystem, reports size and count, and answers like the API', async () => {
    const updates = await updateOfflineDb({ baseUrl: fake.url, dbDir, ecosystems: ['npm', 'PyPI'] });
    expect(updates).toEqual([
      { ecosystem: 'npm', bytes: fake.zips.get('npm')?.length, vulnerabilities: 4 },
      { ecosystem: 'PyPI', bytes: fake.zips.get('PyPI')?.length, vulnerabilities: 2 },
    ]);
    expect(readdirSync(join(dbDir, 'npm'))).toEqual(['all.zip']);

    const answer = await createOfflineSource(dbDir).query([LODASH, OLD_LODASH, REQUESTS, SAFE, pkg('npm', 'ip', '2.0.1')]);
    expect(idsOf(answer, LODASH)).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm']);
    expect(idsOf(answer, OLD_LODASH)).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
    expect(idsOf(answer, REQUESTS)).toEqual(['GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74']);
    expect(idsOf(answer, pkg('npm', 'ip', '2.0.1'))).toEqual(['GHSA-2p57-rm9w-gvfp']);
    expect(answer.has(pkgKey(SAFE))).toBe(false);
  });

  it('loads only the ecosystems a scan needs, and names a missing one', async () => {
    await updateOfflineDb({ baseUrl: fake.url, dbDir, ecosystems: ['npm'] });
    const source = createOfflineSource(dbDir);
    expect(idsOf(await source.query([LODASH]), LODASH)).toHaveLength(2);
    await expect(source.query([REQUESTS])).rejects.toThrow(`${join(dbDir, 'PyPI', 'all.zip')} is missing`);
  });

  it('a truncated download fails and leaves the previous zip intact', async () => {
    await updateOfflineDb({ baseUrl: fake.url, dbDir, ecosystems: ['npm'] });
    const before = readFileSync(join(dbDir, 'npm', 'all.zip'));
    fake.zips.set('npm', allZip('npm', []));
    fake.failNext('/npm/all.zip', 'truncate');
    await expect(updateOfflineDb({ baseUrl: fake.url, dbDir, ecosystems: ['npm'] })).rejects.toThrow(
      `GET ${fake.url}/npm/all.zip did not return a readable zip`,
    );
    expect(readFileSync(join(dbDir, 'npm', 'all.zip'))).toEqual(before);
    expect(readdirSync(join(dbDir, 'npm'))).toEqual(['all.zip']);
  });

  it('a server error fails after retries and leaves the previous zip intact', async () => {
    await updateOfflineDb({ baseUrl: fake.url, dbDir, ecosystems: ['npm'] });
    const before = readFileSync(join(dbDir, 'npm', 'all.zip'));
    fake.failNext('/npm/all.zip', { status: 500 }, { status: 500 });
    const update = updateOfflineDb({
      baseUrl: fake.url,
      dbDir,
      ecosystems: ['npm'],
      retry: { attempts: 2, sleep: async () => undefined },
    });
    await expect(update).rejects.toThrow(`GET ${fake.url}/npm/all.zip failed: HTTP 500 after 2 attempts`);
    expect(readFileSync(join(dbDir, 'npm', 'all.zip'))).toEqual(before);
    expect(readdirSync(join(dbDir, 'npm'))).toEqual(['all.zip']);
  });

  it('a first download that fails leaves no file behind', async () => {
    await expect(updateOfflineDb({ baseUrl: fake.url, dbDir, ecosystems: ['Go'], retry: { attempts: 1 } })).rejects.toThrow('HTTP 404');
    expect(existsSync(join(dbDir, 'Go', 'all.zip'))).toBe(false);
    expect(readdirSync(join(dbDir, 'Go'))).toEqual([]);
  });
});
