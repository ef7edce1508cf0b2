import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitLab, GitLabError, type GitLabOptions } from '../../src/integrations/gitlab';
import { startFakeGitLab, type FakeGitLab } from '../fakes/gitlab';
import { ROOT, tempDir } from '../helpers';

const PROJECT = 'group/project';
let fake: FakeGitLab;
let sleeps: number[];

beforeEach(async () => {
  fake = await startFakeGitLab();
  fake.addProject(PROJECT);
  sleeps = [];
});

afterEach(() => fake.close());

function client(retry: GitLabOptions['retry'] = {}, token = fake.token) {
  return createGitLab({ url: fake.url, token, retry: { sleep: async (ms) => void sleeps.push(ms), ...retry } });
}

async function failure(promise: Promise<unknown>): Promise<GitLabError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitLabError);
  return error as GitLabError;
}

describe('GitLab adapter: authentication', () => {
  it('says the token was rejected, exits 3 and never shows the token', async () => {
    const token = 'glpat-wrong-token-abcdefghij';
    const gitlab = await client({}, token);
    const error = await failure(gitlab.project(PROJECT));
    expect(error.message).toBe(`GitLab rejected the token for ${fake.url}: set BIZ_GITLAB_TOKEN or run biz login`);
    expect(error.exitCode).toBe(3);
    expect(JSON.stringify({ message: error.message, hint: error.hint, stack: error.stack })).not.toContain(token);
    expect(fake.requests[0]?.auth).toBe('private-token glpa****');
  });

  it('treats a token revoked mid-run the same way', async () => {
    fake.failNext('/projects/group/project', { status: 401 });
    const error = await failure((await client()).ensureBranch(PROJECT, 'biz/x', 'main'));
    expect(error.message).toMatch(/^GitLab rejected the token for /);
  });

  it('says what a token without access is missing', async () => {
    fake.failNext('POST /projects/group/project/repository/branches', { status: 403 });
    const error = await failure((await client()).ensureBranch(PROJECT, 'biz/x', 'main'));
    expect(error.message).toBe('GitLab refused to create branch biz/x from main in group/project: 403 Forbidden');
    expect(error.hint).toContain('api scope');
    expect(error.exitCode).toBe(1);
  });

  it('refuses to start without a token, before loading the SDK', async () => {
    const error = await failure(createGitLab({ url: fake.url, token: '' }));
    expect(error.exitCode).toBe(3);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('GitLab adapter: rate limits and server errors', () => {
  it('waits as Retry-After says on a 429, then succeeds', async () => {
    fake.failNext('GET /projects/group/project', { status: 429, retryAfter: '7' });
    const project = await (await client()).project(PROJECT);
    expect(project.pathWithNamespace).toBe(PROJECT);
    expect(sleeps).toEqual([7000]);
    expect(fake.requestsTo('GET /projects/group/project')).toHaveLength(2);
  });

  it('waits with doubling backoff when a 429 has no Retry-After', async () => {
    fake.failNext('GET /projects/group/project', { status: 429 }, { status: 429 });
    await (await client({ baseDelayMs: 500 })).project(PROJECT);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('gives up with a clear rate-limit error after the attempt bound', async () => {
    fake.failNext('GET /projects/group/project', ...Array.from({ length: 5 }, () => ({ status: 429 as const, retryAfter: '2' })));
    const error = await failure((await client({ attempts: 3 })).project(PROJECT));
    expect(error.message).toBe(`GitLab rate limited read project group/project on ${fake.url}: gave up after 3 attempts; it asks to wait 2 s`);
    expect(error.status).toBe(429);
    expect(sleeps).toEqual([2000, 2000]);
    expect(fake.requests).toHaveLength(3);
  });

  it('gives up at once when Retry-After asks for longer than the cap', async () => {
    fake.failNext('GET /projects/group/project', { status: 429, retryAfter: '3600' });
    const error = await failure((await client({ maxWaitMs: 60_000 })).project(PROJECT));
    expect(error.message).toContain('gave up after 1 attempt; it asks to wait 3600 s');
    expect(sleeps).toEqual([]);
  });

  it('turns a 500 into an error naming the operation and GitLab’s message, without retrying', async () => {
    await (await client()).ensureBranch(PROJECT, 'biz/x', 'main');
    fake.failNext('POST /projects/group/project/merge_requests', { status: 500 });
    const gitlab = await client();
    const error = await failure(gitlab.ensureMergeRequest(PROJECT, { source: 'biz/x', target: 'main', title: 't', description: 'd' }));
    expect(error.message).toBe('GitLab could not open merge request biz/x -> main in group/project: 500 Internal Server Error (HTTP 500)');
    expect(error.exitCode).toBe(1);
    expect(fake.requestsTo('POST /projects/group/project/merge_requests')).toHaveLength(1);
  });

  it('rides out a 502 on a read but never repeats a write after one', async () => {
    fake.failNext('GET /projects/group/project', { status: 502 });
    await (await client({ baseDelayMs: 250 })).project(PROJECT);
    expect(sleeps).toEqual([250]);

    fake.failNext('POST /projects/group/project/repository/branches', { status: 502 });
    const error = await failure((await client()).ensureBranch(PROJECT, 'biz/y', 'main'));
    expect(error.message).toBe('GitLab could not create branch biz/y from main in group/project: 502 Bad Gateway (HTTP 502)');
    expect(fake.requestsTo('POST /projects/group/project/repository/branches')).toHaveLength(1);
  });

  it('explains GitLab’s field errors and unknown projects', async () => {
    const gitlab = await client();
    expect((await failure(gitlab.project('group/missing'))).message).toBe('GitLab could not read project group/missing: 404 Project Not Found (HTTP 404)');
    const same = await failure(gitlab.ensureMergeRequest(PROJECT, { source: 'main', target: 'main', title: 't', description: '' }));
    expect(same.message).toContain(": You can't use same project/branch for source and target (HTTP 400)");
  });
});

describe('GitLab adapter: wrong endpoints', () => {
  it('says so when the URL answers with HTML instead of the API', async () => {
    fake.failNext('/projects', 'html');
    const error = await failure((await client()).project(PROJECT));
    expect(error.message).toBe(`GitLab at ${fake.url} answered with text/html instead of JSON to read project group/project`);
    expect(error.hint).toContain('BIZ_GITLAB_URL');
  });

  it('times out an attempt that never answers', async () => {
    fake.failNext('/projects', 'hang');
    const error = await failure((await client({ timeoutMs: 200, attempts: 1 })).project(PROJECT));
    expect(error.message).toBe(`GitLab at ${fake.url} gave no answer to read project group/project (no answer within 200 ms)`);
  });

  it('names the address it could not reach', async () => {
    const closed = await startFakeGitLab();
    await closed.close();
    const gitlab = await createGitLab({ url: closed.url, token: fake.token });
    const error = await failure(gitlab.project(PROJECT));
    expect(error.message).toBe(`Could not reach GitLab at ${closed.url} to read project group/project: ECONNREFUSED`);
  });

  it('rejects a URL that is not one, and a project that is not one', async () => {
    await expect(createGitLab({ url: 'gitlab.example.com', token: 't' })).rejects.toMatchObject({ exitCode: 2 });
    const gitlab = await client();
    await expect(gitlab.ensureBranch('not a project', 'b', 'main')).rejects.toMatchObject({ exitCode: 2, message: 'Not a GitLab project: not a project' });
  });
});

describe('GitLab adapter: start-up cost', () => {
  it('does not load @gitbeaker until a client is made', () => {
    const trace = join(tempDir(), 'imports.txt');
    const script = `
      const gitlab = await import(${JSON.stringify(join(ROOT, 'src/integrations/gitlab/index.ts'))});
      const { appendFileSync } = await import('node:fs');
      appendFileSync(${JSON.stringify(trace)}, 'MARK\\n');
      await gitlab.createGitLab({ url: 'http://127.0.0.1:1', token: 'x' });
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', join(ROOT, 'test/support/trace-imports.mjs'), '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, BIZ_TRACE_IMPORTS: trace },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const [before = '', after = ''] = readFileSync(trace, 'utf8').split('MARK\n');
    expect(before).not.toContain('@gitbeaker');
    expect(after).toContain('@gitbeaker/rest');
  });
});
