import { findingFor, type Finding, type RuleMeta } from '../../findings';
import { LineIndex } from '../secrets/line-index';
import { maskSecret } from '../secrets/mask';

const SNIPPET_MAX = 200;

interface Hit {
  rule: RuleMeta;
  offset: number;
  matched: string;
  message: string;
}

/**
 * A file's hits, keyed by rule and source offset so that content reached twice (a YAML anchor merged into several
 * jobs, an inherited stage) is reported once, where it is written. Every secret value met in the file is masked in
 * every snippet.
 */
export class InfraFindings {
  private readonly hits = new Map<string, Hit>();
  private readonly secrets = new Set<string>();
  private readonly lines: LineIndex;

  constructor(
    private readonly path: string,
    text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  add(rule: RuleMeta, offset: number, matched: string, message: string): void {
    const key = `${rule.id}\0${offset}`;
    if (!this.hits.has(key)) this.hits.set(key, { rule, offset, matched, message });
  }

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
        return findingFor(
          hit.rule,
          {
            file: this.path,
            line,
            column: this.lines.columnOf(hit.offset, line),
            snippet: this.snippet(this.lines.lineText(line)),
            matched: hit.matched,
          },
          this.masked(hit.message),
        );
      });
  }

  private masked(text: string): string {
    let shown = text;
    for (const secret of this.secrets) shown = shown.split(secret).join(maskSecret(secret));
    return shown;
  }

  private snippet(line: string): string {
    const shown = this.masked(line).trim();
    return shown.length > SNIPPET_MAX ? `${shown.slice(0, SNIPPET_MAX)}…` : shown;
  }
}
