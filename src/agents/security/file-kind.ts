/** Decides, from a file's first bytes and shape, whether content scanners should read it at all. */

const SNIFF_BYTES = 8000;
const MINIFIED_LINE = 5000;
const MINIFIED_EXTENSIONS = /\.(js|mjs|cjs|css)$/i;

export function looksBinary(buf: Buffer): boolean {
  const end = Math.min(buf.length, SNIFF_BYTES);
  return buf.subarray(0, end).includes(0);
}

/** A minified bundle: a web-asset file whose lines are mostly very long (one-line bundles, source maps). */
export function looksMinified(path: string, text: string): boolean {
  if (/\.min\.(js|css)$/i.test(path) || path.endsWith('.map')) return true;
  if (!MINIFIED_EXTENSIONS.test(path) || text.length < MINIFIED_LINE) return false;
  const lines = text.length / (countNewlines(text) + 1);
  return lines > MINIFIED_LINE / 5;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
