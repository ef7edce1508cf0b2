/** Small pieces every loopback fake server shares. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function maskToken(token: string): string {
  return token.length <= 8 ? '****' : `${token.slice(0, 4)}****`;
}

/** `[METHOD ]/path` matches that method (or any) and that path or anything below it. */
export function matchesRoute(match: string, method: string, path: string): boolean {
  const spaced = /^([A-Z]+) (.*)$/.exec(match);
  const wantMethod = spaced?.[1];
  const prefix = (spaced?.[2] ?? match).replace(/\/$/, '');
  if (wantMethod && wantMethod !== method) return false;
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Removes and returns the first queued entry (a fault) whose route matches the request. */
export function takeFirstMatch<T extends { match: string }>(queue: T[], method: string, path: string): T | undefined {
  const index = queue.findIndex((entry) => matchesRoute(entry.match, method, path));
  return index >= 0 ? queue.splice(index, 1)[0] : undefined;
}
