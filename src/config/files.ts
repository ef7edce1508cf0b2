import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { UsageError } from '../core/errors';

// Still exported from here for existing importers; importing them from their own modules does not load the YAML parser.
export { writeFileAtomic } from './atomic-write';
export { findProjectConfig } from './paths';

export interface YamlFile {
  path: string;
  doc: Document;
  lines: LineCounter;
}

/** Reads a YAML file; a syntax error names the file and line. A missing file reads as an empty document. */
export function readYamlFile(path: string): YamlFile {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [err] = doc.errors;
  if (err) {
    const line = err.linePos?.[0].line ?? 1;
    throw new UsageError(`${path}:${line}: invalid YAML: ${err.message.split('\n')[0]}`, 'Fix the file or remove it.');
  }
  if (doc.contents !== null && !doc.contents.toJSON) {
    throw new UsageError(`${path}:1: the top level must be a mapping of keys`);
  }
  return { path, doc, lines };
}

/** Line of the node at a key path, for error messages. */
export function lineOf(file: YamlFile, path: (string | number)[]): number {
  for (let n = path.length; n > 0; n--) {
    const node = file.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return file.lines.linePos(node.range[0]).line;
  }
  return 1;
}
