import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, renderReport } from '../../src/agents/security/reports';
import type { ScanReport } from '../../src/agents/security/report-model';
import { cleanReport, scanReport } from './report-fixture';

/** The same report as a scan that finished its workers in another order would build it. */
function reordered(report: ScanReport): ScanReport {
  return { ...report, findings: [...report.findings].reverse(), rules: [...report.rules].reverse() };
}

describe('report formats', () => {
  it('are the seven that biz scan --format offers', () => {
    expect(REPORT_FORMATS).toEqual(['table', 'md', 'json', 'sarif', 'gitlab-sast', 'gitlab-secrets', 'html']);
  });

  it.each(REPORT_FORMATS)('%s renders the same text for the same report', (format) => {
    const opts = { color: true, width: 100 };
    const first = renderReport(format, scanReport(), opts);
    expect(renderReport(format, scanReport(), opts)).toBe(first);
    expect(renderReport(format, reordered(scanReport()), opts)).toBe(first);
  });

  it.each(REPORT_FORMATS)('%s takes its times from the report, not the clock', (format) => {
    const report = cleanReport();
    const moved = { ...report, startedAt: new Date('2031-01-02T03:04:05.000Z'), finishedAt: new Date('2031-01-02T03:04:06.000Z') };
    const timed = ['json', 'sarif', 'gitlab-sast', 'gitlab-secrets', 'html'];
    const text = renderReport(format, moved, { color: false });
    if (timed.includes(format)) expect(text).toContain('2031-01-02T03:04:05');
    expect(text).not.toContain(new Date().toISOString().slice(0, 10));
  });

  it.each(REPORT_FORMATS)('%s ends with one newline', (format) => {
    const text = renderReport(format, scanReport(), { color: false });
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });
});
