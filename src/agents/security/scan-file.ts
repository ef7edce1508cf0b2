import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { looksBinary, looksMinified } from './file-kind';
import type { FileScanner, Finding, ScanWarning } from './findings';
import { suppressedInline } from './inline-ignore';
import type { WalkedFile } from './walk';

export interface FileStats {
  scanned: number;
  bytes: number;
  binary: number;
  large: number;
  minified: number;
  unreadable: number;
  suppressed: number;
}

export const emptyStats = (): FileStats => ({ scanned: 0, bytes: 0, binary: 0, large: 0, minified: 0, unreadable: 0, suppressed: 0 });

export function addStats(into: FileStats, from: FileStats): void {
  for (const key of Object.keys(into) as (keyof FileStats)[]) into[key] += from[key];
}

function readWhole(abs: string, maxBytes: number): Buffer | 'large' {
  const fd = openSync(abs, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return 'large';
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/** Reads one file and runs every scanner that wants it; counts what it skips and why. */
export function scanFile(
  file: WalkedFile,
  scanners: FileScanner[],
  maxBytes: number,
  stats: FileStats,
  findings: Finding[],
  warnings: ScanWarning[],
): void {
  const wanted = scanners.filter((s) => s.accepts(file.rel));
  if (wanted.length === 0) return;
  let buf: Buffer | 'large';
  try {
    buf = readWhole(file.abs, maxBytes);
  } catch (err) {
    stats.unreadable++;
    warnings.push({ file: file.rel, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    return;
  }
  if (buf === 'large') return void stats.large++;
  if (looksBinary(buf)) return void stats.binary++;
  // Invalid UTF-8 decodes to U+FFFD; the ASCII that rules look for survives, whatever the file's encoding.
  const text = buf.toString('utf8');
  if (looksMinified(file.rel, text)) return void stats.minified++;
  stats.scanned++;
  stats.bytes += buf.length;
  let lines: string[] | undefined;
  const warn = (w: ScanWarning) => warnings.push(w);
  for (const scanner of wanted) {
    let found: Finding[];
    try {
      found = scanner.scan({ path: file.rel, text }, warn);
    } catch (err) {
      warnings.push({ file: file.rel, message: `${scanner.name} scanner failed: ${(err as Error).message}` });
      continue;
    }
    for (const f of found) {
      lines ??= text.split('\n');
      if (suppressedInline(f, lines)) stats.suppressed++;
      else findings.push(f);
    }
  }
}
