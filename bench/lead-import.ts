// `biz lead import` as users run it (the built CLI in its own process): 10,000 leads into a zero-latency fake
// Salesforce (API calls used, leads per second), and the peak memory of an import of 10,000 and of 1,000,000 rows
// kept locally (VmHWM of the process), so memory is shown flat whatever the file's size.
// Run with `node --import tsx bench/lead-import.ts`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeSalesforce } from '../test/fakes/salesforce';

const ROOT = resolve(import.meta.dirname, '..');
const CACHE = join(ROOT, '.cache', 'bench-lead-import');

async function csv(rows: number): Promise<string> {
  const path = join(CACHE, `leads-${rows}.csv`);
  if (existsSync(path)) return path;
  mkdirSync(CACHE, { recursive: true });
  const out = createWriteStream(path);
  out.write('First Name,Last Name,Email,Company,Title,Phone,Lead Source\n');
  for (let i = 0; i < rows; i++) {
    const line = `Dana${i},Smith${i},dana.${i}@acme${i % 997}.example,Acme ${i % 997},${['VP Sales', 'CTO', 'Engineer', 'Head of IT'][i % 4]},+1 415 555 ${String(1000 + (i % 9000))},${['referral', 'inbound', 'event'][i % 3]}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return path;
}

/** Runs the CLI, sampling the process's peak resident memory (VmHWM) until it exits. */
function runBiz(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; peakMb: number; code: number | null; stderr: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'biz.js'), ...args], { env, cwd: mkdtempSync(join(tmpdir(), 'biz-bench-cwd-')), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let peakKb = 0;
  const sample = () => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // the process has exited
    }
  };
  const timer = setInterval(sample, 20);
  return new Promise((res) =>
    child.on('close', (code) => {
      clearInterval(timer);
      res({ ms: performance.now() - started, peakMb: Math.round(peakKb / 1024), code, stderr });
    }),
  );
}

const home = () => ({ PATH: process.env.PATH, HOME: process.env.HOME, BIZ_HOME: mkdtempSync(join(tmpdir(), 'biz-bench-lead-')), OLLAMA_HOST: 'http://127.0.0.1:1' });

const sf = await startFakeSalesforce();
const crmEnv = { ...home(), BIZ_SALESFORCE_URL: sf.url, BIZ_SALESFORCE_LOGIN_URL: sf.url, BIZ_SALESFORCE_CLIENT_ID: sf.clientId, BIZ_SALESFORCE_CLIENT_SECRET: sf.clientSecret, BIZ_SALESFORCE_REFRESH_TOKEN: sf.refreshToken };
const tenK = await runBiz(['lead', 'import', await csv(10_000), '--yes', '--no-sequence'], crmEnv);
if (tenK.code !== 0) throw new Error(`import into Salesforce failed: ${tenK.stderr}`);
const crm = { leads: sf.records.Lead.size, apiCalls: sf.apiCalls, seconds: +(tenK.ms / 1000).toFixed(2), leadsPerSecond: Math.round(10_000 / (tenK.ms / 1000)), peakMb: tenK.peakMb };
await sf.close();

const local: Record<string, { seconds: number; rowsPerSecond: number; peakMb: number }> = {};
for (const rows of (process.env.BENCH_LOCAL_ROWS ?? "10000,100000,1000000").split(",").map(Number)) {
  const r = await runBiz(['lead', 'import', await csv(rows), '--no-sequence'], home());
  if (r.code !== 0) throw new Error(`local import of ${rows} rows failed: ${r.stderr}`);
  local[rows] = { seconds: +(r.ms / 1000).toFixed(1), rowsPerSecond: Math.round(rows / (r.ms / 1000)), peakMb: r.peakMb };
}
process.stdout.write(`${JSON.stringify({ crm, local }, null, 2)}\n`);
writeFileSync(join(CACHE, 'last.json'), JSON.stringify({ crm, local }));
