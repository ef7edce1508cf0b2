import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/agents/security/reports';
import { cleanReport, scanReport } from './report-fixture';

describe('html report', () => {
  const html = renderReport('html', scanReport(), { color: false });

  it('is one self-contained page that loads and runs nothing', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\bsrc=/i);
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://www.npmjs.com/package/bizagents']);
  });

  it('escapes what the findings say', () => {
    expect(html).toContain('Request data | user input reaches eval(): &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; friends run as code.');
    expect(html).toContain('malformed JSON | skipped &lt;lockfile&gt;');
    expect(html).toContain('Clé d&#39;API codée en dur — 鍵がソースに含まれています 🔑');
  });

  it('counts findings per severity', () => {
    const counts = [...html.matchAll(/<div class="count (\w+)"><b>(\d+)<\/b>/g)].map((m) => [m[1], Number(m[2])]);
    expect(counts).toEqual([['critical', 1], ['high', 2], ['medium', 2], ['low', 1], ['info', 1]]);
    expect(html).toContain('<p>7 findings (1 critical, 2 high, 2 medium, 1 low, 1 info) in 1,234 files (56.7 MB) · 3 skipped (2 binary, 1 minified) · 2 suppressed</p>');
  });

  it('tables every finding most severe first, with its masked snippet and fix', () => {
    const rows = [...html.matchAll(/<tr><td class="sev (\w+)">[\s\S]*?<code>([^<]+)<\/code>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual([
      'critical secret/aws-access-key-id',
      'high dep/GHSA-35jh-r3h4-6jhm',
      'high secret/generic-api-key',
      'medium docker/root-user',
      'medium js/eval-input',
      'low js/weak-hash',
      'info docker/latest-tag',
    ]);
    expect(html).toContain('<code>config/prod.env:3@9b1e7d3</code>');
    expect(html).toContain('<code>AWS_ACCESS_KEY_ID=AKIA****</code>');
    expect(html).toContain('<div class="fix">Fix: Upgrade lodash to 4.17.21</div>');
  });

  it('lists every control, failing ones first', () => {
    const statuses = [...html.matchAll(/<tr><td class="(pass|fail)">/g)].map((m) => m[1]);
    expect(statuses).toEqual(['fail', 'fail', 'fail', 'pass', 'pass']);
    expect(html).toContain('A07:2021 Identification and Authentication Failures');
  });

  it('says so when nothing was found', () => {
    const clean = renderReport('html', cleanReport(), { color: false });
    expect(clean).toContain('<h2>Findings</h2><p>No findings.</p>');
    expect(clean).not.toContain('<h2>Compliance</h2>');
    expect(clean).not.toContain('<h2>Warnings</h2>');
  });
});
