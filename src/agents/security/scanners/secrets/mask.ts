const SNIPPET_MAX = 200;
const SNIPPET_LEAD = 60;

/** At most the first 4 characters (fewer for short secrets), then ****. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, Math.min(4, Math.floor(secret.length / 4)))}****`;
}

/** A secret's place in the text, as absolute offsets. */
export interface SecretSpan {
  start: number;
  end: number;
  secret: string;
}

/**
 * The line starting at `lineStart`, every secret span on it masked, cut to 200 characters around `focus` (the
 * offset of the finding the snippet is for).
 */
export function maskedSnippet(line: string, lineStart: number, spans: readonly SecretSpan[], focus: number): string {
  const lineEnd = lineStart + line.length;
  const onLine = spans.filter((s) => s.start < lineEnd && s.end > lineStart).sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = lineStart;
  let focusAt = 0;
  for (const span of onLine) {
    if (span.end <= cursor) continue;
    const from = Math.max(span.start, cursor);
    out += line.slice(cursor - lineStart, from - lineStart);
    if (span.start === focus) focusAt = out.length;
    out += from === span.start ? maskSecret(span.secret) : '****';
    cursor = Math.min(span.end, lineEnd);
  }
  out += line.slice(cursor - lineStart);
  for (const span of onLine) if (span.secret.length >= 4) out = out.split(span.secret).join(maskSecret(span.secret));
  const start = out.length > SNIPPET_MAX ? Math.max(0, Math.min(focusAt - SNIPPET_LEAD, out.length - SNIPPET_MAX)) : 0;
  return out.slice(start, start + SNIPPET_MAX).trim();
}
