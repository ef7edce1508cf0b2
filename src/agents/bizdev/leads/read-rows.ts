import { extname } from 'node:path';
import { UsageError } from '../../../core/errors';
import { readCsvRows } from './read-csv';
import { readJsonlRows } from './read-jsonl';
import type { ReadLeadRowsOptions, RowOk, RowRejected } from './rows';

export { parseMapFlags } from './columns';
export type { DetectedFile, ReadLeadRowsOptions, RowOk, RowRejected } from './rows';

const FORMATS: Record<string, 'csv' | 'tsv' | 'jsonl'> = { '.csv': 'csv', '.tsv': 'tsv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

/**
 * Streams lead rows from a CSV, TSV or JSON Lines file: memory stays flat whatever the size of the file. Rows that
 * cannot be read become RowRejected and the import goes on; a file that cannot be read at all (unknown type, no
 * email column, an unclosed quote running past 1 MiB) throws a UsageError.
 */
export function readLeadRows(path: string, opts: ReadLeadRowsOptions = {}): AsyncIterable<RowOk | RowRejected> {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) throw new UsageError(`cannot read leads from ${path}: the file type is not known`, 'Use a .csv, .tsv, .jsonl or .ndjson file.');
  const resolved = { map: opts.map ?? {}, skip: opts.skip ?? 0, onDetected: opts.onDetected ?? (() => {}) };
  return format === 'jsonl' ? readJsonlRows(path, resolved) : readCsvRows(path, format === 'tsv' ? '\t' : undefined, resolved);
}
