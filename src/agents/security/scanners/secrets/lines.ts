/** A file's lines, read from its bytes or from its text: offsets are in the units of what they are read from. */
export interface Lines {
  /** Where the line holding `at` starts. */
  lineStart(at: number): number;
  /** Where the line holding `at` ends: at its \n, or at the end of the file. */
  lineEnd(at: number): number;
  slice(from: number, to: number): string;
  /** The whole text, decoded: offsets into it are text offsets. */
  readonly whole: string;
}

export class TextLines implements Lines {
  constructor(readonly whole: string) {}

  lineStart(at: number): number {
    return this.whole.lastIndexOf('\n', at - 1) + 1;
  }

  lineEnd(at: number): number {
    const end = this.whole.indexOf('\n', at);
    return end === -1 ? this.whole.length : end;
  }

  slice(from: number, to: number): string {
    return from === 0 && to === this.whole.length ? this.whole : this.whole.slice(from, to);
  }
}

/**
 * Lines read from the bytes, each decoded on its own: a line decodes to the same text alone as within its file, so
 * only the lines a rule looks at are ever decoded. In an ASCII file the bytes are copied, not decoded.
 */
export class ByteLines implements Lines {
  private readonly encoding: 'latin1' | 'utf8';

  constructor(
    private readonly bytes: Buffer,
    ascii: boolean,
    private readonly text: () => string,
  ) {
    this.encoding = ascii ? 'latin1' : 'utf8';
  }

  lineStart(at: number): number {
    return at <= 0 ? 0 : this.bytes.lastIndexOf(0x0a, at - 1) + 1;
  }

  lineEnd(at: number): number {
    const end = this.bytes.indexOf(0x0a, at);
    return end === -1 ? this.bytes.length : end;
  }

  slice(from: number, to: number): string {
    return this.bytes.toString(this.encoding, from, to);
  }

  get whole(): string {
    return this.text();
  }
}
