// The marketing agent's quality gates: checkDraft on 10,000 varied drafts (single posts and threads, English, CJK,
// emoji, links, hashtags, near copies of recent posts) against 300 recent posts indexed once. Seeded, so every run
// checks the same drafts. Run: node --import tsx bench/market-gates.ts
import type { Brand } from '../src/agents/marketing/quality/brand';
import { checkDraft, RecentIndex, type Draft } from '../src/agents/marketing/quality/gates';

const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 10_000);
const RECENT = 300;
const WARM_UP = 200;

/** mulberry32: a small seeded generator, enough for varied test data. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seeded(20261124);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const some = <T>(items: readonly T[], n: number): T[] => Array.from({ length: n }, () => pick(items));

const subjects = ['biz 2.1', 'The scanner', 'Our coding agent', 'GitLab reports', 'The new TUI', 'Team mode', 'SARIF output', 'The policy engine'];
const verbs = ['ships', 'now reads', 'checks', 'writes', 'speeds up', 'explains', 'blocks', 'finds'];
const objects = ['every lockfile', 'secrets in history', 'risky merges', 'your CI logs', 'licenses offline', 'stale branches', 'leaked tokens', 'slow tests'];
const tails = ['in seconds.', 'before lunch.', 'without a server.', 'on your own machine!', 'with one command.', 'and tells you why.', 'so you can sleep.', 'for free.'];
const extras = ['🚀', '🎉', '👩🏽‍💻', '🇧🇷', '✅', '日本語でも使えます。', '한국어 지원', 'crème de la crème', 'WOW', '!!', 'synergy', 'a game changer', 'terrible bugs are gone', ''];
const tags = ['#biz', '#devsecops', '#opensource', '#ai', '#ad', '#launch', '#rust', '#typescript'];
const links = ['https://biz.dev/2.1', 'https://docs.biz.dev/scan?lang=en', 'biz.dev/pricing', 'https://github.com/biz/biz/releases/tag/v2.1.0', 'javascript:alert(1)'];

const sentence = () => `${pick(subjects)} ${pick(verbs)} ${pick(objects)} ${pick(tails)}`;
const text = (sentences: number) => [...Array.from({ length: sentences }, sentence), pick(extras), ...some(tags, Math.floor(random() * 4))].filter(Boolean).join(' ');

const recent = Array.from({ length: RECENT }, (_, i) => ({ id: String(i + 1), text: text(1 + Math.floor(random() * 3)) }));

function draft(): Draft {
  const kind = random();
  if (kind < 0.1) return { text: `${pick(recent).text} ${pick(extras)}`.trim() };
  if (kind < 0.25) {
    const posts = 2 + Math.floor(random() * 4);
    return { text: '', thread: Array.from({ length: posts }, (_, i) => `${text(3)} ${i + 1}/${posts}`) };
  }
  return { text: text(1 + Math.floor(random() * 4)), link: random() < 0.5 ? pick(links) : undefined };
}

const brand: Brand = { voice: '', avoid: ['synergy', 'game changer', 'world-class'], hashtags: { max: 2, required: ['#biz'], banned: ['#ad'], guidance: '' } };

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export function marketGates() {
  const drafts = Array.from({ length: DRAFTS }, draft);
  let t = performance.now();
  const index = new RecentIndex(recent);
  const indexMs = performance.now() - t;
  for (const d of drafts.slice(0, WARM_UP)) checkDraft(d, { brand, recent: index });
  const micros: number[] = [];
  const failedGates: Record<string, number> = {};
  let passed = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const d of drafts) {
    t = performance.now();
    const result = checkDraft(d, { brand, recent: index });
    micros.push((performance.now() - t) * 1000);
    if (result.passed) passed++;
    for (const g of result.gates) if (!g.ok) failedGates[g.gate] = (failedGates[g.gate] ?? 0) + 1;
  }
  const totalMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  micros.sort((a, b) => a - b);
  return {
    drafts: DRAFTS,
    recent: RECENT,
    indexMs: +indexMs.toFixed(1),
    usPerDraftMedian: +quantile(micros, 0.5).toFixed(1),
    usPerDraftP95: +quantile(micros, 0.95).toFixed(1),
    totalMs: +totalMs.toFixed(0),
    /** CPU time of the same loop: what the machine's load does not inflate. */
    cpuMs: +((cpu.user + cpu.system) / 1000).toFixed(0),
    passed,
    failedGates,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(marketGates()));
