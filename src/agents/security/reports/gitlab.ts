import type { Finding, ScannerName } from '../findings';
import type { ScanReport } from '../report-model';
import { cweNumber, cweUrl } from './references';
import { orderedFindings, severityLabel } from './severity';
import { clip, warningText } from './text';
import { uuidV5 } from './uuid';

export type GitlabReportType = 'sast' | 'secret_detection';

export const GITLAB_SCHEMA_VERSION = '15.2.1';

/** Dependency findings belong to GitLab dependency scanning, which wants a dependency_files list we do not keep. */
const SCANNERS_IN: Record<GitlabReportType, readonly ScannerName[]> = {
  sast: ['code', 'infrastructure'],
  secret_detection: ['secrets'],
};

/** GitLab's documented stand-in when the scanned tree is not a git checkout. */
const NO_COMMIT = '0000000';
const NAME_MAX = 255;
const SOLUTION_MAX = 7000;

/** The schema's date-time pattern: UTC, seconds, no fraction, no zone. */
function gitlabTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}

function identifiers(f: Finding) {
  const cwes = (f.cwe ?? []).flatMap((id) => {
    const n = cweNumber(id);
    return n ? [{ type: 'cwe', name: `CWE-${n}`, value: n, url: cweUrl(n) }] : [];
  });
  const owasp = (f.owasp ?? []).map((id) => ({ type: 'owasp', name: id, value: id }));
  return [{ type: 'biz_rule', name: clip(f.ruleId, NAME_MAX), value: f.ruleId }, ...cwes, ...owasp];
}

function location(f: Finding, type: GitlabReportType, report: ScanReport) {
  const lines = { file: f.file, start_line: f.line, end_line: Math.max(f.endLine ?? f.line, f.line) };
  return type === 'secret_detection' ? { ...lines, commit: { sha: f.commit ?? report.commitSha ?? NO_COMMIT } } : lines;
}

function vulnerability(f: Finding, type: GitlabReportType, report: ScanReport) {
  return {
    id: uuidV5(`bizFingerprint/v1:${f.fingerprint}@${f.commit ?? ''}`),
    name: clip(f.title, NAME_MAX),
    description: f.message,
    severity: severityLabel(f.severity),
    ...(f.fix ? { solution: clip(f.fix, SOLUTION_MAX) } : {}),
    identifiers: identifiers(f),
    location: location(f, type, report),
  };
}

/** A GitLab security report (schema 15.x) of one type, holding only the findings of the scanners that type covers. */
export function gitlabReport(report: ScanReport, type: GitlabReportType) {
  const tool = { id: report.tool.name, name: report.tool.name, version: report.tool.version, vendor: { name: report.tool.name } };
  const findings = orderedFindings(report.findings).filter((f) => SCANNERS_IN[type].includes(f.scanner));
  return {
    version: GITLAB_SCHEMA_VERSION,
    scan: {
      analyzer: tool,
      scanner: tool,
      type,
      start_time: gitlabTime(report.startedAt),
      end_time: gitlabTime(report.finishedAt),
      status: 'success',
      messages: report.warnings.map((w) => ({ level: 'warn', value: warningText(w) })),
    },
    vulnerabilities: findings.map((f) => vulnerability(f, type, report)),
  };
}

export function renderGitlab(report: ScanReport, type: GitlabReportType): string {
  return `${JSON.stringify(gitlabReport(report, type), null, 2)}\n`;
}
