import { formatBytes, formatCount } from '../../../ui/format';
import type { ScanReport, SkippedCounts } from '../report-model';
import { SEVERITIES_DESCENDING, severityCounts } from './severity';
import { plural } from './text';

const SKIP_REASONS: readonly (keyof SkippedCounts)[] = ['binary', 'large', 'minified', 'unreadable', 'ignored'];

/** "12 findings (1 critical, 3 high, 8 medium)", or "No findings". */
export function findingsPhrase(report: ScanReport): string {
  const total = report.findings.length;
  if (total === 0) return 'No findings';
  const counts = severityCounts(report.findings);
  const parts = SEVERITIES_DESCENDING.filter((s) => counts[s] > 0).map((s) => `${formatCount(counts[s])} ${s}`);
  return `${formatCount(total)} ${plural(total, 'finding')} (${parts.join(', ')})`;
}

/** "in 1,234 files (56.7 MB) · 3 skipped (2 binary, 1 minified) · 2 suppressed": zero parts are left out. */
export function scopePhrase(report: ScanReport): string {
  const { filesScanned, bytesScanned, skipped, suppressed } = report.summary;
  const parts = [`in ${formatCount(filesScanned)} ${plural(filesScanned, 'file')} (${formatBytes(bytesScanned)})`];
  const reasons = SKIP_REASONS.filter((r) => skipped[r] > 0);
  const skippedTotal = reasons.reduce((sum, r) => sum + skipped[r], 0);
  if (skippedTotal > 0) parts.push(`${formatCount(skippedTotal)} skipped (${reasons.map((r) => `${formatCount(skipped[r])} ${r}`).join(', ')})`);
  if (suppressed > 0) parts.push(`${formatCount(suppressed)} suppressed`);
  return parts.join(' · ');
}

export function summaryLine(report: ScanReport): string {
  return `${findingsPhrase(report)} ${scopePhrase(report)}`;
}
