import { pathToFileURL } from 'node:url';
import type { Finding, RuleMeta, ScannerName, Severity } from '../findings';
import type { ScanReport } from '../report-model';
import { advisoryUrl } from '../scanners/deps/advisory-rule';
import { escapeMarkdown } from './escape';
import { cweNumber, cweUrl } from './references';
import { rulesOf } from './rules';
import { orderedFindings } from './severity';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'bizFingerprint/v1';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** GitHub code scanning buckets: >= 9 critical, >= 7 high, >= 4 medium, above 0 low. Info is no security severity. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: undefined };

/** How often a hit of each scanner is a true positive: advisories match exact versions, code patterns guess more. */
const PRECISION: Record<ScannerName, 'very-high' | 'high' | 'medium'> = {
  dependencies: 'very-high',
  secrets: 'high',
  infrastructure: 'high',
  compliance: 'high',
  code: 'medium',
};

/** "secret/aws-access-key-id" -> "SecretAwsAccessKeyId". */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function artifactUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function tags(rule: RuleMeta): string[] {
  const cwes = (rule.cwe ?? []).flatMap((id) => {
    const n = cweNumber(id);
    return n ? [`external/cwe/cwe-${n}`] : [];
  });
  const owasp = (rule.owasp ?? []).map((id) => `external/owasp/${id.toLowerCase()}`);
  return ['security', rule.scanner, ...cwes, ...owasp];
}

function helpMarkdown(rule: RuleMeta, helpUri: string | undefined): string {
  const references = [
    ...(rule.cwe ?? []).flatMap((id) => {
      const n = cweNumber(id);
      return n ? [`[CWE-${n}](${cweUrl(n)})`] : [];
    }),
    ...(rule.owasp ?? []).map((id) => `OWASP ${escapeMarkdown(id)}`),
    ...(helpUri ? [`[${escapeMarkdown(rule.id)}](${helpUri})`] : []),
  ];
  return [escapeMarkdown(rule.description), `**How to fix:** ${escapeMarkdown(rule.fix)}`, ...(references.length ? [`References: ${references.join(', ')}`] : [])].join('\n\n');
}

/** Dependency rules are named after an advisory, and the advisory page is their documentation. */
function advisoryPages(findings: readonly Finding[]): Map<string, string> {
  const pages = new Map<string, string>();
  for (const f of findings) {
    const advisory = f.dependency?.advisories[0];
    if (advisory && !pages.has(f.ruleId)) pages.set(f.ruleId, advisoryUrl(advisory));
  }
  return pages;
}

function sarifRule(rule: RuleMeta, helpUri: string | undefined) {
  const securitySeverity = SECURITY_SEVERITY[rule.severity];
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: rule.fix, markdown: helpMarkdown(rule, helpUri) },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: tags(rule),
      ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
      precision: PRECISION[rule.scanner],
    },
  };
}

function physicalLocation(file: string, region: Record<string, unknown> | undefined) {
  return { physicalLocation: { artifactLocation: { uri: artifactUri(file), uriBaseId: SRCROOT }, ...(region ? { region } : {}) } };
}

function sarifResult(f: Finding, ruleIndex: number) {
  const region = {
    startLine: f.line,
    ...(f.column ? { startColumn: f.column } : {}),
    ...(f.endLine && f.endLine >= f.line ? { endLine: f.endLine } : {}),
    ...(f.snippet ? { snippet: { text: f.snippet } } : {}),
  };
  const properties = { ...(f.commit ? { commit: f.commit } : {}), ...(f.dependency ? { dependency: f.dependency } : {}) };
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [physicalLocation(f.file, region)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(Object.keys(properties).length ? { properties } : {}),
  };
}

export function sarifLog(report: ScanReport) {
  const rules = rulesOf(report);
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const pages = advisoryPages(report.findings);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: report.tool.informationUri,
            rules: rules.map((r) => sarifRule(r, pages.get(r.id))),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: report.startedAt.toISOString(),
            endTimeUtc: report.finishedAt.toISOString(),
            toolExecutionNotifications: report.warnings.map((w) => ({
              level: 'warning',
              message: { text: w.message },
              locations: [physicalLocation(w.file, w.line ? { startLine: w.line } : undefined)],
            })),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(report.root) } },
        columnKind: 'utf16CodeUnits',
        results: orderedFindings(report.findings).map((f) => sarifResult(f, indexOf.get(f.ruleId) as number)),
      },
    ],
  };
}

export function renderSarif(report: ScanReport): string {
  return `${JSON.stringify(sarifLog(report), null, 2)}\n`;
}
