/** Where every line starts, in the units of the source: UTF-16 code units of a text, or bytes. */
export function lineStarts(source: string | Buffer): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based number of the line holding `offset`, by binary search over where every line starts. */
export function lineNumberAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Offsets to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  lineOf(offset: number): number {
    return lineNumberAt(this.starts, offset);
  }

  columnOf(offset: number, line: number): number {
    return offset - this.starts[line - 1] + 1;
  }

  lineStart(line: number): number {
    return this.starts[line - 1];
  }

  /** The line without its terminator. */
  lineText(line: number): string {
    const end = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    return this.text.slice(this.starts[line - 1], end).replace(/\r$/, '');
  }
}
