// `npm run bench`: every benchmark in one run, printed and written to bench/results.json; bench/README.md explains
// them and records the latest numbers.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { startup } = await import('./startup.mjs');
console.table(startup);
const overhead = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'runtime-overhead.ts')]).toString());
console.log('runtime overhead', overhead);
const coding = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'coding.ts')]).toString());
console.log('coding', coding);
const { scanThroughput } = await import('./scan-throughput.mjs');
const scan = await scanThroughput();
console.log('scan', scan);
const { cronTick } = await import('./cron-tick.mjs');
console.table(cronTick);
const tsx = (file) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, file)]).toString());
const marketGates = tsx('market-gates.ts');
console.log('market gates', marketGates);
const leadImport = tsx('lead-import.ts');
console.log('lead import', leadImport);
const results = { date: new Date().toISOString(), node: process.version, startup, overhead, coding, scan, cronTick, marketGates, leadImport };
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
