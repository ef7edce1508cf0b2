// The cron entries with nothing to do (`biz market publish`, `biz market schedule run`, `biz lead followups run`)
// against `node -e 0`, interleaved in one run on a store that already exists; ratio of medians. The environment is
// clean, as under cron (NODE_EXTRA_CA_CERTS alone adds ~85 ms to every node start here and would flatten the ratio).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const env = { PATH: process.env.PATH, HOME: process.env.HOME, BIZ_HOME: mkdtempSync(join(tmpdir(), 'biz-bench-cron-')), OLLAMA_HOST: 'http://127.0.0.1:1' };
const cases = {
  'node -e 0': ['-e', '0'],
  'biz market publish': ['bin/biz.js', 'market', 'publish'],
  'biz market schedule run': ['bin/biz.js', 'market', 'schedule', 'run'],
  'biz lead followups run': ['bin/biz.js', 'lead', 'followups', 'run'],
};
// A store that exists, as on any machine where biz ran once: the tick must open it and ask.
spawnSync(process.execPath, ['bin/biz.js', 'market', 'queue'], { stdio: 'ignore', env });
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < RUNS + 3; i++) {
  for (const [name, args] of Object.entries(cases)) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
    if (r.stderr.length > 0) throw new Error(`${name} is not quiet: ${r.stderr}`);
    if (i >= 3) samples[name].push(ms); // the first rounds create the store and warm the page cache
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(samples['node -e 0']);
export const cronTick = Object.entries(samples).map(([name, xs]) => ({ name, medianMs: +median(xs).toFixed(1), ratio: +(median(xs) / base).toFixed(2) }));
if (import.meta.url === `file://${process.argv[1]}`) console.table(cronTick);
