import type { RetryPolicy } from './transport';

export interface GitLabOptions {
  /** The GitLab root, e.g. https://gitlab.com (a trailing /api/v4 is tolerated). */
  url: string;
  token: string;
  /** `private` (personal, project or group access token; the default) or `oauth` (a bearer token from biz login). */
  tokenType?: 'private' | 'oauth';
  /** Rate-limit and gateway-error handling, per-attempt timeout; `sleep` is injectable for tests. */
  retry?: Partial<RetryPolicy>;
}

/** A project by numeric id or by path (`group/subgroup/project`). */
export type ProjectRef = string | number;

export interface GitLabProject {
  id: number;
  pathWithNamespace: string;
  defaultBranch: string;
  webUrl: string;
}

export interface GitLabIssue {
  title: string;
  description: string;
  webUrl: string;
}

/** A file to write (`content`), optionally moved from `previousPath`, or to delete (`content: null`). */
export type FileChange = { path: string; content: string; previousPath?: string } | { path: string; content: null };

export interface CommitResult {
  /** The new commit, or null when the branch already held every change (nothing was committed). */
  sha: string | null;
  actions: { action: 'create' | 'update' | 'delete' | 'move'; path: string }[];
}

export interface MergeRequestSpec {
  source: string;
  target: string;
  title: string;
  description: string;
}

export interface MergeRequestResult {
  iid: number;
  webUrl: string;
  status: 'created' | 'updated' | 'unchanged';
}

export interface GitLab {
  readonly url: string;
  project(ref: ProjectRef): Promise<GitLabProject>;
  issue(project: ProjectRef, iid: number): Promise<GitLabIssue>;
  /** Creates `branch` from `fromRef` unless it exists; never a second one. */
  ensureBranch(project: ProjectRef, branch: string, fromRef: string): Promise<'created' | 'existing'>;
  /** One commit with file actions; create or update is decided by what the branch holds, unchanged files are left out. */
  commitFiles(project: ProjectRef, branch: string, message: string, changes: FileChange[]): Promise<CommitResult>;
  /** Updates the open merge request for source and target, or creates it; never a duplicate. */
  ensureMergeRequest(project: ProjectRef, spec: MergeRequestSpec): Promise<MergeRequestResult>;
  /** Closes a merge request; returns its state afterwards (`closed`, or `merged` if it was merged meanwhile). */
  closeMergeRequest(project: ProjectRef, iid: number): Promise<string>;
  /** Deletes a branch; `missing` when it was already gone. */
  deleteBranch(project: ProjectRef, branch: string): Promise<'deleted' | 'missing'>;
}
