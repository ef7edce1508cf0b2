import type { Severity } from '../findings';
import type { ComparedFinding, ControlResult, ScanReport } from '../report-model';
import { displayWidth, padToWidth, truncateToWidth } from './display-width';
import type { RenderOptions } from './options';
import { orderedFindings } from './severity';
import { summaryLine } from './summary';
import { locationOf, oneLine } from './text';

const SEVERITY_STYLE: Record<Severity, string> = {
  critical: '1;31',
  high: '31',
  medium: '33',
  low: '36',
  info: '2',
};
const STATUS_STYLE: Record<ControlResult['status'], string> = { fail: '31', pass: '32' };
const BOLD = '1';

/** However narrow the terminal, a message keeps this many cells. */
const MIN_MESSAGE_WIDTH = 16;
const GAP = '  ';

function painter(color: boolean) {
  return (style: string, text: string) => (color ? `\x1b[${style}m${text}\x1b[0m` : text);
}

function fit(text: string, width: number | undefined): string {
  return width === undefined ? text : truncateToWidth(text, Math.max(width, MIN_MESSAGE_WIDTH));
}

function findingRows(report: ScanReport, opts: RenderOptions): string[] {
  const paint = painter(opts.color);
  const rows = orderedFindings(report.findings).map((f) => ({ severity: f.severity, cells: [f.severity, f.ruleId, locationOf(f)], message: oneLine(f.message) }));
  const headers = ['SEVERITY', 'RULE', 'LOCATION'];
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r.cells[i]))));
  const lead = widths.reduce((sum, w) => sum + w + GAP.length, 0);
  const messageWidth = opts.width === undefined ? undefined : opts.width - lead;
  const padded = (cells: string[]) => cells.map((c, i) => padToWidth(c, widths[i]));
  const header = paint(BOLD, [...padded(headers), 'MESSAGE'].join(GAP));
  return [
    header,
    ...rows.map((r) => {
      const [severity, ...rest] = padded(r.cells);
      return [paint(SEVERITY_STYLE[r.severity], severity), ...rest, fit(r.message, messageWidth)].join(GAP);
    }),
  ];
}

function complianceLines(report: ScanReport, opts: RenderOptions): string[] {
  const controls = report.compliance;
  if (controls.length === 0) return [];
  const paint = painter(opts.color);
  const failed = controls.filter((c) => c.status === 'fail');
  if (failed.length === 0) return [`Compliance: ${paint(STATUS_STYLE.pass, 'PASS')} (${controls.length} control${controls.length === 1 ? '' : 's'})`];
  const lead = '  FAIL  ';
  const width = opts.width === undefined ? undefined : opts.width - lead.length;
  return [
    `Compliance: ${paint(STATUS_STYLE.fail, `${failed.length} failed`)}, ${controls.length - failed.length} passed`,
    ...failed.map((c) => `  ${paint(STATUS_STYLE.fail, 'FAIL')}  ${fit(oneLine(`${c.title}: ${c.details}`), width)}`),
  ];
}

function triageLines(report: ScanReport): string[] {
  if (!report.triage?.length) return [];
  const byFingerprint = new Map(report.findings.map((f) => [f.fingerprint, f]));
  return [
    'Triage (the model\'s opinion; nothing was hidden):',
    ...report.triage.flatMap((t) => {
      const f = byFingerprint.get(t.fingerprint);
      return f ? [`  ${t.rank}. ${f.ruleId} ${f.file}:${f.line}${t.likelyFalsePositive ? ' (likely false positive)' : ''}: ${oneLine(t.note)}`] : [];
    }),
  ];
}

function comparisonLines(report: ScanReport): string[] {
  const c = report.comparison;
  if (!c) return [];
  const line = (f: ComparedFinding) => `  ${f.severity.padEnd(8)} ${f.ruleId}  ${f.file}:${f.line}`;
  return [
    `Compared with run ${c.against}: ${c.added.length} new, ${c.fixed.length} fixed`,
    ...(c.added.length ? ['new:', ...c.added.map(line)] : []),
    ...(c.fixed.length ? ['fixed:', ...c.fixed.map(line)] : []),
  ];
}

/** For a terminal: findings most severe first, failing controls, triage and comparison when asked, then one summary line. */
export function renderTable(report: ScanReport, opts: RenderOptions): string {
  const paint = painter(opts.color);
  const findings = report.findings.length === 0 ? ['No findings.'] : findingRows(report, opts);
  const extra = [complianceLines(report, opts), triageLines(report), comparisonLines(report)].filter((lines) => lines.length > 0);
  const sections = [findings.join('\n'), ...extra.map((lines) => lines.join('\n')), paint(BOLD, summaryLine(report))];
  return `${sections.join('\n\n')}\n`;
}
