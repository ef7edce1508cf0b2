import { FileReader, sourceFile } from './file-reader';
import { looksBinary, looksMinified, minifiedByName } from './file-kind';
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

// One per thread: each worker thread loads this module once.
const reader = new FileReader();

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
  if (minifiedByName(file.rel)) return void stats.minified++;
  let buf: Buffer | 'large';
  try {
    buf = reader.read(file.abs, maxBytes);
  } catch (err) {
    stats.unreadable++;
    warnings.push({ file: file.rel, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    return;
  }
  if (buf === 'large') return void stats.large++;
  if (looksBinary(buf)) return void stats.binary++;
  const source = sourceFile(file.rel, buf);
  if (looksMinified(source)) return void stats.minified++;
  stats.scanned++;
  stats.bytes += buf.length;
  let lines: string[] | undefined;
  const warn = (w: ScanWarning) => warnings.push(w);
  for (const scanner of wanted) {
    let found: Finding[];
    try {
      found = scanner.scan(source, warn);
    } catch (err) {
      warnings.push({ file: file.rel, message: `${scanner.name} scanner failed: ${(err as Error).message}` });
      continue;
    }
    for (const f of found) {
      lines ??= source.text.split('\n');
      if (suppressedInline(f, lines)) stats.suppressed++;
      else findings.push(f);
    }
  }
}
