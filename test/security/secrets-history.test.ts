import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretsScanner, scanGitHistory } from '../../src/agents/security/scanners/secrets';
import { COMMIT_MARKER, GitLogDiffParser, type AddedRun } from '../../src/agents/security/scanners/secrets/git-log-diff';
import { alnum } from '../fixtures/secrets/fake-tokens';

const scanner = createSecretsScanner();
const githubToken = `ghp_${alnum(36)}`;
const npmToken = `npm_${alnum(36)}`;
const stripeKey = `sk_live_${alnum(30)}`;
let repo: string;
const commits: Record<string, string> = {};

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
}

function commit(name: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) writeFileSync(join(repo, path), text);
  git('add', '-A');
  git('commit', '-q', '-m', name);
  commits[name] = git('rev-parse', 'HEAD');
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'biz-secrets-history-'));
  git('init', '-q', '-b', 'main');
  commit('add', { 'config.env': `# config\nDEBUG=1\nGITHUB_TOKEN=${githubToken}\n`, 'notes.txt': `${lines(20).join('\n')}\n` });
  commit('remove', { 'config.env': '# config\nDEBUG=1\nGITHUB_TOKEN=${GITHUB_TOKEN}\n' });
  git('checkout', '-q', '-b', 'feature');
  const notes = lines(20);
  notes[9] = `registry token ${npmToken}`;
  commit('feature', { 'notes.txt': `${notes.join('\n')}\n`, 'we"ird name.env': `A=1\nSTRIPE=${stripeKey}\n` });
  git('checkout', '-q', 'main');
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('scanGitHistory', () => {
  it('finds a secret removed in a later commit, with its commit and line', async () => {
    const findings = await scanGitHistory(repo, scanner);
    const github = findings.filter((f) => f.ruleId === 'secret/github-pat');
    expect(github).toHaveLength(1);
    expect(github[0]).toMatchObject({ file: 'config.env', line: 3, column: 14, commit: commits.add });
  });

  it('scans every branch, numbers lines as in the new file, and unquotes odd paths', async () => {
    const findings = await scanGitHistory(repo, scanner);
    expect(findings.find((f) => f.ruleId === 'secret/npm-token')).toMatchObject({
      file: 'notes.txt',
      line: 10,
      commit: commits.feature,
    });
    expect(findings.find((f) => f.ruleId === 'secret/stripe-secret-key')).toMatchObject({
      file: 'we"ird name.env',
      line: 2,
      commit: commits.feature,
    });
    expect(findings).toHaveLength(3);
    const json = JSON.stringify(findings);
    for (const secret of [githubToken, npmToken, stripeKey]) expect(json).not.toContain(secret);
  });

  it('reports the same secret once per commit that adds it', async () => {
    git('checkout', '-q', '-b', 'again');
    commit('readd', { 'config.env': `# config\nDEBUG=1\nGITHUB_TOKEN=${githubToken}\nGITHUB_TOKEN=${githubToken}\n` });
    git('checkout', '-q', 'main');
    const github = (await scanGitHistory(repo, scanner)).filter((f) => f.ruleId === 'secret/github-pat');
    expect(github.map((f) => [f.commit, f.line]).sort()).toEqual(
      [[commits.add, 3], [commits.readd, 3]].sort(),
    );
    expect(new Set(github.map((f) => f.fingerprint)).size).toBe(1);
  });

  it('limits the scan to commits not reachable from `since`', async () => {
    const findings = await scanGitHistory(repo, scanner, { since: commits.remove });
    expect(new Set(findings.map((f) => f.commit))).toEqual(new Set([commits.feature, commits.readd]));
    await expect(scanGitHistory(repo, scanner, { since: '--output=/tmp/x' })).rejects.toThrow(/not a revision/);
  });

  it('fails with git’s reason outside a repository', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'biz-secrets-norepo-'));
    try {
      await expect(scanGitHistory(plain, scanner)).rejects.toThrow(/git log failed .*not a git repository/i);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('GitLogDiffParser', () => {
  it('reports added runs with new-file line numbers and skips headers, removals, deletions and binaries', () => {
    const runs: AddedRun[] = [];
    const parser = new GitLogDiffParser((run) => runs.push(run));
    const log = [
      `${COMMIT_MARKER}c1`,
      '',
      'diff --git a/a.txt b/a.txt',
      'index 1..2 100644',
      '--- a/a.txt',
      '+++ b/a.txt',
      '@@ -3,2 +3,3 @@ context',
      '-old',
      '-old2',
      '+++plus line',
      '+second',
      '+third',
      '\\ No newline at end of file',
      '@@ -40 +41,0 @@',
      '-gone',
      '@@ -50,0 +60 @@',
      '+later\r',
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      'diff --git a/img.png b/img.png',
      'Binary files a/img.png and b/img.png differ',
      `${COMMIT_MARKER}c2`,
      'diff --git "a/t\\tab.txt" "b/t\\tab.txt"',
      'new file mode 100644',
      '--- /dev/null',
      '+++ "b/t\\tab\\303\\251.txt"',
      '@@ -0,0 +1 @@',
      '+x',
    ];
    for (const line of log) parser.push(line);
    parser.end();
    expect(runs).toEqual([
      { commit: 'c1', path: 'a.txt', startLine: 3, lines: ['++plus line', 'second', 'third'] },
      { commit: 'c1', path: 'a.txt', startLine: 60, lines: ['later'] },
      { commit: 'c2', path: 't\tabé.txt', startLine: 1, lines: ['x'] },
    ]);
  });
});
