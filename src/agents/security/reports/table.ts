import type { Severity } from '../findings';
import type { ControlResult, ScanReport } from '../report-model';
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

/** For a terminal: findings most severe first, failing controls, then one summary line. */
export function renderTable(report: ScanReport, opts: RenderOptions): string {
  const paint = painter(opts.color);
  const findings = report.findings.length === 0 ? ['No findings.'] : findingRows(report, opts);
  const compliance = complianceLines(report, opts);
  const sections = [findings.join('\n'), ...(compliance.length ? [compliance.join('\n')] : []), paint(BOLD, summaryLine(report))];
  return `${sections.join('\n\n')}\n`;
}
