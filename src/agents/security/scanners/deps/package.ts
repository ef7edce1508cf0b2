import type { ScanWarning } from '../../findings';

export const ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'crates.io', 'RubyGems', 'Packagist'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

/** One dependency as a lockfile declares it. */
export interface Package {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  file: string; // repository-relative, forward slashes
  line: number; // 1-based line of the declaration
}

export interface LockfileContents {
  packages: Package[];
  warnings: ScanWarning[];
}

export type LockfileParser = (path: string, text: string) => LockfileContents;

/** PEP 503 normalisation for PyPI, lowercase for Packagist (Composer names are case-insensitive), as-is elsewhere. */
export function normaliseName(ecosystem: string, name: string): string {
  if (ecosystem === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (ecosystem === 'Packagist') return name.toLowerCase();
  return name;
}

/** Identity of a package version across lockfiles: what advisory sources key their answers by. */
export function pkgKey(pkg: Pick<Package, 'ecosystem' | 'name' | 'version'>): string {
  return `${pkg.ecosystem}\0${normaliseName(pkg.ecosystem, pkg.name)}\0${pkg.version}`;
}

export function isEcosystem(value: string): value is Ecosystem {
  return (ECOSYSTEMS as readonly string[]).includes(value);
}
