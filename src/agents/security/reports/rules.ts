import type { Finding, RuleMeta } from '../findings';
import type { ScanReport } from '../report-model';
import { compareText } from './text';

function ruleFromFinding(f: Finding): RuleMeta {
  return {
    id: f.ruleId,
    scanner: f.scanner,
    title: f.title,
    description: f.message,
    fix: f.fix ?? f.title,
    severity: f.severity,
    ...(f.cwe ? { cwe: f.cwe } : {}),
    ...(f.owasp ? { owasp: f.owasp } : {}),
  };
}

/**
 * One rule per rule id that a finding or the report names, sorted by id. The report promises at least the rules
 * behind its findings; a finding whose rule is missing still gets one, described by the finding itself.
 */
export function rulesOf(report: ScanReport): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  for (const rule of report.rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  for (const f of report.findings) if (!byId.has(f.ruleId)) byId.set(f.ruleId, ruleFromFinding(f));
  return [...byId.values()].sort((a, b) => compareText(a.id, b.id));
}
