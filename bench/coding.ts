// The coding agent's deterministic parts on a 5,000-file repository: planning and applying 1,000 edit blocks, and
// building the repository map, each as a ratio against reading the same files; and a whole `biz code` run against
// a zero-latency fake model. Run with `node --import tsx bench/coding.ts`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codingAgent } from '../src/agents/coding/agent';
import { applyChanges, parseEdits, planEdits } from '../src/agents/coding/edits';
import { buildRepoMap } from '../src/agents/coding/repo-map';
import { runAgent } from '../src/agents/runtime/runner';
import { createContext } from '../src/core/context';
import { startFakeOpenAI } from '../test/fakes/openai';

const FILES = 5000;
const EDITS = 1000;

function makeRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'biz-bench-code-'));
  for (let i = 0; i < FILES; i++) {
    const dir = join(repo, 'src', `m${i % 50}`);
    mkdirSync(dir, { recursive: true });
    const body = Array.from({ length: 40 }, (_, j) => `export function f${i}_${j}(x) {\n  return x + ${j};\n}\n`).join('\n');
    writeFileSync(join(dir, `file${i}.js`), body);
  }
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=b@example.invalid', '-c', 'user.name=b', ...a], { cwd: repo });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'corpus');
  return repo;
}

function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  return fn().then((v) => [v, performance.now() - t]);
}

export async function codingBench() {
  const repo = makeRepo();
  const paths = execFileSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8' }).trim().split('\n');
  const [, readMs] = await timed(async () => paths.reduce((n, p) => n + readFileSync(join(repo, p)).length, 0));
  const blocks = Array.from({ length: EDITS }, (_, k) => {
    const i = (k * 5) % FILES;
    return `src/m${i % 50}/file${i}.js\n<<<<<<< SEARCH\n  return x + 7;\n}\n=======\n  return x + 7 + ${k};\n}\n>>>>>>> REPLACE\n`;
  }).join('\n');
  const { edits } = parseEdits(blocks);
  const [planned, planMs] = await timed(() => planEdits(repo, edits));
  if (!planned.ok) throw new Error(`bench edits failed: ${planned.failures[0].message}`);
  const [, applyMs] = await timed(() => applyChanges(repo, planned.changes));
  const [, mapMs] = await timed(() => buildRepoMap(repo, 24_000));

  const plan = { goal: 'Bench change', why: 'Measure the runtime.', acceptanceCriteria: ['it runs'], filesToRead: ['src/m0/file0.js'], filesToChange: ['src/m0/file0.js'], risks: [], questions: [] };
  const edit = 'src/m0/file0.js\n<<<<<<< SEARCH\n  return x + 1;\n=======\n  return x + 2;\n>>>>>>> REPLACE\n';
  const runs = 5;
  const fake = await startFakeOpenAI({ replies: Array.from({ length: runs }, () => [{ json: plan }, edit]).flat() });
  process.env.BIZ_HOME = mkdtempSync(join(tmpdir(), 'biz-bench-home-'));
  process.env.OPENAI_API_KEY = 'sk-bench-000000000000000000';
  process.env.OPENAI_BASE_URL = fake.url;
  const ctx = await createContext({ cache: false });
  const base = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  const runMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [, ms] = await timed(() =>
      runAgent(codingAgent, { requirement: 'bench', source: 'bench', repo, base, deliver: 'local', branch: `bench-${i}`, repoMapChars: 24_000 }, ctx, { approval: { mode: 'yes' } }),
    );
    runMs.push(ms);
  }
  ctx.close();
  await fake.close();
  const median = [...runMs].sort((a, b) => a - b)[Math.floor(runs / 2)];
  return {
    files: FILES,
    edits: EDITS,
    readAllFilesMs: +readMs.toFixed(0),
    planMsPerEdit: +(planMs / EDITS).toFixed(3),
    applyMsPerEdit: +(applyMs / EDITS).toFixed(3),
    planAndApplyVsRead: +((planMs + applyMs) / readMs).toFixed(1),
    repoMapMs: +mapMs.toFixed(0),
    repoMapVsRead: +(mapMs / readMs).toFixed(1),
    wholeRunMedianMs: +median.toFixed(0),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await codingBench()));
