import { describe, expect, it } from 'vitest';
import { jsonReportSchema, renderReport } from '../../src/agents/security/reports';
import { scanReport } from './report-fixture';

describe('json report', () => {
  const report = scanReport();
  const doc = JSON.parse(renderReport('json', report, { color: false }));

  it('matches its published schema, with no field the schema leaves out', () => {
    expect(jsonReportSchema.parse(doc)).toEqual(doc);
  });

  it('is version 1 with ISO dates from the report', () => {
    expect(doc).toMatchObject({
      version: 1,
      tool: { name: 'biz', version: '1.2.3' },
      root: '/home/dev/shop app',
      commitSha: '4f2c9d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e',
      startedAt: '2025-03-04T05:06:07.089Z',
      finishedAt: '2025-03-04T05:07:08.123Z',
    });
  });

  it('summarises counts by severity and what was skipped', () => {
    expect(doc.summary).toEqual({
      findings: 7,
      bySeverity: { critical: 1, high: 2, medium: 2, low: 1, info: 1 },
      filesScanned: 1234,
      bytesScanned: 59454259,
      skipped: { binary: 2, large: 0, minified: 1, unreadable: 0, ignored: 0 },
      suppressed: 2,
    });
  });

  it('carries every finding whole, most severe first', () => {
    expect(doc.findings.map((f: { severity: string }) => f.severity)).toEqual(['critical', 'high', 'high', 'medium', 'medium', 'low', 'info']);
    const byPrint = new Map(report.findings.map((f) => [f.fingerprint, f]));
    for (const f of doc.findings) expect(f).toEqual(JSON.parse(JSON.stringify(byPrint.get(f.fingerprint))));
    expect(doc.findings[0]).toMatchObject({ commit: '9b1e7d3c5a2f4e6d8c0b1a2f3e4d5c6b7a8f9e0d', snippet: 'AWS_ACCESS_KEY_ID=AKIA****' });
  });

  it('lists findings in schema field order whatever order they were built in', () => {
    const shuffled = scanReport();
    shuffled.findings = shuffled.findings.map((f) => Object.fromEntries(Object.entries(f).reverse()) as typeof f);
    expect(renderReport('json', shuffled, { color: false })).toBe(renderReport('json', report, { color: false }));
  });

  it('keeps compliance and warnings', () => {
    expect(doc.compliance).toEqual(report.compliance);
    expect(doc.warnings).toEqual(report.warnings);
  });
});
