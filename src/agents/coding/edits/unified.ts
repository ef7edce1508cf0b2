import { diffLines, type DiffOp } from './line-diff';
import type { FileChange } from './types';

const CONTEXT = 3;

/** Lines with their terminators, so that a missing final newline is a difference of its own. */
const splitKeepingEnds = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

function range(before: number, count: number): string {
  if (count === 0) return `${before},0`;
  return count === 1 ? `${before + 1}` : `${before + 1},${count}`;
}

function render(op: DiffOp): string {
  const prefix = op.kind === 'equal' ? ' ' : op.kind === 'delete' ? '-' : '+';
  return op.line.endsWith('\n') ? `${prefix}${op.line}` : `${prefix}${op.line}\n\\ No newline at end of file\n`;
}

function hunks(ops: readonly DiffOp[]): string {
  const changed = ops.flatMap((op, i) => (op.kind === 'equal' ? [] : [i]));
  // Lines of each side before op i.
  const oldBefore: number[] = [];
  const newBefore: number[] = [];
  let o = 0;
  let n = 0;
  for (const op of ops) {
    oldBefore.push(o);
    newBefore.push(n);
    if (op.kind !== 'insert') o++;
    if (op.kind !== 'delete') n++;
  }
  let out = '';
  let i = 0;
  while (i < changed.length) {
    let last = changed[i];
    let j = i + 1;
    while (j < changed.length && changed[j] - last - 1 <= 2 * CONTEXT) last = changed[j++];
    const start = Math.max(0, changed[i] - CONTEXT);
    const end = Math.min(ops.length, last + 1 + CONTEXT);
    const slice = ops.slice(start, end);
    const oldCount = slice.filter((op) => op.kind !== 'insert').length;
    const newCount = slice.filter((op) => op.kind !== 'delete').length;
    out += `@@ -${range(oldBefore[start], oldCount)} +${range(newBefore[start], newCount)} @@\n`;
    out += slice.map(render).join('');
    i = j;
  }
  return out;
}

/** A unified diff of the changes, with git's `--- a/path` / `+++ b/path` headers (`/dev/null` for new files). */
export function unifiedDiff(changes: readonly FileChange[]): string {
  return changes
    .filter((c) => c.before !== c.after)
    .map((c) => {
      const header = `--- ${c.before === null ? '/dev/null' : `a/${c.path}`}\n+++ b/${c.path}\n`;
      return header + hunks(diffLines(splitKeepingEnds(c.before ?? ''), splitKeepingEnds(c.after)));
    })
    .join('');
}
