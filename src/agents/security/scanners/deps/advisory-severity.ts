import type { Severity } from '../../findings';
import { cvss3BaseScore } from './cvss';
import type { OsvSeverity, OsvVulnerability } from './osv';

const GITHUB_SEVERITIES: Record<string, Severity> = {
  LOW: 'low',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
};

/**
 * The severity an advisory states: its database's own rating (GitHub's LOW/MODERATE/HIGH/CRITICAL), else the
 * CVSS 3 base score of its vector, else undefined (the advisory gives none).
 */
export function statedSeverity(vuln: OsvVulnerability): Severity | undefined {
  const rating = vuln.database_specific?.severity;
  if (typeof rating === 'string' && Object.hasOwn(GITHUB_SEVERITIES, rating.toUpperCase())) {
    return GITHUB_SEVERITIES[rating.toUpperCase()];
  }
  const vectors: OsvSeverity[] = [...(vuln.severity ?? []), ...(vuln.affected ?? []).flatMap((a) => a.severity ?? [])];
  for (const { type, score } of vectors) {
    if (type !== 'CVSS_V3') continue;
    const base = cvss3BaseScore(score);
    if (base !== undefined) return severityOfScore(base);
  }
  return undefined;
}

export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return score > 0 ? 'low' : 'info';
}
