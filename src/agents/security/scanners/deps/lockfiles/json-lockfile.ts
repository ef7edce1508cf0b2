import type { LockfileContents } from '../package';
import { parseJsonWithLines, type JsonDocument, JsonSyntaxError, isJsonObject, type JsonObject } from '../json-lines';
import { malformed } from './malformed';

/** Parses a JSON lockfile and hands its top-level object to `read`; syntax errors become one warning. */
export function readJsonLockfile(
  file: string,
  text: string,
  read: (root: JsonObject, doc: JsonDocument) => LockfileContents,
): LockfileContents {
  let doc: JsonDocument;
  try {
    doc = parseJsonWithLines(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return malformed(file, error.line, error.message);
    throw error;
  }
  if (!isJsonObject(doc.value)) return malformed(file, 1, 'expected a JSON object');
  return read(doc.value, doc);
}
