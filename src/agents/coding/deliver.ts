import type { ActionHandler } from '../runtime/actions';
import { commitToNewBranch, type FileContent } from './git/commit-branch';
import { git } from './git/run-git';

interface BranchPayload {
  repo: string;
  branch: string;
  base: string;
  message: string;
  files: FileContent[];
}

interface MergeRequestPayload {
  url: string;
  project: string;
  branch: string;
  title: string;
  message: string;
  description: string;
  files: FileContent[];
}

/** A new local branch with one commit, made with plumbing: the working copy and current branch stay as they were. */
const gitBranch: ActionHandler = async (payload) => {
  const p = payload as BranchPayload;
  const made = await commitToNewBranch(p.repo, p);
  return { branch: made.branch, commit: made.commit, base: made.base };
};

const gitPush: ActionHandler = async (payload) => {
  const p = payload as { repo: string; branch: string };
  await git(p.repo, ['push', '--set-upstream', 'origin', `refs/heads/${p.branch}:refs/heads/${p.branch}`]);
  return { pushed: p.branch };
};

/** Branch, commit and merge request on GitLab; each step finds what an earlier attempt made instead of repeating it. */
const gitlabMergeRequest: ActionHandler = async (payload, ctx) => {
  const p = payload as MergeRequestPayload;
  const token = ctx.base.env.BIZ_GITLAB_TOKEN;
  if (!token) throw new Error('BIZ_GITLAB_TOKEN is not set: create a GitLab access token with the api scope and export it');
  const { createGitLab } = await import('../../integrations/gitlab');
  const gitlab = await createGitLab({ url: p.url, token });
  const project = await gitlab.project(p.project);
  await gitlab.ensureBranch(project.id, p.branch, project.defaultBranch);
  await gitlab.commitFiles(project.id, p.branch, p.message, p.files);
  const mr = await gitlab.ensureMergeRequest(project.id, { source: p.branch, target: project.defaultBranch, title: p.title, description: p.description });
  return { project: project.pathWithNamespace, projectId: project.id, branch: p.branch, mergeRequest: mr.iid, url: mr.webUrl };
};

export const codingActionHandlers: Record<string, ActionHandler> = {
  'git-branch': gitBranch,
  'git-push': gitPush,
  'gitlab-merge-request': gitlabMergeRequest,
};
