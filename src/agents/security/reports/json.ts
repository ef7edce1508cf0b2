import { z } from 'zod';
import { SEVERITIES, type Finding, type ScannerName } from '../findings';
import type { ComparedFinding, ScanReport } from '../report-model';
import { orderedFindings, severityCounts } from './severity';

const SCANNERS: Record<ScannerName, true> = { secrets: true, dependencies: true, code: true, infrastructure: true, compliance: true };

const severitySchema = z.enum(SEVERITIES);
const count = z.number().int().nonnegative();

const dependencySchema = z.object({
  ecosystem: z.string(),
  name: z.string(),
  version: z.string(),
  advisories: z.array(z.string()),
  aliases: z.array(z.string()),
  fixedVersions: z.array(z.string()),
});

const findingSchema = z.object({
  ruleId: z.string(),
  scanner: z.enum(Object.keys(SCANNERS) as [ScannerName, ...ScannerName[]]),
  severity: severitySchema,
  title: z.string(),
  message: z.string(),
  fix: z.string().optional(),
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive().optional(),
  endLine: z.number().int().positive().optional(),
  snippet: z.string().optional(),
  cwe: z.array(z.string()).optional(),
  owasp: z.array(z.string()).optional(),
  fingerprint: z.string(),
  commit: z.string().optional(),
  dependency: dependencySchema.optional(),
});

const comparedSchema = z.object({ fingerprint: z.string(), ruleId: z.string(), severity: z.string(), file: z.string(), line: z.number().int(), title: z.string() });

/** The `--format json` document, version 1. Fields are only ever added within a version. */
export const jsonReportSchema = z.object({
  version: z.literal(1),
  tool: z.object({ name: z.string(), version: z.string(), informationUri: z.string() }),
  root: z.string().optional(),
  commitSha: z.string().optional(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  summary: z.object({
    findings: count,
    bySeverity: z.record(severitySchema, count),
    filesScanned: count,
    bytesScanned: count,
    skipped: z.object({ binary: count, large: count, minified: count, unreadable: count, ignored: count }),
    suppressed: count,
  }),
  findings: z.array(findingSchema),
  compliance: z.array(z.object({ id: z.string(), title: z.string(), status: z.enum(['pass', 'fail']), details: z.string() })),
  warnings: z.array(z.object({ file: z.string(), line: z.number().int().positive().optional(), message: z.string() })),
  triage: z.array(z.object({ fingerprint: z.string(), rank: z.number().int(), likelyFalsePositive: z.boolean(), note: z.string() })).optional(),
  comparison: z
    .object({
      against: z.string(),
      added: z.array(comparedSchema),
      fixed: z.array(comparedSchema),
    })
    .optional(),
});

export type JsonReport = z.infer<typeof jsonReportSchema>;

/** Fields in schema order, whatever order the finding was built in. */
function jsonFinding(f: Finding): JsonReport['findings'][number] {
  return {
    ruleId: f.ruleId,
    scanner: f.scanner,
    severity: f.severity,
    title: f.title,
    message: f.message,
    fix: f.fix,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    snippet: f.snippet,
    cwe: f.cwe,
    owasp: f.owasp,
    fingerprint: f.fingerprint,
    commit: f.commit,
    dependency: f.dependency && {
      ecosystem: f.dependency.ecosystem,
      name: f.dependency.name,
      version: f.dependency.version,
      advisories: f.dependency.advisories,
      aliases: f.dependency.aliases,
      fixedVersions: f.dependency.fixedVersions,
    },
  };
}

export function jsonReport(report: ScanReport): JsonReport {
  const { filesScanned, bytesScanned, skipped, suppressed } = report.summary;
  return {
    version: 1,
    tool: { name: report.tool.name, version: report.tool.version, informationUri: report.tool.informationUri },
    root: report.root || undefined,
    commitSha: report.commitSha,
    startedAt: report.startedAt.toISOString(),
    finishedAt: report.finishedAt.toISOString(),
    summary: {
      findings: report.findings.length,
      bySeverity: severityCounts(report.findings),
      filesScanned,
      bytesScanned,
      skipped: { binary: skipped.binary, large: skipped.large, minified: skipped.minified, unreadable: skipped.unreadable, ignored: skipped.ignored },
      suppressed,
    },
    findings: orderedFindings(report.findings).map(jsonFinding),
    compliance: report.compliance.map((c) => ({ id: c.id, title: c.title, status: c.status, details: c.details })),
    warnings: report.warnings.map((w) => ({ file: w.file, line: w.line, message: w.message })),
    triage: report.triage?.map((t) => ({ fingerprint: t.fingerprint, rank: t.rank, likelyFalsePositive: t.likelyFalsePositive, note: t.note })),
    comparison: report.comparison && {
      against: report.comparison.against,
      added: report.comparison.added.map(comparedFinding),
      fixed: report.comparison.fixed.map(comparedFinding),
    },
  };
}

function comparedFinding(f: ComparedFinding): z.infer<typeof comparedSchema> {
  return { fingerprint: f.fingerprint, ruleId: f.ruleId, severity: f.severity, file: f.file, line: f.line, title: f.title };
}

export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(jsonReport(report), null, 2)}\n`;
}
