import type { VersionOrdering } from './ordering';

// Each word is taken whole and a separator belongs to the digits after it, so there is one way to match: no
// backtracking blow-up on a crafted version string from an untrusted lockfile.
// biz:ignore js/redos
const COMPOSER_VERSION = /^v?\d+(?:\.\d+)*(?:[-_.+]?[a-z]+(?![a-z])(?:[-_.]?\d+)?)*$/i;

/**
 * PHP version_compare's special forms, matched by prefix in this order ("patch" reads as "p"); a number ranks
 * between RC and patch level, and any other word below dev.
 */
const SPECIAL_FORMS: [prefix: string, rank: number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
const NUMBER_RANK = 4;
const UNKNOWN_RANK = -6;

/**
 * Composer: strip "v", pad the numeric part to four segments as Composer normalises it (1.0 == 1.0.0.0), then PHP
 * version_compare: dev < alpha < beta < RC < release < patch level.
 */
export const packagistOrdering: VersionOrdering = {
  valid: (version) => COMPOSER_VERSION.test(version),
  compare(a, b) {
    const left = parts(a);
    const right = parts(b);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const order = comparePart(left[i], right[i]);
      if (order !== 0) return order;
    }
    return 0;
  },
};

function parts(version: string): string[] {
  const canonical = version
    .replace(/^v/i, '')
    .toLowerCase()
    .replace(/[-_+]/g, '.')
    .replace(/(\d)(?=[a-z])|([a-z])(?=\d)/g, '$1$2.');
  const segments = canonical.split('.').filter(Boolean);
  const numericCount = segments.findIndex((s) => !/^\d+$/.test(s));
  const numeric = numericCount < 0 ? segments.length : numericCount;
  const padding = Array.from({ length: Math.max(0, 4 - numeric) }, () => '0');
  return [...segments.slice(0, numeric), ...padding, ...segments.slice(numeric)];
}

/** One position of version_compare; a missing part is smaller than a number and compares as "#" to a word. */
function comparePart(left: string | undefined, right: string | undefined): number {
  if (left === undefined && right === undefined) return 0;
  if (left === undefined) return isNumber(right) ? -1 : -comparePart(right, '#');
  if (right === undefined) return isNumber(left) ? 1 : comparePart(left, '#');
  if (isNumber(left) && isNumber(right)) return Math.sign(Number(left) - Number(right));
  return Math.sign(formOrder(left) - formOrder(right));
}

function formOrder(part: string): number {
  if (isNumber(part)) return NUMBER_RANK;
  return SPECIAL_FORMS.find(([prefix]) => part.startsWith(prefix))?.[1] ?? UNKNOWN_RANK;
}

function isNumber(part: string | undefined): boolean {
  return part !== undefined && /^\d+$/.test(part);
}
