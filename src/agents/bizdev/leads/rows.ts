import type { LeadField, RawLead } from './lead';
import type { TextEncodingName } from './text-encoding';

export interface RowOk {
  /** The 1-based physical line the record starts on (quoted line breaks count). */
  line: number;
  /** The 1-based data record, header excluded: what `skip` counts. */
  row: number;
  raw: RawLead;
  /** The original line(s), for a rejected-rows file should normalizeLead reject the row. */
  text: string;
}

export interface RowRejected {
  line: number;
  row: number;
  /** What is wrong with the row and how to fix it. */
  reason: string;
  /** The original line(s), for the rejected-rows file. */
  text: string;
}

export interface DetectedFile {
  format: 'csv' | 'jsonl';
  encoding: TextEncodingName;
  /** CSV only. */
  delimiter?: ',' | ';' | '\t';
  /** CSV only: the header line as written, to head a file of rejected rows. */
  header?: string;
  /** CSV only: each column and the field it fills (none: the column is not read). */
  columns?: { name: string; field?: LeadField }[];
}

export interface ReadLeadRowsOptions {
  /** Column (or JSON key) -> field, from --map col=field; "ignore" skips a column. */
  map?: Record<string, string>;
  /** Rows already done, to resume: they are read but not yielded. */
  skip?: number;
  /** Called once, before the first row, with what was found out about the file. */
  onDetected?: (detected: DetectedFile) => void;
}

export type ResolvedOptions = Required<ReadLeadRowsOptions>;

/** Why a row without an email is rejected, said the same way for every format. */
export function noEmailReason(detail: string): string {
  return `no email (${detail}): add the address, or drop the row`;
}
