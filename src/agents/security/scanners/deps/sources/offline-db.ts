import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Ecosystem } from '../package';

export const OSV_BUCKET_URL = 'https://osv-vulnerabilities.storage.googleapis.com';

/** Where the offline database keeps an ecosystem: `<dbDir>/<Ecosystem>/all.zip`, as osv.dev publishes it. */
export function offlineZipPath(dbDir: string, ecosystem: Ecosystem): string {
  return join(dbDir, ecosystem, 'all.zip');
}

/** The JSON records of an osv.dev all.zip, decompressed; throws when the bytes are not a readable zip. */
export function unzipRecords(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes, { filter: (entry) => entry.name.endsWith('.json') });
}
