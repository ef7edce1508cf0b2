import type { OsvVulnerability } from './osv';

/**
 * Advisories that name each other (GHSA-x aliasing PYSEC-y aliasing CVE-z) describe one problem: group them so a
 * package gets one finding per problem. The primary comes first: a GitHub advisory if any (they carry severity and
 * CWE), then by id.
 */
export function groupAliases(vulns: OsvVulnerability[]): OsvVulnerability[][] {
  const parent = new Map<string, string>();
  const root = (name: string): string => {
    const up = parent.get(name) ?? name;
    if (up === name) return name;
    const top = root(up);
    parent.set(name, top);
    return top;
  };
  for (const vuln of vulns) {
    for (const alias of vuln.aliases ?? []) {
      const a = root(vuln.id);
      const b = root(alias);
      if (a !== b) parent.set(a, b);
    }
  }
  const groups = new Map<string, Map<string, OsvVulnerability>>();
  for (const vuln of vulns) {
    const key = root(vuln.id);
    const group = groups.get(key) ?? new Map<string, OsvVulnerability>();
    group.set(vuln.id, vuln);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => [...group.values()].sort(primaryFirst));
}

function primaryFirst(a: OsvVulnerability, b: OsvVulnerability): number {
  const rank = (v: OsvVulnerability): number => (v.id.startsWith('GHSA-') ? 0 : 1);
  return rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
