import type { VersionOrdering } from './ordering';

type Segment = number | string;

const GEM_VERSION = /^\s*[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\s*$/;

/**
 * Gem::Version: numeric and letter segments; any letter makes a prerelease that sorts before the release
 * (1.0.0.pre < 1.0.0, 1.0.0.rc1 < 1.0.0); trailing zeros do not count (1.0 == 1.0.0); "-" reads as ".pre.".
 */
export const rubygemsOrdering: VersionOrdering = {
  valid: (version) => GEM_VERSION.test(version),
  compare(a, b) {
    const left = canonicalSegments(a);
    const right = canonicalSegments(b);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const l = left[i] ?? 0;
      const r = right[i] ?? 0;
      if (l === r) continue;
      if (typeof l === 'string' && typeof r === 'number') return -1;
      if (typeof l === 'number' && typeof r === 'string') return 1;
      return l < r ? -1 : 1;
    }
    return 0;
  },
};

function canonicalSegments(version: string): Segment[] {
  const segments: Segment[] = (version.trim().replaceAll('-', '.pre.').match(/[0-9]+|[a-z]+/gi) ?? []).map((s) =>
    /^\d/.test(s) ? Number(s) : s,
  );
  const firstLetter = segments.findIndex((s) => typeof s === 'string');
  const numeric = firstLetter < 0 ? segments : segments.slice(0, firstLetter);
  const rest = firstLetter < 0 ? [] : segments.slice(firstLetter);
  return [...dropTrailingZeros(numeric), ...dropTrailingZeros(rest)];
}

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && segments[end - 1] === 0) end--;
  return segments.slice(0, end);
}
