import { createHash } from 'node:crypto';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type ScannerName = 'secrets' | 'dependencies' | 'code' | 'infrastructure' | 'compliance';

/** What a rule is, independent of any single hit: feeds SARIF `rules[]`, GitLab identifiers and `biz scan --help`. */
export interface RuleMeta {
  id: string; // stable, kebab-case, prefixed by scanner: "secret/aws-access-key-id", "js/eval-input", "docker/root-user"
  scanner: ScannerName;
  title: string; // short description, one line
  description: string; // why it matters (full description)
  fix: string; // how to fix (help text)
  severity: Severity;
  cwe?: string[]; // ["CWE-798"]
  owasp?: string[]; // ["A07:2021"]
}

export interface DependencyRef {
  ecosystem: string; // OSV ecosystem name: npm, PyPI, Go, crates.io, RubyGems, Packagist
  name: string;
  version: string;
  advisories: string[]; // OSV ids, first is primary (GHSA-..., PYSEC-..., RUSTSEC-...)
  aliases: string[]; // CVE ids etc.
  fixedVersions: string[];
}

export interface Finding {
  ruleId: string;
  scanner: ScannerName;
  severity: Severity;
  title: string;
  message: string; // what was found here and why it matters; never contains a secret in clear
  fix?: string;
  file: string; // repository-relative, forward slashes
  line: number; // 1-based
  column?: number; // 1-based
  endLine?: number;
  snippet?: string; // the offending line, secrets masked
  cwe?: string[];
  owasp?: string[];
  /** Stable identity across runs and line moves: see fingerprintOf. */
  fingerprint: string;
  commit?: string; // set by history scans
  dependency?: DependencyRef;
}

/** A file as the walker hands it to content scanners. */
export interface SourceFile {
  path: string; // repository-relative, forward slashes
  /** May be a getter that decodes `bytes` on first use: a scanner that can rule a file out from its bytes never pays for it. */
  readonly text: string;
  /** The UTF-8 bytes as read from disk; absent for text from elsewhere (tests, git history). */
  bytes?: Buffer;
}

/** The file's UTF-8 bytes: as read, or encoded from its text. */
export function bytesOf(file: SourceFile): Buffer {
  return file.bytes ?? Buffer.from(file.text, 'utf8');
}

/** Something a scanner could not read or parse: reported with file and line, and the scan goes on. */
export interface ScanWarning {
  file: string;
  line?: number;
  message: string;
}

/** Scanners that look at one file at a time run inside worker threads. */
export interface FileScanner {
  name: ScannerName;
  rules: RuleMeta[];
  /** Cheap test on the path alone; files it rejects are never read for this scanner. */
  accepts(path: string): boolean;
  scan(file: SourceFile, warn: (warning: ScanWarning) => void): Finding[];
}

export function severityAtLeast(s: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(s) >= SEVERITIES.indexOf(threshold);
}

/**
 * gitleaks-style fingerprint: rule, file and a hash of what matched (never the match itself), so a baseline survives
 * the finding moving to another line and never stores a secret.
 */
export function fingerprintOf(ruleId: string, file: string, matched: string): string {
  const digest = createHash('sha256').update(`${ruleId}\0${file}\0${matched.trim()}`).digest('hex').slice(0, 32);
  return `${ruleId}:${file}:${digest}`;
}

export function findingFor(
  rule: RuleMeta,
  at: { file: string; line: number; column?: number; endLine?: number; snippet?: string; matched: string },
  message = rule.description,
): Finding {
  return {
    ruleId: rule.id,
    scanner: rule.scanner,
    severity: rule.severity,
    title: rule.title,
    message,
    fix: rule.fix,
    file: at.file,
    line: at.line,
    column: at.column,
    endLine: at.endLine,
    snippet: at.snippet,
    cwe: rule.cwe,
    owasp: rule.owasp,
    fingerprint: fingerprintOf(rule.id, at.file, at.matched),
  };
}
