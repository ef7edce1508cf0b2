import { isOsvVulnerability, type OsvVulnerability } from '../osv';
import { pkgKey, type Package } from '../package';
import { defaultSleep, HttpError, requestWithRetry, type RetryPolicy } from './http-retry';
import { mapLimit } from './map-limit';
import type { OsvCache, OsvSource } from './source';

const BATCH_SIZE = 1000; // the API's limit of queries per querybatch call
const MAX_PAGES = 100;

export interface OsvApiSourceOptions {
  baseUrl: string; // https://api.osv.dev
  cache: OsvCache;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  concurrency?: number; // detail requests in flight
  retry?: Partial<Omit<RetryPolicy, 'timeoutMs'>>;
}

interface VulnRef {
  id: string;
  modified?: string;
}

interface BatchResult {
  vulns?: VulnRef[];
  next_page_token?: string;
}

interface PendingQuery {
  key: string;
  pkg: Package;
  pageToken?: string;
}

/**
 * osv.dev's API: one querybatch round per 1000 packages (following page tokens), then each advisory's details once,
 * from the cache when its id and modification time are already known.
 */
export function createOsvApiSource(options: OsvApiSourceOptions): OsvSource {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetchImpl ?? fetch;
  const policy: RetryPolicy = {
    attempts: 4,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    sleep: defaultSleep,
    ...options.retry,
    timeoutMs: options.timeoutMs ?? 30_000,
  };

  const requestJson = async (url: string, init: RequestInit): Promise<unknown> => {
    const body = await requestWithRetry(fetchImpl, url, init, policy, (response) => response.text());
    try {
      return JSON.parse(body);
    } catch {
      throw new HttpError(`${init.method ?? 'GET'} ${url} failed: the response is not valid JSON`);
    }
  };

  const queryBatch = async (queries: PendingQuery[]): Promise<BatchResult[]> => {
    const url = `${baseUrl}/v1/querybatch`;
    const body = {
      queries: queries.map(({ pkg, pageToken }) => ({
        package: { name: pkg.name, ecosystem: pkg.ecosystem },
        version: pkg.version,
        ...(pageToken ? { page_token: pageToken } : {}),
      })),
    };
    const reply = (await requestJson(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })) as { results?: unknown };
    if (!Array.isArray(reply.results) || reply.results.length !== queries.length) {
      throw new HttpError(`POST ${url} failed: expected ${queries.length} results in the response`);
    }
    return reply.results as BatchResult[];
  };

  const vulnDetails = async (ref: VulnRef): Promise<OsvVulnerability> => {
    const cacheKey = ref.modified ? `osv:${ref.id}@${ref.modified}` : undefined;
    const cached = cacheKey ? options.cache.get(cacheKey) : undefined;
    if (cached !== undefined) return JSON.parse(cached) as OsvVulnerability;
    const url = `${baseUrl}/v1/vulns/${encodeURIComponent(ref.id)}`;
    const vuln = await requestJson(url, { method: 'GET' });
    if (!isOsvVulnerability(vuln)) throw new HttpError(`GET ${url} failed: the response is not an OSV record`);
    if (cacheKey) options.cache.put(cacheKey, JSON.stringify(vuln));
    return vuln;
  };

  return {
    name: 'osv-api',
    async query(pkgs) {
      const refsByKey = new Map<string, VulnRef[]>();
      let pending: PendingQuery[] = [];
      for (const pkg of pkgs) {
        const key = pkgKey(pkg);
        if (refsByKey.has(key)) continue;
        refsByKey.set(key, []);
        pending.push({ key, pkg });
      }
      for (let page = 0; pending.length > 0; page++) {
        if (page === MAX_PAGES) throw new HttpError(`OSV querybatch still paging after ${MAX_PAGES} rounds`);
        const next: PendingQuery[] = [];
        for (let start = 0; start < pending.length; start += BATCH_SIZE) {
          const chunk = pending.slice(start, start + BATCH_SIZE);
          const results = await queryBatch(chunk);
          chunk.forEach((query, index) => {
            const result = results[index] ?? {};
            refsByKey.get(query.key)?.push(...(result.vulns ?? []));
            if (result.next_page_token) next.push({ ...query, pageToken: result.next_page_token });
          });
        }
        pending = next;
      }

      const uniqueRefs = new Map<string, VulnRef>();
      for (const refs of refsByKey.values()) for (const ref of refs) uniqueRefs.set(ref.id, ref);
      const details = await mapLimit([...uniqueRefs.values()], options.concurrency ?? 8, vulnDetails);
      const byId = new Map(details.map((vuln) => [vuln.id, vuln]));

      const answer = new Map<string, OsvVulnerability[]>();
      for (const [key, refs] of refsByKey) {
        const vulns = [...new Set(refs.map((ref) => ref.id))]
          .map((id) => byId.get(id))
          .filter((vuln): vuln is OsvVulnerability => vuln !== undefined && !vuln.withdrawn);
        if (vulns.length > 0) answer.set(key, vulns);
      }
      return answer;
    },
  };
}
