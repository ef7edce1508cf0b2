import type { Finding, RuleMeta, ScanWarning } from './findings';

export interface ControlResult {
  id: string; // "required-file/SECURITY.md", "owasp/A03:2021", "fail-on"
  title: string;
  status: 'pass' | 'fail';
  details: string;
}

export interface SkippedCounts {
  binary: number;
  large: number;
  minified: number;
  unreadable: number;
  ignored: number;
}

/** A model's opinion on one finding (--triage): it ranks and explains, it never removes. */
export interface TriageNote {
  fingerprint: string;
  rank: number;
  likelyFalsePositive: boolean;
  note: string;
}

/** A finding as kept in the store for --compare. */
export interface ComparedFinding {
  fingerprint: string;
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  title: string;
}

export interface ScanComparison {
  against: string; // the earlier run's id
  added: ComparedFinding[];
  fixed: ComparedFinding[];
}

/** Everything a report format needs; produced by the security graph, never by a format. */
export interface ScanReport {
  tool: { name: string; version: string; informationUri: string };
  root: string; // absolute path of the scanned tree
  startedAt: Date;
  finishedAt: Date;
  commitSha?: string; // HEAD of the scanned repository, when it is one
  findings: Finding[]; // already filtered by ignores, baseline and --since; sorted by severity then file and line
  rules: RuleMeta[]; // every rule that produced a finding (at least)
  compliance: ControlResult[];
  warnings: ScanWarning[];
  summary: { filesScanned: number; bytesScanned: number; skipped: SkippedCounts; suppressed: number };
  triage?: TriageNote[]; // with --triage, best first
  comparison?: ScanComparison; // with --compare
}
