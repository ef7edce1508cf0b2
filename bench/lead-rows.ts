// `biz lead import`'s deterministic path on generated CSV files: readLeadRows + normalizeLead + scoreLead, in rows
// per second against csv-parse alone on the same file (the parsing floor), and the peak RSS of 10,000 rows against
// 1,000,000 (flat memory means the two are close). Each measurement runs in its own process, so peak RSS is its own.
// The files are generated once into .cache/bench-leads/. Run with `node --import tsx bench/lead-rows.ts`.
import { execFileSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { normalizeLead } from '../src/agents/bizdev/leads/normalize';
import { readLeadRows } from '../src/agents/bizdev/leads/read-rows';
import { scoreLead } from '../src/agents/bizdev/leads/score';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, '.cache', 'bench-leads');
const SIZES = [10_000, 1_000_000];

const FIRST = ['Jane', 'John', 'Maria', 'José', 'Wei', 'Priya', 'Jürgen', 'Aisha', 'Tom', 'Ana'];
const LAST = ['Doe', 'Smith', 'García', 'Chen', 'Patel', 'Müller', 'Okafor', 'van Dijk', "O'Brien", 'Nguyen'];
const TITLES = ['CEO', 'VP Sales', 'Head of Growth', 'Engineering Manager', 'Sr. Software Engineer', 'Director, Marketing', 'Founder', 'Account Executive', '', 'Team Lead'];
const SOURCES = ['Referral', 'Demo request', 'Webinar', 'Purchased list', '', 'Inbound', 'Trade show'];
const PHONES = ['+1 415 555 2671', '(415) 555-2671', '+44 20 7946 0018', '+49 30 1234567', '', 'n/a'];

/** A deterministic lead file: a mix of business and free-mail addresses, some bad ones, quoted notes with line breaks. */
function generate(path: string, rows: number): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, 'First Name,Last Name,Email,Company,Job Title,Phone,Lead Source,Notes\n');
  for (let start = 0; start < rows; start += 10_000) {
    let chunk = '';
    for (let i = start; i < Math.min(rows, start + 10_000); i++) {
      const first = FIRST[i % FIRST.length]!;
      const last = LAST[(i * 7) % LAST.length]!;
      const domain = i % 5 === 0 ? 'gmail.com' : `company${i % 5_000}.com`;
      const email = i % 50 === 0 ? `broken${i}@` : `${first.toLowerCase()}.${i}@${domain}`.normalize('NFKD').replace(/\p{M}/gu, '');
      const notes = i % 10 === 0 ? `"Met at booth ${i}.\nWants a demo, ""soon"""` : `note ${i}`;
      chunk += `${first},${last},${email},Company ${i % 5_000} Inc,"${TITLES[i % TITLES.length]}",${PHONES[i % PHONES.length]},${SOURCES[i % SOURCES.length]},${notes}\n`;
    }
    writeSync(fd, chunk);
  }
  closeSync(fd);
  renameSync(tmp, path);
}

function leadFile(rows: number): string {
  mkdirSync(DATA, { recursive: true });
  const path = join(DATA, `leads-${rows}.csv`);
  if (!existsSync(path)) generate(path, rows);
  return path;
}

/** One measurement, in this process: what the import does per row, or csv-parse alone. */
async function measure(kind: 'leads' | 'csv-parse', path: string) {
  const t = performance.now();
  let rows = 0;
  let accepted = 0;
  if (kind === 'csv-parse') {
    for await (const _record of createReadStream(path).pipe(parse({ relax_column_count: true }))) rows++;
  } else {
    for await (const item of readLeadRows(path)) {
      rows++;
      if (!('raw' in item)) continue;
      const normalized = normalizeLead(item.raw, { defaultCountry: 'US' });
      if (normalized.ok && scoreLead(normalized.lead).score >= 0) accepted++;
    }
  }
  const seconds = (performance.now() - t) / 1000;
  return { rows, accepted, seconds: +seconds.toFixed(2), rowsPerSecond: Math.round(rows / seconds), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

type Measured = Awaited<ReturnType<typeof measure>>;

function inChild(kind: 'leads' | 'csv-parse', path: string): Measured {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), kind, path], { cwd: ROOT, maxBuffer: 1 << 20 });
  return JSON.parse(out.toString()) as Measured;
}

export function leadRowsBench() {
  const [small, large] = SIZES.map(leadFile) as [string, string];
  const leads10k = inChild('leads', small);
  const leads1M = inChild('leads', large);
  const csvParse1M = inChild('csv-parse', large);
  return {
    fileMb: Math.round(statSync(large).size / 2 ** 20),
    leads10k,
    leads1M,
    csvParse1M,
    vsCsvParse: +(csvParse1M.rowsPerSecond / leads1M.rowsPerSecond).toFixed(2),
    rss1MOver10k: +(leads1M.peakRssMb / leads10k.peakRssMb).toFixed(2),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kind, path] = process.argv.slice(2);
  const result = kind === 'leads' || kind === 'csv-parse' ? await measure(kind, path!) : leadRowsBench();
  console.log(JSON.stringify(result));
}
