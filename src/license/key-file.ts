import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../config/files';
import type { BizPaths } from '../config/paths';

/** The activated key: one file in the user's config directory, readable only by the user. */
export function licenseKeyPath(paths: BizPaths): string {
  return join(paths.configDir, 'license.key');
}

export function readStoredKey(paths: BizPaths): string | undefined {
  try {
    return readFileSync(licenseKeyPath(paths), 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function storeKey(paths: BizPaths, key: string): void {
  writeFileAtomic(licenseKeyPath(paths), `${key.trim()}\n`, 0o600);
}

/** Removes the key; false when none was stored. */
export function removeStoredKey(paths: BizPaths): boolean {
  const path = licenseKeyPath(paths);
  if (!existsSync(path)) return false;
  rmSync(path);
  return true;
}
