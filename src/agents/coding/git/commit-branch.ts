import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, GitError } from './run-git';

export interface FileContent {
  path: string;
  content: string | null; // null deletes the file
}

export interface BranchCommit {
  branch: string;
  commit: string;
  base: string;
  created: boolean; // false when an earlier attempt had already made exactly this branch
}

/**
 * Makes `branch` point at a new commit whose parent is `base`, with `files` changed, using only plumbing: objects
 * are added and one new ref is created. The user's working copy, index, HEAD and existing branches are never
 * touched, so uncommitted work is safe whatever happens. A branch that already exists is left alone unless it is
 * exactly what an earlier attempt of this same change created.
 */
export async function commitToNewBranch(repo: string, opts: { branch: string; base: string; message: string; files: FileContent[]; author?: { name: string; email: string } }): Promise<BranchCommit> {
  const existing = await git(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${opts.branch}`]).then((s) => s.trim(), () => undefined);
  const tree = await buildTree(repo, opts.base, opts.files);
  if (existing) {
    const [parent, existingTree] = (await git(repo, ['show', '-s', '--format=%P %T', existing])).trim().split(' ');
    if (parent === opts.base && existingTree === tree) return { branch: opts.branch, commit: existing, base: opts.base, created: false };
    throw new Error(`branch ${opts.branch} already exists with other content; biz never overwrites a branch (choose another name with --branch)`);
  }
  const env = opts.author
    ? { GIT_AUTHOR_NAME: opts.author.name, GIT_AUTHOR_EMAIL: opts.author.email, GIT_COMMITTER_NAME: opts.author.name, GIT_COMMITTER_EMAIL: opts.author.email }
    : undefined;
  const commit = (await git(repo, ['commit-tree', tree, '-p', opts.base, '-F', '-'], { input: opts.message, env })).trim();
  // The empty old value makes the update fail if the branch appeared meanwhile: no ref is ever overwritten.
  await git(repo, ['update-ref', `refs/heads/${opts.branch}`, commit, '']);
  return { branch: opts.branch, commit, base: opts.base, created: true };
}

async function buildTree(repo: string, base: string, files: FileContent[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'biz-index-'));
  const env = { GIT_INDEX_FILE: join(dir, 'index') };
  try {
    await git(repo, ['read-tree', base], { env });
    for (const f of files) {
      if (f.content === null) {
        await git(repo, ['update-index', '--force-remove', '--', f.path], { env });
        continue;
      }
      const blob = (await git(repo, ['hash-object', '-w', '--stdin', '--path', f.path], { input: f.content })).trim();
      const mode = await existingMode(repo, base, f.path);
      await git(repo, ['update-index', '--add', '--cacheinfo', `${mode},${blob},${f.path}`], { env });
    }
    return (await git(repo, ['write-tree'], { env })).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function existingMode(repo: string, base: string, path: string): Promise<string> {
  const line = (await git(repo, ['ls-tree', base, '--', path])).trim();
  return line ? line.split(/\s+/)[0] : '100644';
}

/**
 * `biz code undo`: deletes the branch only while it still points at the commit biz made. If the user has added
 * commits to it, it is theirs now and stays.
 */
export async function deleteOwnBranch(repo: string, branch: string, commit: string): Promise<'deleted' | 'gone' | 'kept'> {
  const tip = await git(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).then((s) => s.trim(), () => undefined);
  if (!tip) return 'gone';
  if (tip !== commit) return 'kept';
  try {
    await git(repo, ['update-ref', '-d', `refs/heads/${branch}`, commit]);
    return 'deleted';
  } catch (err) {
    if (err instanceof GitError) return 'kept';
    throw err;
  }
}
