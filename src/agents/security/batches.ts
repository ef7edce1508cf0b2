import { statSync } from 'node:fs';
import type { WalkedFile } from './walk';

const BATCH_FILES = 64;
/** How far the walk runs ahead of the threads: bounds memory, and is what the end of a scan sorts. */
const LOOKAHEAD_FILES = 2048;
/** After the walk, a batch holds at most this much (or one larger file): a few milliseconds of work. */
const TAIL_BATCH_BYTES = 256 * 1024;

function sizeOf(file: WalkedFile): number {
  try {
    return statSync(file.abs).size;
  } catch {
    return 0; // the thread that reads it reports why it cannot
  }
}

/**
 * Cuts the walk into batches for the scanning threads, advancing the walk only as batches are taken. While the walk
 * runs, batches go out in walk order. Once it is over, the rest goes largest file first, in batches small enough
 * that the slowest files start early on different threads and the threads finish together.
 */
export function* batchesOf(files: Iterable<WalkedFile>): Generator<WalkedFile[]> {
  const pending: WalkedFile[] = [];
  for (const file of files) {
    pending.push(file);
    if (pending.length >= LOOKAHEAD_FILES) yield pending.splice(0, BATCH_FILES);
  }
  const sized = pending.map((file) => ({ file, size: sizeOf(file) })).sort((a, b) => b.size - a.size);
  let batch: WalkedFile[] = [];
  let bytes = 0;
  for (const { file, size } of sized) {
    if (batch.length > 0 && (bytes + size > TAIL_BATCH_BYTES || batch.length >= BATCH_FILES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(file);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
