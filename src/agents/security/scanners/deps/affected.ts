import type { OsvAffected, OsvEvent, OsvVulnerability } from './osv';
import { normaliseName, type Ecosystem } from './package';
import { orderingFor, semverOrdering, type VersionOrdering } from './versions';

/** The `affected` entries of a vulnerability that are about this package. */
export function affectedEntriesFor(vuln: OsvVulnerability, ecosystem: Ecosystem, name: string): OsvAffected[] {
  const wanted = normaliseName(ecosystem, name);
  return (vuln.affected ?? []).filter(
    (entry) =>
      entry.package?.ecosystem === ecosystem && normaliseName(ecosystem, entry.package.name) === wanted,
  );
}

/** Whether this version of the package is affected, per the OSV schema's evaluation rules. */
export function isAffected(vuln: OsvVulnerability, ecosystem: Ecosystem, name: string, version: string): boolean {
  const ordering = orderingFor(ecosystem);
  return affectedEntriesFor(vuln, ecosystem, name).some(
    (entry) =>
      (entry.versions ?? []).some((listed) => sameVersion(ordering, listed, version)) ||
      (entry.ranges ?? []).some((range) => {
        if (range.type === 'ECOSYSTEM') return inRange(ordering, range.events, version);
        if (range.type === 'SEMVER') return inRange(semverOrdering, range.events, version.replace(/^v/, ''));
        return false; // GIT ranges name commits, not versions
      }),
  );
}

/** Fixed versions this package's entries name, lowest first. */
export function fixedVersionsFor(vuln: OsvVulnerability, ecosystem: Ecosystem, name: string): string[] {
  const ordering = orderingFor(ecosystem);
  const fixed = new Set<string>();
  for (const entry of affectedEntriesFor(vuln, ecosystem, name)) {
    for (const range of entry.ranges ?? []) {
      if (range.type === 'GIT') continue;
      for (const event of range.events) if (event.fixed !== undefined) fixed.add(event.fixed);
    }
  }
  return sortVersions(ordering, [...fixed]);
}

export function sortVersions(ordering: VersionOrdering, versions: string[]): string[] {
  const valid = versions.filter((v) => ordering.valid(v)).sort((a, b) => ordering.compare(a, b));
  return [...valid, ...versions.filter((v) => !ordering.valid(v)).sort()];
}

function sameVersion(ordering: VersionOrdering, a: string, b: string): boolean {
  if (a === b) return true;
  return ordering.valid(a) && ordering.valid(b) && ordering.compare(a, b) === 0;
}

/**
 * The schema's algorithm: sort the events by version ("0" first), walk them, introduced opens the range, fixed
 * closes it at that version, last_affected closes it after that version; limits cap everything at or above them.
 */
function inRange(ordering: VersionOrdering, events: OsvEvent[], version: string): boolean {
  if (!ordering.valid(version)) return false;
  const limits = events.flatMap((e) => (e.limit !== undefined && e.limit !== '*' ? [e.limit] : []));
  if (limits.length > 0 && !limits.some((limit) => ordering.valid(limit) && ordering.compare(version, limit) < 0)) {
    return false;
  }
  const sorted = events
    .map((event) => ({ event, at: eventVersion(event) }))
    .filter(({ at }) => at === '0' || (at !== undefined && ordering.valid(at)))
    .sort((a, b) => compareEventVersions(ordering, a.at as string, b.at as string));
  let affected = false;
  for (const { event } of sorted) {
    if (event.introduced !== undefined) {
      if (event.introduced === '0' || ordering.compare(version, event.introduced) >= 0) affected = true;
    } else if (event.fixed !== undefined) {
      if (ordering.compare(version, event.fixed) >= 0) affected = false;
    } else if (event.last_affected !== undefined) {
      if (ordering.compare(version, event.last_affected) > 0) affected = false;
    }
  }
  return affected;
}

function eventVersion(event: OsvEvent): string | undefined {
  return event.introduced ?? event.fixed ?? event.last_affected;
}

function compareEventVersions(ordering: VersionOrdering, a: string, b: string): number {
  if (a === '0' || b === '0') return a === b ? 0 : a === '0' ? -1 : 1;
  return ordering.compare(a, b);
}
