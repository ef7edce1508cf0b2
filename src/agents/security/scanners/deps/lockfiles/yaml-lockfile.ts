import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { LockfileContents } from '../package';
import { lineOfError, malformed, messageOf } from './malformed';

export interface YamlEntry {
  key: string;
  value: unknown;
  line: number;
}

export interface YamlLockfile {
  /** The entries of the map at `path` (top level when empty), each with the line of its key. */
  entries(...path: string[]): YamlEntry[];
}

/** Parses a YAML lockfile and hands it to `read`; YAML errors become one warning with their line. */
export function readYamlLockfile(
  file: string,
  text: string,
  read: (lockfile: YamlLockfile) => LockfileContents,
): LockfileContents {
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  } catch (error) {
    return malformed(file, lineOfError(error), messageOf(error));
  }
  const error = doc.errors[0];
  if (error) return malformed(file, lineOfError(error), messageOf(error));
  return read({
    entries(...path) {
      const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
      if (!isMap(node)) return [];
      return node.items.flatMap((pair) => {
        if (!isScalar(pair.key)) return [];
        const start = pair.key.range?.[0] ?? 0;
        const value: unknown = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? pair.value;
        return [{ key: String(pair.key.value), value, line: lineCounter.linePos(start).line }];
      });
    },
  });
}

export function fieldOf(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' || typeof field === 'number' ? String(field) : undefined;
}
