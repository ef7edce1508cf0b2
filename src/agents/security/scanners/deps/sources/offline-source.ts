import { readFile } from 'node:fs/promises';
import { isAffected } from '../affected';
import { isOsvVulnerability, type OsvVulnerability } from '../osv';
import { normaliseName, pkgKey, type Ecosystem, type Package } from '../package';
import { offlineZipPath, unzipRecords } from './offline-db';
import type { OsvSource } from './source';

type NameIndex = Map<string, OsvVulnerability[]>;

/**
 * Advisories from `<dbDir>/<Ecosystem>/all.zip`. Each ecosystem's zip is read the first time a scan needs it and
 * indexed by normalised package name; versions are then matched locally with the OSV range rules.
 */
export function createOfflineSource(dbDir: string): OsvSource {
  const indexes = new Map<Ecosystem, Promise<NameIndex>>();
  const indexFor = (ecosystem: Ecosystem): Promise<NameIndex> => {
    let index = indexes.get(ecosystem);
    if (!index) {
      index = loadIndex(dbDir, ecosystem);
      indexes.set(ecosystem, index);
    }
    return index;
  };

  return {
    name: 'osv-offline',
    async query(pkgs: Package[]) {
      const ecosystems = [...new Set(pkgs.map((pkg) => pkg.ecosystem))];
      const loaded = new Map(await Promise.all(ecosystems.map(async (e) => [e, await indexFor(e)] as const)));
      const answer = new Map<string, OsvVulnerability[]>();
      for (const pkg of pkgs) {
        const key = pkgKey(pkg);
        if (answer.has(key)) continue;
        const candidates = loaded.get(pkg.ecosystem)?.get(normaliseName(pkg.ecosystem, pkg.name)) ?? [];
        const vulns = candidates.filter((vuln) => isAffected(vuln, pkg.ecosystem, pkg.name, pkg.version));
        if (vulns.length > 0) answer.set(key, vulns);
      }
      return answer;
    },
  };
}

async function loadIndex(dbDir: string, ecosystem: Ecosystem): Promise<NameIndex> {
  const path = offlineZipPath(dbDir, ecosystem);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`the offline vulnerability database has no ${ecosystem} advisories: ${path} is missing (run 'biz db update --ecosystems ${ecosystem}')`, {
        cause: error,
      });
    }
    throw error;
  }
  let records: Record<string, Uint8Array>;
  try {
    records = unzipRecords(bytes);
  } catch (error) {
    throw new Error(`the offline vulnerability database is damaged: ${path}: ${(error as Error).message} (update it again)`, {
      cause: error,
    });
  }
  const decoder = new TextDecoder();
  const index: NameIndex = new Map();
  for (const [entry, data] of Object.entries(records)) {
    let vuln: unknown;
    try {
      vuln = JSON.parse(decoder.decode(data));
    } catch (error) {
      throw new Error(`the offline vulnerability database is damaged: ${path}: ${entry} is not valid JSON (update it again)`, {
        cause: error,
      });
    }
    if (!isOsvVulnerability(vuln) || vuln.withdrawn) continue;
    const names = new Set(
      (vuln.affected ?? [])
        .filter((a) => a.package?.ecosystem === ecosystem)
        .map((a) => normaliseName(ecosystem, a.package?.name ?? '')),
    );
    for (const name of names) {
      const list = index.get(name);
      if (list) list.push(vuln);
      else index.set(name, [vuln]);
    }
  }
  return index;
}

