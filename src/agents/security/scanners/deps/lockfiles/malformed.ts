import type { LockfileContents } from '../package';

/** The result for a lockfile that cannot be read at all: no packages, one warning that says where it broke. */
export function malformed(file: string, line: number | undefined, message: string): LockfileContents {
  return { packages: [], warnings: [{ file, line, message: `cannot parse lockfile: ${message}` }] };
}

/** Line of a parser error: smol-toml sets `line`, yaml sets `linePos`. */
export function lineOfError(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { line, linePos } = error as { line?: unknown; linePos?: { line: number }[] };
  return typeof line === 'number' ? line : linePos?.[0]?.line;
}

export function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
