import { decodeText } from '../../file-reader';

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

export function textLines(text: string): Lines {
  return {
    lineStart: (at) => text.lastIndexOf('\n', at - 1) + 1,
    lineEnd: (at) => {
      const end = text.indexOf('\n', at);
      return end === -1 ? text.length : end;
    },
    slice: (from, to) => (from === 0 && to === text.length ? text : text.slice(from, to)),
    whole: text,
  };
}

/**
 * Lines read from the bytes, each decoded on its own: a line decodes to the same text alone as within its file, so
 * only the lines a rule looks at are ever decoded.
 */
export function byteLines(bytes: Buffer, text: () => string): Lines {
  return {
    lineStart: (at) => (at <= 0 ? 0 : bytes.lastIndexOf(0x0a, at - 1) + 1),
    lineEnd: (at) => {
      const end = bytes.indexOf(0x0a, at);
      return end === -1 ? bytes.length : end;
    },
    slice: (from, to) => decodeText(bytes.subarray(from, to)),
    get whole() {
      return text();
    },
  };
}
