import { findingFor, type Finding, type RuleMeta } from '../../findings';
import { maskSecret } from './credentials';

const SNIPPET_MAX = 200;

interface Hit {
  rule: RuleMeta;
  offset: number;
  matched: string;
  message: string;
}

/**
 * Collects a file's hits by source offset and turns them into findings: line and column, the trimmed source line
 * as snippet, and every credential found in the file masked in every snippet.
 */
export class FindingCollector {
  private readonly hits = new Map<string, Hit>();
  private readonly secrets = new Set<string>();

  constructor(
    private readonly path: string,
    private readonly text: string,
  ) {}

  add(rule: RuleMeta, offset: number, matched: string, message: string): void {
    const key = `${rule.id}\0${offset}`;
    if (!this.hits.has(key)) this.hits.set(key, { rule, offset, matched, message });
  }

  /** A credential's value: masked wherever it appears in this file's snippets. */
  addSecret(value: string): void {
    this.secrets.add(value);
  }

  findings(): Finding[] {
    const lineStarts = lineStartsOf(this.text);
    return [...this.hits.values()]
      .sort((a, b) => a.offset - b.offset)
      .map((hit) => {
        const lineIndex = lineIndexOf(lineStarts, hit.offset);
        const lineStart = lineStarts[lineIndex];
        const lineEnd = lineIndex + 1 < lineStarts.length ? lineStarts[lineIndex + 1] - 1 : this.text.length;
        const column = hit.offset - lineStart;
        return findingFor(
          hit.rule,
          {
            file: this.path,
            line: lineIndex + 1,
            column: column + 1,
            snippet: this.snippet(this.text.slice(lineStart, lineEnd), column),
            matched: hit.matched,
          },
          hit.message,
        );
      });
  }

  private snippet(line: string, column: number): string {
    let shown = line.replace(/\r$/, '');
    for (const secret of this.secrets) shown = shown.split(secret).join(maskSecret(secret));
    if (shown.length > SNIPPET_MAX) {
      const from = Math.max(0, column - SNIPPET_MAX / 4);
      shown = `${from > 0 ? '…' : ''}${shown.slice(from, from + SNIPPET_MAX)}${from + SNIPPET_MAX < shown.length ? '…' : ''}`;
    }
    return shown.trim();
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function lineIndexOf(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Source text of a node, whitespace collapsed: a stable `matched` for fingerprints. */
export function normalisedSource(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function describe(text: string, max = 60): string {
  const normalised = normalisedSource(text);
  return normalised.length > max ? `${normalised.slice(0, max - 1)}…` : normalised;
}
