import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { UsageError } from '../../../core/errors';
import { checkMapColumns, columnResolver, quoteList } from './columns';
import type { LeadField, RawLead } from './lead';
import { noEmailReason, type ResolvedOptions, type RowOk, type RowRejected } from './rows';
import { decoder, detectEncoding, readPrefix } from './text-encoding';

type Delimiter = ',' | ';' | '\t';

/** A record longer than this is an unclosed quote swallowing the file, not a lead. */
const MAX_RECORD_BYTES = 1024 * 1024;


/**
 * The delimiter of the header line: the most frequent of comma, semicolon and tab outside quotes (comma on a tie,
 * and for a single column).
 */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  return (Object.keys(counts) as Delimiter[]).reduce((best, d) => (counts[d] > counts[best] ? d : best), ',');
}

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** A record csv-parse could not parse, put in the stream where the record was. */
interface Skipped {
  skipped: CsvError;
  raw: string;
}
type Parsed = { record: string[]; raw: string } | Skipped;

/**
 * CSV rows through csv-parse's stream. Rows with fewer columns than the header are read (missing values are
 * undefined); a row with more values than the header is read when the extra values are empty (trailing delimiters,
 * as spreadsheets write) and rejected otherwise, since an unquoted delimiter inside a value shifts every column after
 * it and the email would be read from the wrong one. Rows whose every value is empty are not rows.
 */
export async function* readCsvRows(path: string, fixedDelimiter: Delimiter | undefined, opts: ResolvedOptions): AsyncGenerator<RowOk | RowRejected> {
  const prefix = await readPrefix(path);
  const encoding = detectEncoding(prefix.bytes, prefix.whole);
  const firstLine = new TextDecoder(encoding).decode(prefix.bytes).split(/\r\n|\n|\r/, 1)[0] ?? '';
  const delimiter = fixedDelimiter ?? detectDelimiter(firstLine);

  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n'],
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    // Called while the record is parsed, so a push puts it between the records before and after it.
    on_skip: (error, raw) => void parser.push({ skipped: error as CsvError, raw: raw ?? '' } satisfies Skipped),
  });
  // Errors reach the loop below through the parser, which pipeline destroys with them. csv-parse reads UTF-8 bytes
  // itself; other encodings are decoded to text first.
  if (encoding === 'utf-8') pipeline(createReadStream(path), parser, () => {});
  else pipeline(createReadStream(path), decoder(encoding), parser, () => {});

  let headers: string[] | undefined;
  let plan: (LeadField | undefined)[] = [];
  let emailColumn = -1;
  let breaksSoFar = 0;
  let row = 0;

  /**
   * Where a record starts, from the line breaks before it and in it (a record's raw text includes the blank lines
   * before it), and its text without them.
   */
  const place = (raw: string) => {
    let start = 0;
    while (raw[start] === '\n' || raw[start] === '\r') start++;
    let end = raw.length;
    while (end > start && (raw[end - 1] === '\n' || raw[end - 1] === '\r')) end--;
    const line = breaksSoFar + lineBreaks(raw, 0, start) + 1;
    breaksSoFar += lineBreaks(raw, 0, raw.length);
    return { line, text: raw.slice(start, end) };
  };

  for await (const parsed of parser as AsyncIterable<Parsed>) {
    const { line, text } = place(parsed.raw);
    if ('skipped' in parsed) {
      if (!headers || parsed.skipped.code === 'CSV_MAX_RECORD_SIZE') throw unreadable(parsed.skipped, line);
      row++;
      if (row > opts.skip) yield { line, row, reason: skippedReason(parsed.skipped), text };
      continue;
    }
    if (!headers) {
      headers = parsed.record.map((h) => h.trim());
      checkMapColumns(headers, opts.map, path);
      const resolve = columnResolver(opts.map);
      plan = headers.map((h) => resolve(h));
      emailColumn = plan.indexOf('email');
      if (emailColumn === -1) {
        throw new UsageError(`${path}: no column holds the email address (columns: ${quoteList(headers)})`, 'Name it with --map "<column>=email".');
      }
      opts.onDetected({ format: 'csv', encoding, delimiter, header: text, columns: headers.map((name, i) => ({ name, ...(plan[i] && { field: plan[i] }) })) });
      continue;
    }
    if (parsed.record.every((v) => !v.trim())) continue;
    row++;
    if (row > opts.skip) yield readRecord(parsed.record, line, text);
  }
  if (!headers) throw new UsageError(`${path} is empty`, 'A CSV file starts with a header row naming its columns.');

  function unreadable(error: CsvError, line: number): UsageError {
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      return new UsageError(`${path}: line ${line} starts a value longer than 1 MiB: a quote (") that is never closed`, 'Add the missing closing quote and import again.');
    }
    return new UsageError(`${path}: the header row cannot be read: ${error.message}`);
  }

  function readRecord(values: string[], line: number, text: string): RowOk | RowRejected {
    const columns = headers!;
    if (values.slice(columns.length).some((v) => v.trim())) {
      const name = DELIMITER_NAMES[delimiter];
      const reason = `${values.length} values but the header has ${columns.length} columns; a ${name} inside a value shifts the columns after it: quote that value`;
      return { line, row, reason, text };
    }
    const raw: RawLead = {};
    plan.forEach((field, i) => {
      const value = values[i];
      if (field && value?.trim() && !raw[field]) raw[field] = value;
    });
    if (!raw.email) {
      const detail = values.length <= emailColumn ? `the row has ${values.length} of ${columns.length} columns and ends before "${columns[emailColumn]}"` : `column "${columns[emailColumn]}" is empty`;
      return { line, row, reason: noEmailReason(detail), text };
    }
    return { line, row, raw, text };
  }
}

function skippedReason(error: CsvError): string {
  return error.code === 'CSV_QUOTE_NOT_CLOSED'
    ? 'a quoted value is never closed, so the rest of the file was read as this row: add the missing closing quote (")'
    : `${error.message}: fix the row`;
}

/** Line breaks (CRLF, LF or a lone CR) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) breaks++;
  }
  return breaks;
}
