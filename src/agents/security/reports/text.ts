import type { Finding, ScanWarning } from '../findings';

/** Messages may span lines; table cells and one-line summaries may not. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "file:line", and the short commit for findings from history. */
export function locationOf(f: Finding): string {
  return `${f.file}:${f.line}${f.commit ? `@${f.commit.slice(0, 7)}` : ''}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** Code-unit order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** At most `max` code points (JSON Schema's maxLength unit), ending in "…" when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** "file:line: message" */
export function warningText(w: ScanWarning): string {
  return `${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`;
}
