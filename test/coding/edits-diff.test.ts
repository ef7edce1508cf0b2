import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/agents/coding/edits';
import { diffLines } from '../../src/agents/coding/edits/line-diff';
import { tempDir } from '../helpers';

const numbered = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `line ${i + from}\n`).join('');

describe('diffLines', () => {
  it('finds a shortest edit script', () => {
    const a = [...'ABCABBA'];
    const b = [...'CBABAC'];
    const ops = diffLines(a, b);
    expect(ops.filter((o) => o.kind !== 'equal')).toHaveLength(5);
    expect(ops.filter((o) => o.kind !== 'delete').map((o) => o.line)).toEqual(b);
    expect(ops.filter((o) => o.kind !== 'insert').map((o) => o.line)).toEqual(a);
  });

  it('handles empty sides', () => {
    expect(diffLines([], ['x'])).toEqual([{ kind: 'insert', line: 'x' }]);
    expect(diffLines(['x'], [])).toEqual([{ kind: 'delete', line: 'x' }]);
    expect(diffLines([], [])).toEqual([]);
  });
});

describe('unifiedDiff', () => {
  it('shows a change with three lines of context', () => {
    const before = numbered(10);
    const after = before.replace('line 5\n', 'line five\n');
    expect(unifiedDiff([{ path: 'src/a.txt', before, after }])).toBe(
      ['--- a/src/a.txt', '+++ b/src/a.txt', '@@ -2,7 +2,7 @@', ' line 2', ' line 3', ' line 4', '-line 5', '+line five', ' line 6', ' line 7', ' line 8', ''].join('\n'),
    );
  });

  it('shows a new file against /dev/null', () => {
    expect(unifiedDiff([{ path: 'n.txt', before: null, after: 'a\nb\n' }])).toBe('--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });

  it('omits a count of one, and places a pure insertion after the line it follows', () => {
    expect(unifiedDiff([{ path: 'a', before: 'a\n', after: 'b\n' }])).toBe('--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n+b\n');
    expect(unifiedDiff([{ path: 'a', before: numbered(8), after: numbered(4) + 'new\n' + numbered(4, 5) }])).toBe(
      '--- a/a\n+++ b/a\n@@ -2,6 +2,7 @@\n line 2\n line 3\n line 4\n+new\n line 5\n line 6\n line 7\n',
    );
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff([{ path: 'a', before: 'a\nb', after: 'a\nc' }])).toBe(
      '--- a/a\n+++ b/a\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
    expect(unifiedDiff([{ path: 'a', before: 'a', after: 'a\n' }])).toBe('--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n');
  });

  it('joins changes at most six lines apart into one hunk and splits farther ones', () => {
    const before = numbered(20);
    const near = before.replace('line 5\n', 'five\n').replace('line 12\n', 'twelve\n');
    const far = before.replace('line 5\n', 'five\n').replace('line 13\n', 'thirteen\n');
    expect(unifiedDiff([{ path: 'a', before, after: near }]).match(/^@@ .*$/gm)).toEqual(['@@ -2,14 +2,14 @@']);
    expect(unifiedDiff([{ path: 'a', before, after: far }]).match(/^@@ .*$/gm)).toEqual(['@@ -2,7 +2,7 @@', '@@ -10,7 +10,7 @@']);
  });

  it('keeps CR characters, skips unchanged files and joins several files', () => {
    const diff = unifiedDiff([
      { path: 'same', before: 'x\n', after: 'x\n' },
      { path: 'crlf', before: 'a\r\n', after: 'b\r\n' },
      { path: 'lf', before: 'a\n', after: '' },
    ]);
    expect(diff).toBe('--- a/crlf\n+++ b/crlf\n@@ -1 +1 @@\n-a\r\n+b\r\n--- a/lf\n+++ b/lf\n@@ -1 +0,0 @@\n-a\n');
    expect(unifiedDiff([])).toBe('');
  });

  it('produces diffs that git apply accepts and that rebuild the new content', () => {
    const dir = tempDir('biz-diff-');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const big = numbered(3000);
    const cases = [
      { path: 'mid.txt', before: numbered(40), after: numbered(40).replace('line 3\n', '').replace('line 20\n', 'x\ny\n').replace('line 39\n', 'z\n') },
      { path: 'tail.txt', before: 'a\nb\nc', after: 'a\nB\nc\nd\n' },
      { path: 'rewrite.txt', before: big, after: big.replace(/line/g, 'LINE') },
      { path: 'created/new.txt', before: null, after: 'hello\n' },
    ];
    for (const c of cases) if (c.before !== null) writeFileSync(join(dir, c.path), c.before);
    writeFileSync(join(dir, 'patch.diff'), unifiedDiff(cases));
    execFileSync('git', ['apply', 'patch.diff'], { cwd: dir });
    for (const c of cases) expect(readFileSync(join(dir, c.path), 'utf8')).toBe(c.after);
  });
});
