import { SEVERITIES, type Finding, type Severity } from '../findings';
import { compareText } from './text';

/** Most severe first: the order every report lists findings and counts in. */
export const SEVERITIES_DESCENDING: readonly Severity[] = [...SEVERITIES].reverse();

export function severityLabel(severity: Severity): string {
  return severity[0].toUpperCase() + severity.slice(1);
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES_DESCENDING.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/**
 * Most severe first, then by place; the remaining keys only make the order total, so equal inputs render alike
 * whatever order the scanners finished in.
 */
export function bySeverityThenPlace(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
    compareText(a.file, b.file) ||
    a.line - b.line ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.commit ?? '', b.commit ?? '') ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

export function orderedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(bySeverityThenPlace);
}
