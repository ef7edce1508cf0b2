import type { Finding } from '../findings';
import type { ControlResult, ScanReport } from '../report-model';
import { escapeHtml as h } from './escape';
import { SEVERITIES_DESCENDING, orderedFindings, severityCounts, severityLabel } from './severity';
import { summaryLine } from './summary';
import { locationOf, warningText } from './text';

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--critical:#a40e26;--high:#d1242f;--medium:#9a6700;--low:#0969da;--info:#59636e;--pass:#1a7f37;--fail:#d1242f}
@media (prefers-color-scheme:dark){:root{--fg:#f0f6fc;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--critical:#ff7b72;--high:#f85149;--medium:#d29922;--low:#4493f8;--info:#9198a1;--pass:#3fb950;--fail:#f85149}}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:2rem auto;max-width:80rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0}h2{font-size:1.2rem;margin-top:2rem}
.meta,.fix{color:var(--muted)}
.counts{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0}
.count{border:1px solid var(--line);border-left-width:4px;border-radius:6px;padding:.4rem .9rem;min-width:6rem}
.count b{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top}
td{overflow-wrap:anywhere}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
.sev{font-weight:600;white-space:nowrap}
.critical{color:var(--critical);border-left-color:var(--critical)}.high{color:var(--high);border-left-color:var(--high)}
.medium{color:var(--medium);border-left-color:var(--medium)}.low{color:var(--low);border-left-color:var(--low)}
.info{color:var(--info);border-left-color:var(--info)}
.pass{color:var(--pass);font-weight:600}.fail{color:var(--fail);font-weight:600}
`.trim();

/** The page loads nothing and runs nothing: no scripts, no fetched fonts or images, styles inline only. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

function countCards(report: ScanReport): string {
  const counts = severityCounts(report.findings);
  const cards = SEVERITIES_DESCENDING.map((s) => `<div class="count ${s}"><b>${counts[s]}</b>${severityLabel(s)}</div>`);
  return `<div class="counts">${cards.join('')}</div>`;
}

function findingRow(f: Finding): string {
  const details = [
    `<div>${h(f.message)}</div>`,
    ...(f.snippet ? [`<div><code>${h(f.snippet)}</code></div>`] : []),
    ...(f.fix ? [`<div class="fix">Fix: ${h(f.fix)}</div>`] : []),
  ];
  return `<tr><td class="sev ${f.severity}">${severityLabel(f.severity)}</td><td><code>${h(f.ruleId)}</code><div>${h(f.title)}</div></td><td><code>${h(locationOf(f))}</code></td><td>${details.join('')}</td></tr>`;
}

function findingsSection(report: ScanReport): string {
  if (report.findings.length === 0) return '<h2>Findings</h2><p>No findings.</p>';
  const rows = orderedFindings(report.findings).map(findingRow);
  return `<h2>Findings</h2><table><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function controlRow(c: ControlResult): string {
  return `<tr><td class="${c.status}">${c.status === 'fail' ? 'Fail' : 'Pass'}</td><td>${h(c.title)}<div class="meta"><code>${h(c.id)}</code></div></td><td>${h(c.details)}</td></tr>`;
}

function complianceSection(report: ScanReport): string {
  if (report.compliance.length === 0) return '';
  const ordered = [...report.compliance.filter((c) => c.status === 'fail'), ...report.compliance.filter((c) => c.status === 'pass')];
  return `<h2>Compliance</h2><table><thead><tr><th>Status</th><th>Control</th><th>Details</th></tr></thead><tbody>${ordered.map(controlRow).join('\n')}</tbody></table>`;
}

function warningsSection(report: ScanReport): string {
  if (report.warnings.length === 0) return '';
  return `<h2>Warnings</h2><ul>${report.warnings.map((w) => `<li>${h(warningText(w))}</li>`).join('\n')}</ul>`;
}

function metaLine(report: ScanReport): string {
  const parts = [
    `${h(report.tool.name)} ${h(report.tool.version)}`,
    `<code>${h(report.root)}</code>`,
    ...(report.commitSha ? [`commit <code>${h(report.commitSha)}</code>`] : []),
    `${h(report.startedAt.toISOString())} – ${h(report.finishedAt.toISOString())}`,
  ];
  return `<p class="meta">${parts.join(' · ')}</p>`;
}

/** One self-contained page: open it from disk or attach it to a CI job. */
export function renderHtml(report: ScanReport): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>Security scan · ${h(report.tool.name)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>Security scan</h1>
${metaLine(report)}
${countCards(report)}
<p>${h(summaryLine(report))}</p>
${findingsSection(report)}
${complianceSection(report)}
${warningsSection(report)}
<p class="meta">Generated by <a href="${h(report.tool.informationUri)}">${h(report.tool.name)}</a></p>
</body>
</html>
`;
}
