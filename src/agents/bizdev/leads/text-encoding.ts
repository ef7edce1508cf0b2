import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { UsageError } from '../../../core/errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** How much of a file decides its encoding. */
const SNIFF_BYTES = 64 * 1024;

/** The first 64 KiB of a file, and whether that is all of it. */
export async function readPrefix(path: string): Promise<{ bytes: Uint8Array; whole: boolean }> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES + 1);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return { bytes: buffer.subarray(0, Math.min(bytesRead, SNIFF_BYTES)), whole: bytesRead <= SNIFF_BYTES };
  } finally {
    await file.close();
  }
}

/**
 * UTF-16 when a byte-order mark says so; UTF-8 when the prefix is valid UTF-8; otherwise windows-1252, the superset
 * of Latin-1 that spreadsheets on Windows write. Bytes after the prefix that are not valid UTF-8 become U+FFFD.
 */
export function detectEncoding(prefix: Uint8Array, whole: boolean): TextEncodingName {
  if (prefix[0] === 0xff && prefix[1] === 0xfe) return 'utf-16le';
  if (prefix[0] === 0xfe && prefix[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(whole ? prefix : prefix.subarray(0, utf8Boundary(prefix)));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Where the last complete UTF-8 character of a cut-off prefix ends. */
function utf8Boundary(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + length <= bytes.length ? bytes.length : i;
  }
  return bytes.length;
}

/** Decodes a byte stream to text (dropping a byte-order mark), a character split between chunks included. */
export function decoder(encoding: TextEncodingName): Transform {
  const text = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      done(null, text.decode(chunk, { stream: true }) || undefined);
    },
    flush(done) {
      done(null, text.decode() || undefined);
    },
  });
}
