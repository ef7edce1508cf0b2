/** The GitLab operations biz needs, over @gitbeaker/rest's resources. Every failure is explained (explain.ts). */
import { Branches, Commits, Issues, MergeRequests, Projects, RepositoryFiles, type CommitAction } from '@gitbeaker/rest';
import { UsageError } from '../../core/errors';
import { explain, statusOf } from './explain';
import { parseProjectRef } from './refs';
import { createRequester, DEFAULT_RETRY } from './transport';
import type { CommitResult, FileChange, GitLab, GitLabOptions, MergeRequestResult, MergeRequestSpec, ProjectRef } from './types';

interface OpenMergeRequest {
  iid: number;
  title: string;
  description: string | null;
  web_url: string;
}

/** `url` must already be normalized (no trailing slash, no /api/v4). */
export function connect(url: string, options: GitLabOptions): GitLab {
  const auth = options.tokenType === 'oauth' ? { oauthToken: options.token } : { token: options.token };
  const config = { host: url, ...auth, requesterFn: createRequester({ ...DEFAULT_RETRY, ...options.retry }), queryTimeout: null };
  const projects = new Projects(config);
  const issues = new Issues(config);
  const branches = new Branches(config);
  const files = new RepositoryFiles(config);
  const commits = new Commits(config);
  const mergeRequests = new MergeRequests(config);

  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw explain(error, operation, { url, token: options.token });
    }
  }

  async function readFile(project: string | number, path: string, ref: string): Promise<string | undefined> {
    try {
      const file = await files.show(project, path, ref);
      return Buffer.from(file.content, 'base64').toString('utf8');
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async function findOpenMergeRequest(project: string | number, source: string, target: string): Promise<OpenMergeRequest | undefined> {
    const open = await mergeRequests.all({ projectId: project, sourceBranch: source, targetBranch: target, state: 'opened' });
    return open[0];
  }

  async function refresh(project: string | number, mr: OpenMergeRequest, spec: MergeRequestSpec): Promise<MergeRequestResult> {
    if (mr.title === spec.title && (mr.description ?? '') === spec.description) return { iid: mr.iid, webUrl: mr.web_url, status: 'unchanged' };
    await mergeRequests.edit(project, mr.iid, { title: spec.title, description: spec.description });
    return { iid: mr.iid, webUrl: mr.web_url, status: 'updated' };
  }

  return {
    url,

    async project(ref) {
      const id = projectId(ref);
      const project = await call(`read project ${id}`, () => projects.show(id));
      return { id: project.id, pathWithNamespace: project.path_with_namespace, defaultBranch: project.default_branch, webUrl: project.web_url };
    },

    async issue(ref, iid) {
      const id = projectId(ref);
      const issue = await call(`read issue ${id}#${iid}`, () => issues.show(iid, { projectId: id }));
      return { title: issue.title, description: issue.description ?? '', webUrl: issue.web_url };
    },

    async ensureBranch(ref, branch, fromRef) {
      const id = projectId(ref);
      return call(`create branch ${branch} from ${fromRef} in ${id}`, async () => {
        try {
          await branches.show(id, branch);
          return 'existing';
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
        try {
          await branches.create(id, branch, fromRef);
          return 'created';
        } catch (error) {
          // Another run created it between our look and our create.
          if (statusOf(error) === 400 && error instanceof Error && /already exists/i.test(error.message)) return 'existing';
          throw error;
        }
      });
    },

    async commitFiles(ref, branch, message, changes) {
      const id = projectId(ref);
      return call(`commit ${changes.length} file${changes.length === 1 ? '' : 's'} to ${branch} in ${id}`, async (): Promise<CommitResult> => {
        const actions: CommitAction[] = [];
        for (const change of changes) {
          const action = await actionFor(change, (path) => readFile(id, path, branch));
          if (action) actions.push(action);
        }
        if (actions.length === 0) return { sha: null, actions: [] };
        const commit = await commits.create(id, branch, message, actions);
        return { sha: commit.id, actions: actions.map((a) => ({ action: a.action as CommitResult['actions'][number]['action'], path: a.filePath })) };
      });
    },

    async ensureMergeRequest(ref, spec) {
      const id = projectId(ref);
      return call(`open merge request ${spec.source} -> ${spec.target} in ${id}`, async () => {
        const existing = await findOpenMergeRequest(id, spec.source, spec.target);
        if (existing) return refresh(id, existing, spec);
        try {
          const created = await mergeRequests.create(id, spec.source, spec.target, spec.title, { description: spec.description });
          return { iid: created.iid, webUrl: created.web_url, status: 'created' as const };
        } catch (error) {
          // 409: another run opened one between our look and our create; that one is ours to update.
          const raced = statusOf(error) === 409 ? await findOpenMergeRequest(id, spec.source, spec.target) : undefined;
          if (!raced) throw error;
          return refresh(id, raced, spec);
        }
      });
    },

    async closeMergeRequest(ref, iid) {
      const id = projectId(ref);
      const mr = await call(`close merge request !${iid} in ${id}`, () => mergeRequests.edit(id, iid, { stateEvent: 'close' }));
      return mr.state;
    },

    async deleteBranch(ref, branch) {
      const id = projectId(ref);
      return call(`delete branch ${branch} in ${id}`, async () => {
        try {
          await branches.remove(id, branch);
          return 'deleted';
        } catch (error) {
          if (statusOf(error) === 404) return 'missing';
          throw error;
        }
      });
    },
  };
}

/** Create or update by what the branch holds; undefined when the branch already has the change. */
async function actionFor(change: FileChange, read: (path: string) => Promise<string | undefined>): Promise<CommitAction | undefined> {
  const current = await read(change.path);
  if (change.content === null) return current === undefined ? undefined : { action: 'delete', filePath: change.path };
  if (change.previousPath !== undefined && change.previousPath !== change.path && (await read(change.previousPath)) !== undefined) {
    return { action: 'move', filePath: change.path, previousPath: change.previousPath, content: change.content };
  }
  if (current === change.content) return undefined;
  return { action: current === undefined ? 'create' : 'update', filePath: change.path, content: change.content };
}

function projectId(ref: ProjectRef): string | number {
  if (typeof ref === 'number') return ref;
  const path = parseProjectRef(ref);
  if (!path) throw new UsageError(`Not a GitLab project: ${ref}`, 'Give a path like group/project, a project id or the project URL.');
  return path;
}
