/**
 * A loopback fake of osv.dev: POST /v1/querybatch (with page tokens), GET /v1/vulns/{id}, and the bucket's
 * GET /<Ecosystem>/all.zip. Faults can be queued per path prefix. Every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './http';
import type { OsvVulnerability } from '../../src/agents/security/scanners/deps/osv';

export type OsvFault =
  | { status: 429; retryAfter?: string }
  | { status: 404 | 500 | 502 | 503 }
  | 'malformed' // 200 with a body that is not JSON
  | 'hang' // never answers
  | 'truncate'; // 200 with the first half of the body

export interface RecordedRequest {
  method: string;
  path: string;
  body?: unknown;
}

export interface FakeOsv {
  url: string;
  requests: RecordedRequest[];
  vulns: Map<string, OsvVulnerability>;
  zips: Map<string, Uint8Array>;
  /** Queue faults for the next requests whose path starts with `pathPrefix`, one fault per request. */
  failNext(pathPrefix: string, ...faults: OsvFault[]): void;
  requestsTo(pathPrefix: string): RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeOsvOptions {
  vulns?: OsvVulnerability[];
  /** Vulnerabilities per page in querybatch answers; more matches come with a next_page_token. */
  pageSize?: number;
}

interface BatchQuery {
  package?: { name?: string; ecosystem?: string };
  version?: string;
  page_token?: string;
}

export async function startFakeOsv(options: FakeOsvOptions = {}): Promise<FakeOsv> {
  const vulns = new Map((options.vulns ?? []).map((v) => [v.id, v]));
  const zips = new Map<string, Uint8Array>();
  const faults: { prefix: string; fault: OsvFault }[] = [];
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => sendJson(res, 500, { code: 13, message: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname);
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    requests.push({ method: req.method ?? 'GET', path, body });

    const faultIndex = faults.findIndex((f) => path.startsWith(f.prefix));
    const fault = faultIndex >= 0 ? faults.splice(faultIndex, 1)[0]?.fault : undefined;
    if (fault === 'hang') return;
    if (fault === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"results": [ {"vulns": ');
      return;
    }
    if (typeof fault === 'object') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.status === 429 && fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      const code = fault.status === 429 ? 8 : fault.status === 404 ? 5 : 13;
      res.writeHead(fault.status, headers).end(JSON.stringify({ code, message: 'fault' }));
      return;
    }

    if (req.method === 'POST' && path === '/v1/querybatch') return querybatch(body, res);
    const vulnId = /^\/v1\/vulns\/(.+)$/.exec(path)?.[1];
    if (req.method === 'GET' && vulnId) {
      const vuln = vulns.get(vulnId);
      if (vuln) sendJson(res, 200, vuln);
      else sendJson(res, 404, { code: 5, message: 'Bug not found.' });
      return;
    }
    const zipEcosystem = /^\/([^/]+)\/all\.zip$/.exec(path)?.[1];
    if (req.method === 'GET' && zipEcosystem && zips.has(zipEcosystem)) {
      const bytes = zips.get(zipEcosystem) as Uint8Array;
      if (fault === 'truncate') {
        res.writeHead(200, { 'content-type': 'application/zip' }).end(Buffer.from(bytes.subarray(0, bytes.length >> 1)));
      } else {
        res.writeHead(200, { 'content-type': 'application/zip', 'content-length': bytes.length }).end(Buffer.from(bytes));
      }
      return;
    }
    res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
  }

  function querybatch(body: unknown, res: ServerResponse): void {
    const queries = (body as { queries?: BatchQuery[] } | undefined)?.queries;
    if (!Array.isArray(queries) || queries.length > 1000) {
      sendJson(res, 400, { code: 3, message: 'Too many queries or invalid request.' });
      return;
    }
    const results: unknown[] = [];
    for (const query of queries) {
      const matches = [...vulns.values()].filter((vuln) => listsVersion(vuln, query));
      const offset = query.page_token ? Number(Buffer.from(query.page_token, 'base64url').toString()) : 0;
      if (!Number.isInteger(offset) || offset < 0 || offset > matches.length) {
        sendJson(res, 400, { code: 3, message: 'Invalid page token.' });
        return;
      }
      const size = options.pageSize ?? matches.length;
      const page = matches.slice(offset, offset + size);
      const result: Record<string, unknown> = {};
      if (page.length > 0) result.vulns = page.map(({ id, modified }) => ({ id, modified }));
      if (offset + size < matches.length) result.next_page_token = Buffer.from(String(offset + size)).toString('base64url');
      results.push(result);
    }
    sendJson(res, 200, { results });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    vulns,
    zips,
    failNext(prefix, ...queued) {
      for (const fault of queued) faults.push({ prefix, fault });
    },
    requestsTo: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The fake's matcher is deliberately simpler than the scanner's: exact name and an explicitly listed version. */
function listsVersion(vuln: OsvVulnerability, query: BatchQuery): boolean {
  const canonical = (ecosystem: string | undefined, name: string | undefined): string =>
    ecosystem === 'PyPI' ? (name ?? '').toLowerCase().replace(/[-_.]+/g, '-') : (name ?? '');
  return (vuln.affected ?? []).some(
    (entry) =>
      entry.package?.ecosystem === query.package?.ecosystem &&
      canonical(entry.package?.ecosystem, entry.package?.name) === canonical(query.package?.ecosystem, query.package?.name) &&
      (entry.versions ?? []).includes(query.version ?? ''),
  );
}


function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}
