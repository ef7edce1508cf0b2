/**
 * A slash where JavaScript expects an expression, so where a regex literal can start: after an operator, a
 * punctuator or a keyword, or at the start of a line.
 */
const LITERAL_START = /(?:^|[=(,:!&|?;{}[\]<>~+\-*%^]|\b(?:return|case|typeof|void|delete|in|of|yield|await|throw|else|do))\s*\/(?![/*])/gm;
/** What follows the opening slash of a regex literal: the pattern (escapes and classes whole) and the closing slash. */
const LITERAL_REST = /((?:[^\n/\\[]|\\.|\[(?:[^\n\]\\]|\\.)*\])*)\//y;

export interface RegexLiteral {
  /** Offsets of the opening slash and just after the closing one. */
  start: number;
  end: number;
  /** The pattern as written between the slashes, as the parser reports it. */
  pattern: string;
}

/**
 * Every stretch of the text that reads as a regex literal where a regex literal can start, without parsing: each
 * literal the parser finds there is among them, with the same pattern. Some may lie in comments or strings; they
 * may overlap.
 */
export function regexLiteralsIn(text: string): RegexLiteral[] {
  const literals: RegexLiteral[] = [];
  LITERAL_START.lastIndex = 0;
  for (let m = LITERAL_START.exec(text); m !== null; m = LITERAL_START.exec(text)) {
    const start = LITERAL_START.lastIndex - 1;
    LITERAL_REST.lastIndex = start + 1;
    const rest = LITERAL_REST.exec(text);
    if (rest) literals.push({ start, end: LITERAL_REST.lastIndex, pattern: rest[1] });
  }
  return literals;
}

/** The text with the given stretches cut out. */
export function without(text: string, stretches: readonly { start: number; end: number }[]): string {
  let kept = '';
  let cursor = 0;
  for (const { start, end } of stretches) {
    if (start > cursor) kept += text.slice(cursor, start);
    cursor = Math.max(cursor, end);
  }
  return kept + text.slice(cursor);
}
