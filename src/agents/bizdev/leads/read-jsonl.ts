import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream';
import { UsageError } from '../../../core/errors';
import { columnResolver, quoteList } from './columns';
import type { LeadField, RawLead } from './lead';
import { noEmailReason, type ResolvedOptions, type RowOk, type RowRejected } from './rows';
import { decoder, detectEncoding, readPrefix } from './text-encoding';

/**
 * JSON Lines rows: one object per line, blank lines skipped. Keys are matched to fields like CSV headers; strings,
 * numbers and booleans are read as text, null as missing. When the first object has no key for the email, the file
 * is not a lead file (or its key needs --map), and reading stops with an error (a resumed read passed that check).
 */
export async function* readJsonlRows(path: string, opts: ResolvedOptions): AsyncGenerator<RowOk | RowRejected> {
  const prefix = await readPrefix(path);
  const encoding = detectEncoding(prefix.bytes, prefix.whole);
  const resolve = columnResolver(opts.map);
  const fieldOfKey = new Map<string, LeadField | undefined>();
  const fieldOf = (key: string) => {
    if (!fieldOfKey.has(key)) fieldOfKey.set(key, resolve(key));
    return fieldOfKey.get(key);
  };

  const text = pipeline(createReadStream(path), decoder(encoding), () => {});
  const contents = createInterface({ input: text, crlfDelay: Infinity });
  opts.onDetected({ format: 'jsonl', encoding });
  let line = 0;
  let row = 0;
  let sawObject = false;
  try {
    for await (const content of contents) {
      line++;
      if (!content.trim()) continue;
      row++;
      if (row <= opts.skip) continue;
      const read = readObject(content, fieldOf);
      if ('raw' in read && !read.raw.email && !sawObject && opts.skip === 0) {
        throw new UsageError(`${path}: the first object (line ${line}) has no key for the email address (keys: ${quoteList(read.keys)})`, 'Name it with --map "<key>=email".');
      }
      sawObject ||= 'raw' in read;
      if ('reason' in read) yield { line, row, reason: read.reason, text: content };
      else if (!read.raw.email) yield { line, row, reason: noEmailReason(`keys: ${quoteList(read.keys)}`), text: content };
      else yield { line, row, raw: read.raw, text: content };
    }
  } finally {
    contents.close();
    text.destroy();
  }
}

function readObject(content: string, fieldOf: (key: string) => LeadField | undefined): { raw: RawLead; keys: string[] } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (err) {
    return { reason: `not JSON (${(err as Error).message}): write one JSON object per line` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { reason: `${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}, not a JSON object: write one object per line` };
  }
  const raw: RawLead = {};
  for (const [key, v] of Object.entries(value)) {
    const field = fieldOf(key);
    if (!field || v === null || v === undefined || raw[field]) continue;
    if (typeof v === 'object') return { reason: `"${key}" holds ${Array.isArray(v) ? 'an array' : 'an object'}; the ${field} field takes text` };
    const text = String(v);
    if (text.trim()) raw[field] = text;
  }
  return { raw, keys: Object.keys(value) };
}
