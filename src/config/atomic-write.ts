import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, parse as parsePath } from 'node:path';

/** Writes atomically: a crash leaves either the old file or the new one, never half of one. */
export function writeFileAtomic(path: string, text: string, mode?: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${parsePath(path).base}.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, path);
}
