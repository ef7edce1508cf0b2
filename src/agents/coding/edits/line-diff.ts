export type DiffOp = { kind: 'equal' | 'delete' | 'insert'; line: string };

/** Beyond this many differing lines the middle is shown as one replaced block instead of a minimal diff. */
const MAX_EDIT_DISTANCE = 2000;

const all = (kind: DiffOp['kind'], lines: readonly string[]): DiffOp[] => lines.map((line) => ({ kind, line }));

/**
 * A shortest edit script from `a` to `b` (Myers' O(ND) algorithm) after trimming the common head and tail. Within
 * each changed run deletions come before insertions, as in git's output.
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [...all('equal', a.slice(0, head)), ...deletesFirst(middle), ...all('equal', a.slice(a.length - tail))];
}

function myers(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [...all('delete', a), ...all('insert', b)];
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  // v[offset + k]: the furthest x reached on diagonal k = x - y.
  const v = new Int32Array(2 * max + 3);
  v[offset + 1] = 0;
  // trace[d]: v for diagonals -(d+1)..d+1 as it was before round d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return [...all('delete', a), ...all('insert', b)];
}

function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const at = (k: number) => trace[d][k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: 'equal', line: a[x] });
    }
    if (x === prevX) ops.push({ kind: 'insert', line: b[--y] });
    else ops.push({ kind: 'delete', line: a[--x] });
  }
  while (x > 0) ops.push({ kind: 'equal', line: a[--x] });
  return ops.reverse();
}

/** Reorders each run of changes so that its deletions precede its insertions. */
function deletesFirst(ops: readonly DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  let run: DiffOp[] = [];
  const flush = () => {
    out.push(...run.filter((o) => o.kind === 'delete'), ...run.filter((o) => o.kind === 'insert'));
    run = [];
  };
  for (const op of ops) {
    if (op.kind === 'equal') {
      flush();
      out.push(op);
    } else run.push(op);
  }
  flush();
  return out;
}
