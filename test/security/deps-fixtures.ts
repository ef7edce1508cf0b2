import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { OsvVulnerability } from '../../src/agents/security/scanners/deps/osv';

const ADVISORIES = join(import.meta.dirname, '../fixtures/deps/advisories');
export const LOCKFILES = join(import.meta.dirname, '../fixtures/deps/lockfiles');

export function loadAdvisories(): OsvVulnerability[] {
  return readdirSync(ADVISORIES)
    .sort()
    .map((name) => JSON.parse(readFileSync(join(ADVISORIES, name), 'utf8')) as OsvVulnerability);
}

/** An all.zip as osv.dev publishes it: one <id>.json per advisory that affects the ecosystem. */
export function allZip(ecosystem: string, advisories = loadAdvisories()): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const vuln of advisories) {
    if (vuln.affected?.some((a) => a.package?.ecosystem === ecosystem)) files[`${vuln.id}.json`] = strToU8(JSON.stringify(vuln));
  }
  return zipSync(files);
}
