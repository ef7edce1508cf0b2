import type { RuleMeta } from '../../findings';
import { fixedVersionsFor, sortVersions } from './affected';
import { statedSeverity } from './advisory-severity';
import type { OsvVulnerability } from './osv';
import { isEcosystem, type Ecosystem } from './package';
import { orderingFor } from './versions';

const OWASP_VULNERABLE_COMPONENTS = 'A06:2021';

export function advisoryUrl(id: string): string {
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

/** The rule for a group of aliased advisories, named after its primary (first) advisory. */
export function advisoryRule(group: OsvVulnerability[]): RuleMeta {
  const primary = group[0] as OsvVulnerability;
  const summary = group.map((v) => v.summary?.trim()).find(Boolean);
  const details = group.map((v) => v.details?.trim()).find(Boolean);
  const cwe = [...new Set(group.flatMap((v) => cweIds(v)))].sort();
  return {
    id: `dep/${primary.id}`,
    scanner: 'dependencies',
    title: summary ?? `Known vulnerability ${primary.id}`,
    description: details ?? summary ?? `See ${advisoryUrl(primary.id)}`,
    fix: advisoryFix(primary),
    severity: group.map(statedSeverity).find((s) => s !== undefined) ?? 'medium',
    ...(cwe.length > 0 ? { cwe } : {}),
    owasp: [OWASP_VULNERABLE_COMPONENTS],
  };
}

/** What to do about one installed version: the nearest fixed release above it, if there is one. */
export function packageFix(group: OsvVulnerability[], ecosystem: Ecosystem, name: string, version: string): string {
  const ordering = orderingFor(ecosystem);
  const fixed = fixedVersionsAcross(group, ecosystem, name);
  const next = ordering.valid(version)
    ? fixed.find((f) => ordering.valid(f) && ordering.compare(f, version) > 0)
    : fixed[0];
  if (next) return `Upgrade ${name} to ${next}`;
  return noFixYet(name, (group[0] as OsvVulnerability).id);
}

export function fixedVersionsAcross(group: OsvVulnerability[], ecosystem: Ecosystem, name: string): string[] {
  const all = new Set(group.flatMap((vuln) => fixedVersionsFor(vuln, ecosystem, name)));
  return sortVersions(orderingFor(ecosystem), [...all]);
}

function advisoryFix(vuln: OsvVulnerability): string {
  const packages = new Map<string, { ecosystem: Ecosystem; name: string }>();
  for (const { package: pkg } of vuln.affected ?? []) {
    if (pkg && isEcosystem(pkg.ecosystem)) packages.set(`${pkg.ecosystem}\0${pkg.name}`, { ecosystem: pkg.ecosystem, name: pkg.name });
  }
  const upgrades = [...packages.values()].flatMap(({ ecosystem, name }) => {
    const first = fixedVersionsFor(vuln, ecosystem, name)[0];
    return first ? [`${name} to ${first}`] : [];
  });
  if (upgrades.length > 0) return `Upgrade ${upgrades.join('; ')}`;
  return noFixYet([...packages.values()].map((p) => p.name).join(', ') || 'the package', vuln.id);
}

function noFixYet(name: string, id: string): string {
  return `No fixed version yet: remove or replace ${name}, or apply the workaround the advisory describes (${advisoryUrl(id)})`;
}

function cweIds(vuln: OsvVulnerability): string[] {
  const ids = vuln.database_specific?.cwe_ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string' && /^CWE-\d+$/.test(id)) : [];
}
