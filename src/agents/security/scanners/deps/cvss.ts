/** CVSS v3.0 / v3.1 base score from a vector string, per the FIRST specification's formulas. */

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

const PRIVILEGES = {
  unchanged: { N: 0.85, L: 0.62, H: 0.27 },
  changed: { N: 0.85, L: 0.68, H: 0.5 },
} as const;

/** The base score (0.0 to 10.0), or undefined when the vector is not a complete CVSS 3.x vector. */
export function cvss3BaseScore(vector: string): number | undefined {
  const [prefix, ...parts] = vector.trim().split('/');
  if (prefix !== 'CVSS:3.0' && prefix !== 'CVSS:3.1') return undefined;
  const metrics = new Map(parts.map((part) => part.split(':') as [string, string]));
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return undefined;
  const changed = scope === 'C';
  const weights = [
    pick(WEIGHTS.AV, metrics.get('AV')),
    pick(WEIGHTS.AC, metrics.get('AC')),
    pick(changed ? PRIVILEGES.changed : PRIVILEGES.unchanged, metrics.get('PR')),
    pick(WEIGHTS.UI, metrics.get('UI')),
    pick(WEIGHTS.CIA, metrics.get('C')),
    pick(WEIGHTS.CIA, metrics.get('I')),
    pick(WEIGHTS.CIA, metrics.get('A')),
  ];
  if (weights.some((w) => w === undefined)) return undefined;
  const [av, ac, pr, ui, c, i, a] = weights as [number, number, number, number, number, number, number];

  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * av * ac * pr * ui;
  const total = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
  return roundUp(Math.min(total, 10));
}

function pick<T extends Record<string, number>>(table: T, key: string | undefined): number | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key as keyof T] : undefined;
}

/** CVSS 3.1 Roundup: the smallest one-decimal number not below the input, immune to floating-point noise. */
function roundUp(value: number): number {
  const scaled = Math.round(value * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}
