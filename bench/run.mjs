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
const results = { date: new Date().toISOString(), node: process.version, startup, overhead, coding, scan };
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
