import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Ecosystem } from '../package';
import { defaultSleep, requestWithRetry, type RetryPolicy } from './http-retry';
import { offlineZipPath, OSV_BUCKET_URL, unzipRecords } from './offline-db';

export interface UpdateOfflineDbOptions {
  baseUrl?: string;
  dbDir: string;
  ecosystems: Ecosystem[];
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  retry?: Partial<Omit<RetryPolicy, 'timeoutMs'>>;
}

export interface OfflineDbUpdate {
  ecosystem: Ecosystem;
  bytes: number;
  vulnerabilities: number;
}

/**
 * Downloads `<baseUrl>/<Ecosystem>/all.zip` for each ecosystem into a temporary file beside the database, checks
 * that it unzips, then renames it over the old one: a failed or truncated download never replaces a good zip.
 */
export async function updateOfflineDb(options: UpdateOfflineDbOptions): Promise<OfflineDbUpdate[]> {
  const baseUrl = (options.baseUrl ?? OSV_BUCKET_URL).replace(/\/+$/, '');
  const policy: RetryPolicy = {
    attempts: 3,
    baseDelayMs: 1000,
    maxDelayMs: 30_000,
    sleep: defaultSleep,
    ...options.retry,
    timeoutMs: options.timeoutMs ?? 600_000,
  };
  const updates: OfflineDbUpdate[] = [];
  for (const ecosystem of options.ecosystems) {
    const url = `${baseUrl}/${encodeURIComponent(ecosystem)}/all.zip`;
    const target = offlineZipPath(options.dbDir, ecosystem);
    await mkdir(dirname(target), { recursive: true });
    const temp = join(dirname(target), `.all.zip.${randomUUID()}.tmp`);
    try {
      await requestWithRetry(options.fetchImpl ?? fetch, url, { method: 'GET' }, policy, async (response) => {
        if (!response.body) throw new Error('empty response');
        await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(temp));
      });
      const bytes = await readFile(temp);
      let vulnerabilities: number;
      try {
        vulnerabilities = Object.keys(unzipRecords(bytes)).length;
      } catch (error) {
        throw new Error(`GET ${url} did not return a readable zip (${(error as Error).message})`, { cause: error });
      }
      await rename(temp, target);
      updates.push({ ecosystem, bytes: bytes.length, vulnerabilities });
    } finally {
      await rm(temp, { force: true });
    }
  }
  return updates;
}
