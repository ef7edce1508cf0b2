import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../config/files';
import type { BizPaths } from '../config/paths';

/** The latest time biz has seen on this machine, to notice a clock turned back. Only ever moves forward. */
export function lastSeenPath(paths: BizPaths): string {
  return join(paths.dataDir, 'license-last-seen');
}

/** ms since the epoch; undefined when never recorded or unreadable. */
export function readLastSeen(paths: BizPaths): number | undefined {
  try {
    const value = Number(readFileSync(lastSeenPath(paths), 'utf8').trim());
    return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Records `now` when it is later than what is stored (a monotonic maximum), atomically. */
export function advanceLastSeen(paths: BizPaths, now: number): void {
  const stored = readLastSeen(paths);
  if (stored === undefined || now > stored) writeFileAtomic(lastSeenPath(paths), `${now}\n`);
}
