// `biz --version` and `biz --help` against `node -e 0`, interleaved in one run; ratio of medians.
import { spawnSync } from 'node:child_process';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const cases = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'biz --version': [process.execPath, ['bin/biz.js', '--version']],
  'biz --help': [process.execPath, ['bin/biz.js', '--help']],
};
// A clean environment: NODE_EXTRA_CA_CERTS alone adds ~85 ms to every node start here and would flatten the ratio.
const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < RUNS + 3; i++) {
  for (const [name, [cmd, args]] of Object.entries(cases)) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: 'ignore', env });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}`);
    if (i >= 3) samples[name].push(ms); // the first rounds warm the page cache
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(samples['node -e 0']);
export const startup = Object.entries(samples).map(([name, xs]) => ({ name, medianMs: +median(xs).toFixed(1), ratio: +(median(xs) / base).toFixed(2) }));
if (import.meta.url === `file://${process.argv[1]}`) console.table(startup);
