import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { git } from './run-git';

/**
 * A detached scratch checkout of `base` where edits are applied and `--check` runs, so the user's working copy
 * and current branch are never touched. Re-created on resume if it is missing.
 */
export async function ensureWorktree(repo: string, dir: string, base: string): Promise<string> {
  if (existsSync(join(dir, '.git'))) return dir;
  mkdirSync(dirname(dir), { recursive: true });
  await git(repo, ['worktree', 'prune']);
  await git(repo, ['worktree', 'add', '--detach', '--quiet', dir, base]);
  return dir;
}

export function worktreeDir(cacheDir: string, runId: string): string {
  return join(cacheDir, 'worktrees', runId);
}

export async function removeWorktree(repo: string, dir: string): Promise<void> {
  if (existsSync(dir)) await git(repo, ['worktree', 'remove', '--force', dir]);
  await git(repo, ['worktree', 'prune']);
}

export async function repoRootOf(cwd: string): Promise<string | undefined> {
  return git(cwd, ['rev-parse', '--show-toplevel']).then((s) => s.trim(), () => undefined);
}

export async function headCommitOf(repo: string): Promise<string> {
  return (await git(repo, ['rev-parse', 'HEAD'])).trim();
}
