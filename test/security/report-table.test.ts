import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/agents/security/reports';
import { displayWidth, truncateToWidth } from '../../src/agents/security/reports/display-width';
import { cleanReport, scanReport } from './report-fixture';

const ANSI = new RegExp(String.raw`\x1b\[[0-9;]*m`, 'g');

function findingLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.slice(1, lines.indexOf(''));
}

describe('table report', () => {
  it('lists findings most severe first under SEVERITY, RULE, LOCATION and MESSAGE', () => {
    const text = renderReport('table', scanReport(), { color: false });
    expect(text.split('\n')[0]).toMatch(/^SEVERITY\s+RULE\s+LOCATION\s+MESSAGE$/);
    const rows = findingLines(text);
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(['critical', 'high', 'high', 'medium', 'medium', 'low', 'info']);
    expect(rows.map((r) => r.split(/\s+/)[1])).toEqual([
      'secret/aws-access-key-id',
      'dep/GHSA-35jh-r3h4-6jhm',
      'secret/generic-api-key',
      'docker/root-user',
      'js/eval-input',
      'js/weak-hash',
      'docker/latest-tag',
    ]);
    expect(rows[0]).toContain('config/prod.env:3@9b1e7d3');
    expect(rows[2]).toContain('src/ünïcode/客户端.ts:12');
  });

  it('aligns columns by terminal cells, wide characters included', () => {
    const rows = findingLines(renderReport('table', scanReport(), { color: false }));
    const messageColumn = (row: string, message: string) => displayWidth(row.slice(0, row.indexOf(message)));
    expect(messageColumn(rows[0], 'An AWS access key')).toBe(messageColumn(rows[2], 'Clé'));
  });

  it('cuts messages to the terminal width and keeps them whole without one', () => {
    const report = scanReport();
    const narrow = renderReport('table', report, { color: false, width: 100 });
    for (const line of findingLines(narrow)) expect(displayWidth(line)).toBeLessThanOrEqual(100);
    expect(narrow).toContain('The container runs as root');
    expect(narrow).not.toContain('fixed numeric id');
    expect(findingLines(narrow).find((l) => l.includes('docker/root-user'))).toMatch(/…$/);
    expect(renderReport('table', report, { color: false })).toContain('Add a USER instruction with a fixed numeric id after the packages are installed.');
  });

  it('colours only when asked, and the colours are all it adds', () => {
    const report = scanReport();
    const plain = renderReport('table', report, { color: false, width: 120 });
    const coloured = renderReport('table', report, { color: true, width: 120 });
    expect(plain).not.toMatch(ANSI);
    expect(coloured).toContain('\x1b[1;31mcritical');
    expect(coloured).toContain('\x1b[31mFAIL\x1b[0m');
    expect(coloured.replace(ANSI, '')).toBe(plain);
  });

  it('lists failing controls and counts the passing ones', () => {
    const text = renderReport('table', scanReport(), { color: false });
    expect(text).toContain('Compliance: 3 failed, 2 passed');
    expect(text).toContain('  FAIL  A03:2021 Injection: 1 finding(s), e.g. js/eval-input at src/server/app.js:42');
    expect(text).not.toContain('SECURITY.md present');
  });

  it('ends with the summary line', () => {
    const text = renderReport('table', scanReport(), { color: false });
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '7 findings (1 critical, 2 high, 2 medium, 1 low, 1 info) in 1,234 files (56.7 MB) · 3 skipped (2 binary, 1 minified) · 2 suppressed',
    );
  });

  it('says so when nothing was found', () => {
    expect(renderReport('table', cleanReport(), { color: false })).toBe('No findings.\n\nNo findings in 1 file (512 B)\n');
  });
});

describe('truncateToWidth', () => {
  it('never splits a character and counts wide ones twice', () => {
    expect(truncateToWidth('鍵鍵鍵鍵', 5)).toBe('鍵鍵…');
    expect(truncateToWidth('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
    expect(truncateToWidth('short', 5)).toBe('short');
  });
});
