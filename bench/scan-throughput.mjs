// `biz scan` (secrets, code, infrastructure) over >= 400 MB of real npm packages, against `cat` of the same files
// (the I/O floor) and secretlint's recommended preset, in one run. Peak memory is the scan process's VmHWM (worker
// threads share the process).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = join(ROOT, '.cache', 'bench-corpus');
const TOOLS = join(ROOT, '.cache', 'bench-tools');
const PACKAGES = ['aws-sdk@2', 'typescript', 'googleapis', 'webpack', '@angular/compiler', 'rxjs'];
const SECRETLINT_TIMEOUT_S = Number(process.env.BENCH_SECRETLINT_TIMEOUT ?? 900);

function npmInstall(dir, pkgs) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"private":true}');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...pkgs], { cwd: dir, stdio: 'ignore' });
}

/** node_modules is renamed so that no scanner skips it as a dependency folder. */
function corpus() {
  if (!existsSync(join(CORPUS, 'pkgs'))) {
    npmInstall(CORPUS, PACKAGES);
    renameSync(join(CORPUS, 'node_modules'), join(CORPUS, 'pkgs'));
  }
  return join(CORPUS, 'pkgs');
}

function timed(cmd, args, opts = {}) {
  return new Promise((res) => {
    const t = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
    let peakKb = 0;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // the process has exited
      }
    }, 20);
    const timer = opts.timeoutS ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutS * 1000) : undefined;
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      res({ seconds: Number(process.hrtime.bigint() - t) / 1e9, peakMb: peakKb / 1024, code, signal, stderr });
    });
  });
}

export async function scanThroughput() {
  const dir = corpus();
  const bytes = Number(execFileSync('sh', ['-c', `find "${dir}" -type f -print0 | xargs -0 cat | wc -c`]).toString());
  const files = Number(execFileSync('sh', ['-c', `find "${dir}" -type f | wc -l`]).toString());
  const home = join(ROOT, '.cache', 'bench-home');
  // Three rounds of each, interleaved; the medians are compared (the first round also warms the page cache).
  const cats = [];
  const bizzes = [];
  for (let round = 0; round < 3; round++) {
    cats.push(await timed('sh', ['-c', `find "${dir}" -type f -print0 | xargs -0 cat > /dev/null`]));
    const run = await timed(process.execPath, [join(ROOT, 'bin', 'biz.js'), 'scan', dir, '--scanners', 'secrets,code,infrastructure', '--format', 'json', '-o', join(home, 'report.json'), '--fail-on', 'none'], {
      env: { ...process.env, BIZ_HOME: home },
    });
    if (run.code !== 0) throw new Error(`biz scan failed: ${run.stderr}`);
    bizzes.push(run);
  }
  const median = (runs) => [...runs].sort((a, b) => a.seconds - b.seconds)[1];
  const cat = median(cats);
  const biz = { ...median(bizzes), peakMb: Math.max(...bizzes.map((r) => r.peakMb)) };
  if (!existsSync(join(TOOLS, 'node_modules', '.bin', 'secretlint'))) npmInstall(TOOLS, ['secretlint', '@secretlint/secretlint-rule-preset-recommend']);
  writeFileSync(join(TOOLS, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const secretlint = await timed(join(TOOLS, 'node_modules', '.bin', 'secretlint'), ['--secretlintrc', join(TOOLS, '.secretlintrc.json'), '--maskSecrets', `${dir}/**/*`], {
    cwd: TOOLS,
    timeoutS: SECRETLINT_TIMEOUT_S,
  });
  const secretlintDone = secretlint.signal === null;
  const findings = JSON.parse(readFileSync(join(home, 'report.json'), 'utf8')).findings.length;
  return {
    corpusMb: +(bytes / 1e6).toFixed(0),
    files,
    catSeconds: +cat.seconds.toFixed(2),
    bizSeconds: +biz.seconds.toFixed(2),
    bizMbPerSecond: +(bytes / 1e6 / biz.seconds).toFixed(0),
    bizVsCat: +(biz.seconds / cat.seconds).toFixed(1),
    bizPeakMb: +biz.peakMb.toFixed(0),
    bizFindings: findings,
    secretlintSeconds: secretlintDone ? +secretlint.seconds.toFixed(1) : `> ${SECRETLINT_TIMEOUT_S} (killed)`,
    secretlintVsBiz: secretlintDone ? +(secretlint.seconds / biz.seconds).toFixed(1) : `> ${(SECRETLINT_TIMEOUT_S / biz.seconds).toFixed(0)}`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await scanThroughput(), null, 2));
