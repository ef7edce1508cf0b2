import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanReport } from '../../src/agents/security/report-model';

const FIXTURE = join(import.meta.dirname, '../fixtures/reports/scan-report.json');

/**
 * A report with a finding from every scanner (a secret from history, a dependency, code, infrastructure), a rule
 * missing from `rules`, unicode, pipes, HTML and a long message, failing and passing controls, and warnings.
 */
export function scanReport(): ScanReport {
  const raw = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Omit<ScanReport, 'startedAt' | 'finishedAt'> & { startedAt: string; finishedAt: string };
  return { ...raw, startedAt: new Date(raw.startedAt), finishedAt: new Date(raw.finishedAt) };
}

/** A clean scan outside git: nothing found, nothing to check, nothing skipped. */
export function cleanReport(): ScanReport {
  const report = scanReport();
  return {
    ...report,
    commitSha: undefined,
    findings: [],
    rules: [],
    compliance: [],
    warnings: [],
    summary: { filesScanned: 1, bytesScanned: 512, skipped: { binary: 0, large: 0, minified: 0, unreadable: 0, ignored: 0 }, suppressed: 0 },
  };
}

export function findingsOf(report: ScanReport, scanner: string) {
  return report.findings.filter((f) => f.scanner === scanner);
}
