/**
 * A text file as lines plus each line's own terminator, so that editing some lines keeps the endings of all others:
 * CRLF files stay CRLF, mixed files stay mixed, and a missing final newline stays missing.
 */
export interface TextDoc {
  lines: string[];
  /** The terminator of each line: '\n', '\r\n', or '' for a last line without one. */
  eols: string[];
  /** The terminator new lines get: the file's most common one. */
  eol: '\n' | '\r\n';
  finalNewline: boolean;
}

export function parseText(text: string): TextDoc {
  const lines: string[] = [];
  const eols: string[] = [];
  let crlf = 0;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    const cr = nl > start && text[nl - 1] === '\r';
    if (cr) crlf++;
    lines.push(text.slice(start, cr ? nl - 1 : nl));
    eols.push(cr ? '\r\n' : '\n');
    start = nl + 1;
  }
  if (start < text.length) {
    lines.push(text.slice(start));
    eols.push('');
  }
  const lf = eols.filter((e) => e === '\n').length;
  return { lines, eols, eol: crlf > lf ? '\r\n' : '\n', finalNewline: text === '' || text.endsWith('\n') };
}

export function serialize(doc: TextDoc): string {
  return doc.lines.map((line, i) => line + doc.eols[i]).join('');
}

/** Replaces `count` lines at `start` with `replacement`; new lines get the file's usual terminator. */
export function spliceLines(doc: TextDoc, start: number, count: number, replacement: string[]): TextDoc {
  const lines = [...doc.lines.slice(0, start), ...replacement, ...doc.lines.slice(start + count)];
  const eols = [...doc.eols.slice(0, start), ...replacement.map(() => doc.eol), ...doc.eols.slice(start + count)];
  const last = lines.length - 1;
  for (let i = 0; i < last; i++) if (eols[i] === '') eols[i] = doc.eol;
  if (last >= 0) eols[last] = doc.finalNewline ? eols[last] || doc.eol : '';
  return { ...doc, lines, eols };
}
