/**
 * The CSV a Bulk API 2.0 insert uploads, and its results matched back to the input rows. Salesforce returns
 * successful, failed and unprocessed rows in no guaranteed order, each echoing the values that were uploaded, so rows
 * are matched on those values (identical rows in turn). The result CSVs are parsed here: jsforce's own parser accepts
 * six delimiters at once and splits an unquoted value at any of them.
 */
import { parse } from 'csv-parse/sync';
import type { LeadFields, RecordOutcome } from './types';

export interface Upload {
  columns: string[];
  csv: string;
}

export interface JobResults {
  successful: string;
  failed: string;
  unprocessed: string;
}

/** Every field any record sets, in first-seen order; each value quoted; LF line endings. */
export function csvOf(records: LeadFields[]): Upload {
  const columns = [...new Set(records.flatMap((record) => Object.keys(record).filter((field) => record[field] !== undefined)))];
  const lines = [columns, ...records.map((record) => valuesOf(record, columns))].map((values) => values.map(quote).join(','));
  return { columns, csv: `${lines.join('\n')}\n` };
}

/** One outcome per record, in input order. `unprocessedReason` says why Salesforce left rows unprocessed. */
export function outcomesOf(records: LeadFields[], columns: string[], results: JobResults, unprocessedReason: string): RecordOutcome[] {
  const waiting = new Map<string, number[]>();
  records.forEach((record, index) => {
    const key = keyOf(valuesOf(record, columns));
    const same = waiting.get(key);
    if (same) same.push(index);
    else waiting.set(key, [index]);
  });
  const outcomes: Array<RecordOutcome | undefined> = Array.from({ length: records.length });
  const place = (row: Record<string, string>, outcome: RecordOutcome): void => {
    const index = waiting.get(keyOf(columns.map((column) => row[column] ?? '')))?.shift();
    if (index !== undefined) outcomes[index] = outcome;
  };
  for (const row of rowsOf(results.successful)) place(row, { ok: true, id: row.sf__Id, created: row.sf__Created === 'true', errors: [] });
  for (const row of rowsOf(results.failed)) place(row, { ok: false, errors: [parseRowError(row.sf__Error ?? '')] });
  for (const row of rowsOf(results.unprocessed)) place(row, { ok: false, errors: [{ code: 'NOT_PROCESSED', message: unprocessedReason, fields: [] }] });
  return outcomes.map((outcome) => outcome ?? { ok: false, errors: [{ code: 'NOT_REPORTED', message: 'Salesforce reported no result for this row', fields: [] }] });
}

/** `CODE:message:Field1,Field2 --`, the message possibly holding colons itself. */
export function parseRowError(text: string): RecordOutcome['errors'][number] {
  const body = text.replace(/\s*--\s*$/, '');
  const codeEnd = body.indexOf(':');
  if (codeEnd < 0) return { code: body || 'UNKNOWN_ERROR', message: '', fields: [] };
  const rest = body.slice(codeEnd + 1);
  const fieldsStart = rest.lastIndexOf(':');
  const fields = fieldsStart < 0 ? [] : rest.slice(fieldsStart + 1).split(',').map((field) => field.trim()).filter(Boolean);
  return { code: body.slice(0, codeEnd), message: fieldsStart < 0 ? rest : rest.slice(0, fieldsStart), fields };
}

function valuesOf(record: LeadFields, columns: string[]): string[] {
  return columns.map((column) => (record[column] === undefined ? '' : String(record[column])));
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function keyOf(values: string[]): string {
  return values.join('\u001f');
}

function rowsOf(csv: string): Array<Record<string, string>> {
  if (!csv.trim()) return [];
  return parse(csv, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
}
