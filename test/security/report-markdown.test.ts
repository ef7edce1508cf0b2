import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/agents/security/reports';
import { cleanReport, scanReport } from './report-fixture';

/** Cells of a GFM table row: split on pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('### '));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

describe('markdown report', () => {
  const text = renderReport('md', scanReport(), { color: false });

  it('opens with the summary and a count per severity', () => {
    expect(text).toContain('**7 findings (1 critical, 2 high, 2 medium, 1 low, 1 info)** in 1,234 files (56.7 MB)');
    expect(text).toContain('| Critical | 1 |\n| High | 2 |\n| Medium | 2 |\n| Low | 1 |\n| Info | 1 |');
  });

  it('keeps every findings row at four cells, pipes in messages escaped', () => {
    const rows = section(text, '### Findings').filter((l) => l.startsWith('| '));
    expect(rows).toHaveLength(2 + 7);
    for (const row of rows) expect(cells(row)).toHaveLength(4);
    const evalRow = rows.find((r) => r.includes('js/eval-input'))!;
    expect(cells(evalRow)[3]).toMatch(/^Request data \\\| user input/);
  });

  it('lets no HTML through', () => {
    expect(text).not.toMatch(/<script|<lockfile>/i);
    expect(text).toContain('&lt;script&gt;alert("pwned")&lt;/script&gt; &amp; friends');
  });

  it('shows failing controls and folds the passing ones', () => {
    const compliance = section(text, '### Compliance').join('\n');
    expect(compliance).toContain('**3 of 5 controls failed.**');
    expect(compliance).toMatch(/\| A03:2021 Injection \| 1 finding\(s\)[^\n]*\n[\s\S]*<details><summary>2 passed<\/summary>\n\n\| Control \| Details \|[\s\S]*SECURITY\.md present[\s\S]*<\/details>/);
  });

  it('lists warnings', () => {
    expect(section(text, '### Warnings')).toEqual(['', '- vendor/blob.bin: could not read: EACCES', '- composer.lock:3: malformed JSON \\| skipped &lt;lockfile&gt;', '']);
  });

  it('says so when nothing was found', () => {
    const clean = renderReport('md', cleanReport(), { color: false });
    expect(clean).toContain('### Findings\n\nNo findings.');
    expect(clean).not.toContain('### Compliance');
    expect(clean).not.toContain('### Warnings');
  });
});
