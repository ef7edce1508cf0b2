import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitLab, type GitLab } from '../../src/integrations/gitlab';
import { startFakeGitLab, type FakeGitLab } from '../fakes/gitlab';

const PROJECT = 'group/project';
let fake: FakeGitLab;
let gitlab: GitLab;

beforeEach(async () => {
  fake = await startFakeGitLab();
  fake.addProject(PROJECT, { files: { 'README.md': '# demo\n', 'src/old.ts': 'export const old = 1;\n', 'src/gone.ts': 'x\n' } });
  gitlab = await createGitLab({ url: fake.url, token: fake.token });
});

afterEach(() => fake.close());

describe('GitLab adapter over @gitbeaker/rest: projects and issues', () => {
  it('reads a project by path, sending it URL-encoded with a masked private token', async () => {
    const project = await gitlab.project(PROJECT);
    expect(project).toEqual({
      id: fake.project(PROJECT).id,
      pathWithNamespace: PROJECT,
      defaultBranch: 'main',
      webUrl: `${fake.url}/${PROJECT}`,
    });
    const [request] = fake.requests;
    expect(request?.rawPath).toBe('/api/v4/projects/group%2Fproject');
    expect(request?.auth).toBe('private-token glpa****');
  });

  it('accepts a numeric id and a project URL, and sends an OAuth token as Bearer', async () => {
    const oauth = await createGitLab({ url: `${fake.url}/api/v4/`, token: fake.token, tokenType: 'oauth' });
    const byId = await oauth.project(fake.project(PROJECT).id);
    const byUrl = await oauth.project(`${fake.url}/${PROJECT}.git`);
    expect(byId.pathWithNamespace).toBe(PROJECT);
    expect(byUrl.id).toBe(byId.id);
    expect(fake.requests.map((r) => r.auth)).toEqual(['bearer glpa****', 'bearer glpa****']);
  });

  it('reads an issue', async () => {
    fake.addIssue(PROJECT, { iid: 12, title: 'Add a health endpoint', description: 'GET /health answers 200' });
    expect(await gitlab.issue(PROJECT, 12)).toEqual({
      title: 'Add a health endpoint',
      description: 'GET /health answers 200',
      webUrl: `${fake.url}/${PROJECT}/-/issues/12`,
    });
  });
});

describe('GitLab adapter: branches and commits', () => {
  it('creates a branch once, then finds it', async () => {
    expect(await gitlab.ensureBranch(PROJECT, 'biz/health', 'main')).toBe('created');
    expect(await gitlab.ensureBranch(PROJECT, 'biz/health', 'main')).toBe('existing');
    expect(fake.requestsTo('POST /projects/group/project/repository/branches')).toHaveLength(1);
    expect(fake.file(PROJECT, 'biz/health', 'README.md')).toBe('# demo\n');
  });

  it('treats a branch created by someone else between look and create as existing', async () => {
    fake.beforeNext('POST /projects/group/project/repository/branches', () => {
      const main = fake.project(PROJECT).branches.get('main')!;
      fake.project(PROJECT).branches.set('biz/race', { head: main.head, files: new Map(main.files) });
    });
    expect(await gitlab.ensureBranch(PROJECT, 'biz/race', 'main')).toBe('existing');
  });

  it('commits create, update, delete and move as one commit, and commits nothing when the branch already has it', async () => {
    await gitlab.ensureBranch(PROJECT, 'biz/health', 'main');
    const changes = [
      { path: 'src/health.ts', content: 'export const ok = true;\n' },
      { path: 'README.md', content: '# demo\n\nHealth endpoint.\n' },
      { path: 'src/gone.ts', content: null },
      { path: 'src/new.ts', previousPath: 'src/old.ts', content: 'export const renamed = 1;\n' },
    ];
    const result = await gitlab.commitFiles(PROJECT, 'biz/health', 'Add a health endpoint\n\nSo that probes can check us.', changes);

    expect(result.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(result.actions).toEqual([
      { action: 'create', path: 'src/health.ts' },
      { action: 'update', path: 'README.md' },
      { action: 'delete', path: 'src/gone.ts' },
      { action: 'move', path: 'src/new.ts' },
    ]);
    expect(fake.file(PROJECT, 'biz/health', 'src/health.ts')).toBe('export const ok = true;\n');
    expect(fake.file(PROJECT, 'biz/health', 'README.md')).toBe('# demo\n\nHealth endpoint.\n');
    expect(fake.file(PROJECT, 'biz/health', 'src/gone.ts')).toBeUndefined();
    expect(fake.file(PROJECT, 'biz/health', 'src/old.ts')).toBeUndefined();
    expect(fake.file(PROJECT, 'biz/health', 'src/new.ts')).toBe('export const renamed = 1;\n');
    expect(fake.file(PROJECT, 'main', 'README.md')).toBe('# demo\n');
    const [post] = fake.requestsTo('POST /projects/group/project/repository/commits');
    expect(post?.body).toMatchObject({ branch: 'biz/health', commit_message: 'Add a health endpoint\n\nSo that probes can check us.' });
    expect((post?.body as { actions: unknown[] }).actions[3]).toEqual({
      action: 'move',
      file_path: 'src/new.ts',
      previous_path: 'src/old.ts',
      content: 'export const renamed = 1;\n',
    });

    const again = await gitlab.commitFiles(PROJECT, 'biz/health', 'Add a health endpoint', changes);
    expect(again).toEqual({ sha: null, actions: [] });
    expect(fake.requestsTo('POST /projects/group/project/repository/commits')).toHaveLength(1);
  });

  it('explains a commit GitLab refuses', async () => {
    await expect(gitlab.commitFiles(PROJECT, 'no-such-branch', 'msg', [{ path: 'a.txt', content: 'a' }])).rejects.toThrow(
      'GitLab could not commit 1 file to no-such-branch in group/project: You can only create or edit files when you are on a branch (HTTP 400)',
    );
  });
});

describe('GitLab adapter: merge requests', () => {
  const spec = { source: 'biz/health', target: 'main', title: 'Add a health endpoint', description: 'Plan: ...' };

  beforeEach(async () => {
    await gitlab.ensureBranch(PROJECT, 'biz/health', 'main');
  });

  it('creates a merge request, then updates the open one instead of opening a second', async () => {
    const created = await gitlab.ensureMergeRequest(PROJECT, spec);
    expect(created).toEqual({ iid: 1, webUrl: `${fake.url}/${PROJECT}/-/merge_requests/1`, status: 'created' });

    const updated = await gitlab.ensureMergeRequest(PROJECT, { ...spec, description: 'Plan: ...\n\nCheck: npm test passed' });
    expect(updated).toMatchObject({ iid: 1, status: 'updated' });
    expect(await gitlab.ensureMergeRequest(PROJECT, { ...spec, description: 'Plan: ...\n\nCheck: npm test passed' })).toMatchObject({ status: 'unchanged' });

    const mrs = fake.project(PROJECT).mergeRequests;
    expect(mrs).toHaveLength(1);
    expect(mrs[0]?.description).toBe('Plan: ...\n\nCheck: npm test passed');
    expect(fake.requestsTo('POST /projects/group/project/merge_requests')).toHaveLength(1);
    const [list] = fake.requestsTo('GET /projects/group/project/merge_requests');
    expect(list?.query).toEqual({ source_branch: 'biz/health', target_branch: 'main', state: 'opened' });
  });

  it('resolves the 409 race by updating the merge request another run just opened', async () => {
    fake.beforeNext('POST /projects/group/project/merge_requests', () => {
      fake.addMergeRequest(PROJECT, { source: 'biz/health', target: 'main', title: 'Draft from a parallel run' });
    });
    const result = await gitlab.ensureMergeRequest(PROJECT, spec);
    expect(result).toMatchObject({ iid: 1, status: 'updated' });
    expect(fake.project(PROJECT).mergeRequests).toMatchObject([{ iid: 1, title: spec.title, description: spec.description }]);
  });

  it('reports a 409 it cannot resolve instead of retrying into a duplicate', async () => {
    fake.failNext('POST /projects/group/project/merge_requests', { status: 409 });
    await expect(gitlab.ensureMergeRequest(PROJECT, spec)).rejects.toThrow(
      'GitLab could not open merge request biz/health -> main in group/project: 409 Conflict (HTTP 409)',
    );
    expect(fake.project(PROJECT).mergeRequests).toHaveLength(0);
  });

  it('undoes a run: closes its merge request and deletes its branch, and nothing else', async () => {
    const { iid } = await gitlab.ensureMergeRequest(PROJECT, spec);
    expect(await gitlab.closeMergeRequest(PROJECT, iid)).toBe('closed');
    expect(await gitlab.deleteBranch(PROJECT, 'biz/health')).toBe('deleted');
    expect(await gitlab.deleteBranch(PROJECT, 'biz/health')).toBe('missing');
    expect([...fake.project(PROJECT).branches.keys()]).toEqual(['main']);
    expect(fake.project(PROJECT).mergeRequests[0]?.state).toBe('closed');
    expect(fake.requestsTo('PUT /projects/group/project/merge_requests/1')[0]?.body).toEqual({ state_event: 'close' });
  });

  it('opens a new merge request after the previous one was closed', async () => {
    fake.addMergeRequest(PROJECT, { source: 'biz/health', target: 'main', title: 'old', state: 'closed' });
    expect(await gitlab.ensureMergeRequest(PROJECT, spec)).toMatchObject({ iid: 2, status: 'created' });
  });
});
