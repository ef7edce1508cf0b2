import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, expect, it } from 'vitest';
import { readLeadRows } from '../../src/agents/bizdev/leads/read-rows';

const ROWS = 200_000;
const BASELINE_AT = 20_000;

/** global.gc when node runs with --expose-gc; otherwise the flag is set now and a fresh context hands gc out. */
function garbageCollector(): () => void {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const scratch = mkdtempSync(join(tmpdir(), 'biz-lead-memory-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeLeads(path: string, rows: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, 'First Name,Last Name,Email,Company,Title,Phone,Notes\n');
  for (let start = 0; start < rows; start += 10_000) {
    let chunk = '';
    for (let i = start; i < Math.min(rows, start + 10_000); i++) {
      chunk += `Jane${i},Doe${i},jane.doe${i}@acme${i % 997}.com,Acme ${i % 997} Inc,VP Sales,+1 415 555 ${String(i % 10_000).padStart(4, '0')},"met at booth ${i}\nwants a demo"\n`;
    }
    writeSync(fd, chunk);
  }
  closeSync(fd);
}

it('reads 200,000 rows with a heap that does not grow with them', async () => {
  const path = join(scratch, 'leads.csv');
  writeLeads(path, ROWS);
  const gc = garbageCollector();
  let baseline = 0;
  let end = 0;
  let count = 0;
  for await (const row of readLeadRows(path)) {
    count++;
    if (!('raw' in row)) throw new Error(`row ${row.row} rejected: ${row.reason}`);
    if (count === BASELINE_AT) {
      gc();
      baseline = process.memoryUsage().heapUsed;
    }
    if (count === ROWS) {
      gc();
      end = process.memoryUsage().heapUsed;
    }
  }
  expect(count).toBe(ROWS);
  // Keeping the 180,000 rows read in between would take well over 50 MB.
  expect(end - baseline).toBeLessThan(4 * 1024 * 1024);
});
