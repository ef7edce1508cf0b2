/** Offsets to 1-based line and column, by binary search over the start offset of every line. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
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
