import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitLab } from '../fakes/gitlab';
import { startFakeOllama } from '../fakes/ollama';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIReply } from '../fakes/openai';
import { BIN, biz, cleanEnv, tempDir, waitFor } from '../helpers';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=dev@example.invalid', '-c', 'user.name=dev', ...args], { cwd, encoding: 'utf8' }).trim();
}

const PLAN = {
  goal: 'Make greet say Hi instead of Hello',
  why: 'The product team wants a friendlier greeting.',
  acceptanceCriteria: ['greet("Ada") returns "Hi Ada"'],
  filesToRead: ['src/greet.js'],
  filesToChange: ['src/greet.js'],
  risks: [],
  questions: [],
};

const edit = (search: string, replace: string) => `src/greet.js\n<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE\n`;
const GOOD = edit("  return 'Hello ' + name;", "  return 'Hi ' + name;");
const WRONG_SEARCH = edit("  return 'Hallo ' + name;", "  return 'Hi ' + name;");
const BREAKS_CHECK = edit("  return 'Hello ' + name;", "  return 'Hey ' + name;");
const FIX_AFTER_BREAK = edit("  return 'Hey ' + name;", "  return 'Hi ' + name;");

/** A repository with work of the user's in progress: a modified tracked file and an untracked one. */
function makeRepo(): string {
  const repo = tempDir('biz-code-');
  mkdirSync(join(repo, 'src'));
  writeFileSync(join(repo, 'src', 'greet.js'), "export function greet(name) {\n  return 'Hello ' + name;\n}\n");
  writeFileSync(join(repo, 'check.mjs'), "import { greet } from './src/greet.js';\nif (greet('Ada') !== 'Hi Ada') { console.error('expected Hi Ada, got ' + greet('Ada')); process.exit(1); }\n");
  writeFileSync(join(repo, 'README.md'), '# demo\n');
  writeFileSync(join(repo, 'package.json'), '{"type":"module"}\n');
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'initial');
  writeFileSync(join(repo, 'README.md'), '# demo\n\nwork in progress, not committed\n');
  writeFileSync(join(repo, 'notes.txt'), 'untracked notes\n');
  return repo;
}

function userWorkIntact(repo: string, head: string) {
  expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
  expect(git(repo, 'branch', '--show-current')).toBe('main');
  expect(readFileSync(join(repo, 'README.md'), 'utf8')).toBe('# demo\n\nwork in progress, not committed\n');
  expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe('untracked notes\n');
  expect(readFileSync(join(repo, 'src', 'greet.js'), 'utf8')).toContain("'Hello '");
  expect(git(repo, 'status', '--porcelain')).toBe('M README.md\n?? notes.txt');
  expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
}

describe('biz code end to end (scripted model, real git)', () => {
  let model: FakeOpenAI;
  let home: string;
  beforeAll(() => {
    home = tempDir();
    // The user's own git identity: biz commits on their behalf.
    writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = Dev\n\temail = dev@example.invalid\n');
  });
  afterEach(async () => {
    await model?.close();
  });

  async function start(replies: FakeOpenAIReply[]) {
    model = await startFakeOpenAI({ replies });
    // biz:ignore js/hardcoded-credential (the fake server's key)
    return cleanEnv(home, { OPENAI_API_KEY: 'sk-test-coding-0000000000000000', OPENAI_BASE_URL: model.url });
  }

  it('plans, reflects on an edit that does not apply, checks, and commits to a new branch without touching the user\'s work', async () => {
    const env = await start([{ json: PLAN }, WRONG_SEARCH, GOOD]);
    const repo = makeRepo();
    const head = git(repo, 'rev-parse', 'HEAD');
    const r = await biz(['code', 'make greet say Hi', '--check', 'node check.mjs', '--yes'], { env, cwd: repo });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("-  return 'Hello ' + name;");
    expect(r.stdout).toContain("+  return 'Hi ' + name;");
    expect(r.stdout).toMatch(/check `node check.mjs`: passed/);
    expect(r.stdout).toMatch(/branch biz\/make-greet-say-hi-instead-of-hello at [0-9a-f]{12}/);
    expect(model.requests).toHaveLength(3);
    const reflection = JSON.stringify(model.requests[2].body.messages);
    expect(reflection).toMatch(/previous attempt did not work/);
    expect(reflection).toContain("return 'Hello ' + name;");

    const branch = 'biz/make-greet-say-hi-instead-of-hello';
    expect(git(repo, 'show', `${branch}:src/greet.js`)).toContain("return 'Hi ' + name;");
    expect(git(repo, 'rev-parse', `${branch}^`)).toBe(head);
    expect(git(repo, 'log', '-1', '--format=%B', branch)).toMatch(/^Make greet say Hi instead of Hello\n\nThe product team wants a friendlier greeting\./);
    userWorkIntact(repo, head);

    const runs = JSON.parse((await biz(['runs', 'list', '--json', '--agent', 'coding'], { env })).stdout);
    const undo = await biz(['code', 'undo', runs[0].id], { env, cwd: repo });
    expect(undo.code).toBe(0);
    expect(undo.stderr).toMatch(/deleted branch biz\/make-greet-say-hi-instead-of-hello/);
    expect(git(repo, 'branch', '--list', branch)).toBe('');
    userWorkIntact(repo, head);
  });

  it('a failing --check goes back to the model; the second answer passes', async () => {
    const env = await start([{ json: PLAN }, BREAKS_CHECK, FIX_AFTER_BREAK]);
    const repo = makeRepo();
    const r = await biz(['code', 'make greet say Hi', '--check', 'node check.mjs', '--yes', '--json'], { env, cwd: repo });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.attempts).toBe(2);
    expect(out.check).toMatchObject({ passed: true, exitCode: 0 });
    expect(JSON.stringify(model.requests[2].body.messages)).toContain('expected Hi Ada, got Hey Ada');
    expect(git(repo, 'show', 'biz/make-greet-say-hi-instead-of-hello:src/greet.js')).toContain("'Hi '");
  });

  it('gives up after --max-attempts with exit 1 and creates nothing', async () => {
    const env = await start([{ json: PLAN }, WRONG_SEARCH, WRONG_SEARCH]);
    const repo = makeRepo();
    const head = git(repo, 'rev-parse', 'HEAD');
    const r = await biz(['code', 'make greet say Hi', '--max-attempts', '2', '--yes'], { env, cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no working change after 2 attempt\(s\)/);
    expect(git(repo, 'branch', '--list', 'biz/*')).toBe('');
    userWorkIntact(repo, head);
  });

  it('--dry-run prints the plan and the diff and writes nothing', async () => {
    const env = await start([{ json: PLAN }, GOOD]);
    const repo = makeRepo();
    const head = git(repo, 'rev-parse', 'HEAD');
    const r = await biz(['code', 'make greet say Hi', '--dry-run'], { env, cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Plan: Make greet say Hi instead of Hello');
    expect(r.stdout).toContain("+  return 'Hi ' + name;");
    expect(git(repo, 'branch', '--list', 'biz/*')).toBe('');
    userWorkIntact(repo, head);
  });

  it('headless without --yes stops with exit 5; resume --yes delivers once', async () => {
    const env = await start([{ json: PLAN }, GOOD]);
    const repo = makeRepo();
    const first = await biz(['code', 'make greet say Hi'], { env, cwd: repo });
    expect(first.code).toBe(5);
    const id = /resume (\w+) --yes/.exec(first.stderr)![1];
    expect(git(repo, 'branch', '--list', 'biz/*')).toBe('');
    const resumed = await biz(['runs', 'resume', id, '--yes'], { env, cwd: repo });
    expect(resumed.stderr).not.toMatch(/error/);
    expect(resumed.code).toBe(0);
    expect(git(repo, 'branch', '--list', 'biz/*').trim()).toBe('biz/make-greet-say-hi-instead-of-hello');
    expect(model.requests).toHaveLength(2);
    expect(existsSync(join(home, 'biz', 'cache', 'worktrees', id))).toBe(false);
  });

  it('--issue and --gitlab: reads the issue, opens one merge request with the plan, and undo closes it', async () => {
    const gitlab = await startFakeGitLab();
    try {
      gitlab.addProject('group/app', { files: { 'src/greet.js': "export function greet(name) {\n  return 'Hello ' + name;\n}\n" } });
      gitlab.addIssue('group/app', { iid: 7, title: 'Friendlier greeting', description: 'greet should say Hi' });
      const env = { ...(await start([{ json: PLAN }, GOOD])), BIZ_GITLAB_URL: gitlab.url, BIZ_GITLAB_TOKEN: gitlab.token };
      const repo = makeRepo();
      const head = git(repo, 'rev-parse', 'HEAD');
      const r = await biz(['code', '--issue', 'group/app#7', '--gitlab', 'group/app', '--yes', '--json'], { env, cwd: repo });
      expect(r.stderr).not.toMatch(/error/);
      expect(r.code).toBe(0);
      expect(JSON.stringify(model.requests[0].body.messages)).toContain('Friendlier greeting');
      const project = gitlab.project('group/app');
      expect(project.mergeRequests).toHaveLength(1);
      const mr = project.mergeRequests[0];
      expect(mr).toMatchObject({ state: 'opened', sourceBranch: 'biz/make-greet-say-hi-instead-of-hello', targetBranch: 'main' });
      expect(mr.description).toContain('greet("Ada") returns "Hi Ada"');
      expect(gitlab.file('group/app', mr.sourceBranch, 'src/greet.js')).toContain("'Hi '");
      expect(r.stdout).not.toContain(gitlab.token);
      userWorkIntact(repo, head);

      const undo = await biz(['code', 'undo', JSON.parse(r.stdout).runId], { env, cwd: repo });
      expect(undo.code).toBe(0);
      expect(project.mergeRequests[0].state).toBe('closed');
      expect(project.branches.has(mr.sourceBranch)).toBe(false);
    } finally {
      await gitlab.close();
    }
  });

  it('questions in the plan: headless runs proceed without asking', async () => {
    const env = await start([{ json: { ...PLAN, questions: ['Should the greeting end with an exclamation mark?'] } }, GOOD]);
    const repo = makeRepo();
    const r = await biz(['code', 'make greet say Hi', '--yes'], { env, cwd: repo });
    expect(r.code).toBe(0);
    expect(model.requests).toHaveLength(2);
    expect(JSON.stringify(model.requests[1].body.messages)).not.toContain('Answers to your questions');
  });

  it.skipIf(spawnSync('tmux', ['-V']).status !== 0)('questions in the plan: an interactive session answers them, then approves', async () => {
    const env = await start([{ json: { ...PLAN, questions: ['Should the greeting end with an exclamation mark?'] } }, GOOD]);
    const repo = makeRepo();
    const socket = join(tempDir(), 'tmux.sock');
    const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
    const vars = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
    tmux('new-session', '-d', '-s', 'q', '-x', '200', '-y', '50', `cd ${repo} && env -i ${vars} TERM=xterm node ${BIN} code 'make greet say Hi'; echo EXIT=$?; sleep 60`);
    const screen = () => tmux('capture-pane', '-t', 'q', '-p');
    try {
      await waitFor(() => screen().includes('exclamation mark?'), 'the question');
      tmux('send-keys', '-t', 'q', 'no, keep it plain', 'Enter');
      await waitFor(() => screen().includes('Run this git-branch?'), 'the approval');
      tmux('send-keys', '-t', 'q', 'y', 'Enter');
      await waitFor(() => screen().includes('EXIT='), 'the end of the run');
      expect(screen()).toContain('EXIT=0');
      expect(JSON.stringify(model.requests[1].body.messages)).toContain('A: no, keep it plain');
      expect(git(repo, 'branch', '--list', 'biz/*').trim()).toBe('biz/make-greet-say-hi-instead-of-hello');
    } finally {
      spawnSync('tmux', ['-S', socket, 'kill-server']);
    }
  }, 60_000);

  it('--push pushes the new branch to origin; a local Ollama model works the same way', async () => {
    const ollama = await startFakeOllama({ models: ['llama3.2:latest'], replies: [{ json: PLAN }, GOOD] });
    try {
      const env = { ...cleanEnv(home), OLLAMA_HOST: ollama.url };
      const repo = makeRepo();
      const origin = tempDir('biz-origin-');
      git(origin, 'init', '-q', '--bare');
      git(repo, 'remote', 'add', 'origin', origin);
      const r = await biz(['code', 'make greet say Hi', '--push', '--yes', '--json'], { env, cwd: repo });
      expect(r.stderr).not.toMatch(/error/);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).actions.map((a: { kind: string; status: string }) => `${a.kind}:${a.status}`)).toEqual(['git-branch:executed', 'git-push:executed']);
      expect(git(origin, 'branch', '--list').trim()).toBe('biz/make-greet-say-hi-instead-of-hello');
      expect(ollama.requests.filter((q) => q.path === '/api/chat')).toHaveLength(2);
    } finally {
      await ollama.close();
    }
  });

  it('cancelling a run that waits for approval removes its scratch worktree; it can no longer be resumed', async () => {
    const env = await start([{ json: PLAN }, GOOD]);
    const repo = makeRepo();
    const head = git(repo, 'rev-parse', 'HEAD');
    const first = await biz(['code', 'make greet say Hi'], { env, cwd: repo });
    expect(first.code).toBe(5);
    const id = /resume (\w+) --yes/.exec(first.stderr)![1];
    expect(existsSync(join(home, 'biz', 'cache', 'worktrees', id))).toBe(true);
    const cancel = await biz(['runs', 'cancel', id], { env, cwd: repo });
    expect(cancel.code).toBe(0);
    expect(existsSync(join(home, 'biz', 'cache', 'worktrees', id))).toBe(false);
    const resumed = await biz(['runs', 'resume', id, '--yes'], { env, cwd: repo });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/is cancelled; there is nothing to resume/);
    userWorkIntact(repo, head);
  });

  it('outside a git repository, or with no requirement, exits 2', async () => {
    const env = await start([]);
    expect((await biz(['code', 'x'], { env, cwd: tempDir() })).code).toBe(2);
    const none = await biz(['code'], { env, cwd: makeRepo() });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give the requirement once/);
  });
});
