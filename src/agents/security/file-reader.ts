import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { SourceFile } from './findings';

/**
 * Reads whole files into one buffer that grows to the largest file read so far: a thread reading thousands of files
 * allocates a few buffers rather than one per file. What read() returns is overwritten by the next read.
 */
export class FileReader {
  private buffer = Buffer.allocUnsafe(1 << 20);

  read(path: string, maxBytes: number): Buffer | 'large' {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > maxBytes) return 'large';
      if (size > this.buffer.length) this.buffer = Buffer.allocUnsafe(size);
      let length = 0;
      while (length < size) {
        const n = readSync(fd, this.buffer, length, size - length, length);
        if (n === 0) break;
        length += n;
      }
      return this.buffer.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * The file's text. Invalid UTF-8 decodes to U+FFFD; the ASCII that rules look for survives, whatever the file's
 * encoding. ASCII files (most source code) are copied byte for byte: the same string, several times faster.
 */
export function decodeText(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/** A file as scanners see it: its bytes, and its text decoded only if a scanner asks for it. */
export function sourceFile(path: string, bytes: Buffer): SourceFile {
  let text: string | undefined;
  return {
    path,
    bytes,
    get text() {
      return (text ??= decodeText(bytes));
    },
  };
}
