import type { ControlResult, ScanReport } from '../report-model';
import { escapeMarkdown } from './escape';
import { SEVERITIES_DESCENDING, orderedFindings, severityCounts, severityLabel } from './severity';
import { findingsPhrase, scopePhrase } from './summary';
import { locationOf, warningText } from './text';

function table(headers: string[], align: ('left' | 'right')[], rows: string[][]): string[] {
  const rule = align.map((a) => (a === 'right' ? '--:' : ':--'));
  return [headers, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}

function severitySection(report: ScanReport): string[] {
  const counts = severityCounts(report.findings);
  return table(['Severity', 'Findings'], ['left', 'right'], SEVERITIES_DESCENDING.map((s) => [severityLabel(s), String(counts[s])]));
}

function findingsSection(report: ScanReport): string[] {
  if (report.findings.length === 0) return ['### Findings', '', 'No findings.'];
  const rows = orderedFindings(report.findings).map((f) => [severityLabel(f.severity), f.ruleId, locationOf(f), f.message].map(escapeMarkdown));
  return ['### Findings', '', ...table(['Severity', 'Rule', 'Location', 'Message'], ['left', 'left', 'left', 'left'], rows)];
}

function controlRows(controls: ControlResult[]): string[] {
  return table(['Control', 'Details'], ['left', 'left'], controls.map((c) => [c.title, c.details].map(escapeMarkdown)));
}

/** Failing controls in view; passing ones folded away, since a comment should lead with what needs doing. */
function complianceSection(report: ScanReport): string[] {
  const controls = report.compliance;
  if (controls.length === 0) return [];
  const failed = controls.filter((c) => c.status === 'fail');
  const passed = controls.filter((c) => c.status === 'pass');
  const heading = failed.length ? `**${failed.length} of ${controls.length} controls failed.**` : `All ${controls.length} controls passed.`;
  const lines = ['### Compliance', '', heading];
  if (failed.length) lines.push('', ...controlRows(failed));
  if (passed.length) lines.push('', `<details><summary>${passed.length} passed</summary>`, '', ...controlRows(passed), '', '</details>');
  return lines;
}

function warningsSection(report: ScanReport): string[] {
  if (report.warnings.length === 0) return [];
  const items = report.warnings.map((w) => `- ${escapeMarkdown(warningText(w))}`);
  return ['### Warnings', '', ...items];
}

/** GitHub-flavoured Markdown for merge request comments and CI job summaries. */
export function renderMarkdown(report: ScanReport): string {
  const about = `${report.tool.name} ${report.tool.version}${report.commitSha ? ` · commit ${report.commitSha.slice(0, 12)}` : ''}`;
  const sections = [
    ['## Security scan', '', `**${escapeMarkdown(findingsPhrase(report))}** ${escapeMarkdown(scopePhrase(report))}`, '', `_${escapeMarkdown(about)}_`],
    severitySection(report),
    findingsSection(report),
    complianceSection(report),
    warningsSection(report),
  ].filter((s) => s.length > 0);
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
}
