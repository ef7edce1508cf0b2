import type { SourceFile } from './findings';

/** Decides, from a file's first bytes and shape, whether content scanners should read it at all. */

const SNIFF_BYTES = 8000;
const MINIFIED_LINE = 5000;
const MINIFIED_EXTENSIONS = /\.(js|mjs|cjs|css)$/i;

export function looksBinary(buf: Buffer): boolean {
  const end = Math.min(buf.length, SNIFF_BYTES);
  return buf.subarray(0, end).includes(0);
}

/** Minified bundles and source maps that say so in their name: skipped without reading them. */
export function minifiedByName(path: string): boolean {
  return /\.min\.(js|css)$/i.test(path) || path.endsWith('.map');
}

/** A minified bundle: a web-asset file whose lines are mostly very long (one-line bundles). */
export function looksMinified(file: SourceFile): boolean {
  if (!MINIFIED_EXTENSIONS.test(file.path)) return false;
  const text = file.text;
  if (text.length < MINIFIED_LINE) return false;
  const lines = text.length / (countNewlines(text) + 1);
  return lines > MINIFIED_LINE / 5;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
