import { findingFor, type Finding, type RuleMeta } from './findings';
import { maskSecret } from './scanners/secrets/mask';
import { LineIndex } from './scanners/secrets/line-index';

const SNIPPET_MAX = 200;

interface Hit {
  rule: RuleMeta;
  offset: number;
  matched: string;
  message: string;
}

/**
 * A file's hits for an AST- or document-based scanner, keyed by rule and source offset so that content reached
 * twice (a YAML anchor merged into several jobs, an inherited stage, a node visited twice) is reported once, where
 * it is written. Every secret value met in the file is masked in every snippet and message.
 */
export class FindingCollector {
  private readonly hits = new Map<string, Hit>();
  private readonly secrets = new Set<string>();
  private lineIndex?: LineIndex;

  constructor(
    private readonly path: string,
    private readonly text: string,
  ) {}

  /** Built when first needed: most files parsed have nothing to report. */
  private get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  add(rule: RuleMeta, offset: number, matched: string, message: string): void {
    const key = `${rule.id}\0${offset}`;
    if (!this.hits.has(key)) this.hits.set(key, { rule, offset, matched, message });
  }

  /** A credential's value: masked wherever it appears in this file's snippets and messages. */
  addSecret(value: string): void {
    if (value.length > 0) this.secrets.add(value);
  }

  lineOf(offset: number): number {
    return this.lines.lineOf(offset);
  }

  findings(): Finding[] {
    return [...this.hits.values()]
      .sort((a, b) => a.offset - b.offset || a.rule.id.localeCompare(b.rule.id))
      .map((hit) => {
        const line = this.lines.lineOf(hit.offset);
        const column = this.lines.columnOf(hit.offset, line);
        return findingFor(
          hit.rule,
          { file: this.path, line, column, snippet: this.snippet(this.lines.lineText(line), column - 1), matched: hit.matched },
          this.masked(hit.message),
        );
      });
  }

  private masked(text: string): string {
    let shown = text;
    for (const secret of this.secrets) shown = shown.split(secret).join(maskSecret(secret));
    return shown;
  }

  /** The line, masked; a long one is cut to a window around the hit. */
  private snippet(line: string, column: number): string {
    let shown = this.masked(line);
    if (shown.length > SNIPPET_MAX) {
      const from = Math.max(0, column - SNIPPET_MAX / 4);
      shown = `${from > 0 ? '…' : ''}${shown.slice(from, from + SNIPPET_MAX)}${from + SNIPPET_MAX < shown.length ? '…' : ''}`;
    }
    return shown.trim();
  }
}
