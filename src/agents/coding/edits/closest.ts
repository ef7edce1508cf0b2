import type { LineWindow } from './types';

/** Character bigrams of a line with its surrounding whitespace removed, counted. */
function bigrams(line: string): Map<string, number> {
  const s = line.trim();
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice similarity of two lines in [0, 1], ignoring surrounding whitespace. */
function lineSimilarity(a: string, b: string, ga: Map<string, number>, gb: Map<string, number>): number {
  const ta = a.trim();
  const tb = b.trim();
  if (ta === tb) return 1;
  if (ta.length < 2 || tb.length < 2) return 0;
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return (2 * shared) / (ta.length - 1 + (tb.length - 1));
}

/**
 * The window of the file, as long as the SEARCH text, whose lines are most like it (line by line, in order).
 * Ties go to the earliest window. Undefined for an empty file.
 */
export function closestLines(lines: readonly string[], search: readonly string[]): LineWindow | undefined {
  if (lines.length === 0 || search.length === 0) return undefined;
  const size = Math.min(search.length, lines.length);
  const fileGrams = lines.map(bigrams);
  const searchGrams = search.map(bigrams);
  let best = 0;
  let bestScore = -1;
  for (let start = 0; start + size <= lines.length; start++) {
    let score = 0;
    for (let i = 0; i < size; i++) score += lineSimilarity(search[i], lines[start + i], searchGrams[i], fileGrams[start + i]);
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  return { startLine: best + 1, lines: lines.slice(best, best + size) };
}
