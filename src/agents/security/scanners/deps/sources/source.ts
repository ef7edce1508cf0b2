import type { OsvVulnerability } from '../osv';
import type { Package } from '../package';

/** Where advisories come from: the OSV API or an offline copy of its database. */
export interface OsvSource {
  name: string;
  /** Advisories affecting each package, keyed by pkgKey; packages with none may be absent. */
  query(pkgs: Package[]): Promise<Map<string, OsvVulnerability[]>>;
}

/** Details of advisories by id and modification time; the lead backs it with SQLite. */
export interface OsvCache {
  get(key: string): string | undefined;
  put(key: string, value: string): void;
}
