import { execFile } from 'node:child_process';

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    readonly code: number | null,
  ) {
    super(`git ${args.join(' ')} failed: ${stderr.trim().split('\n').slice(-3).join(' ') || `exit ${code}`}`);
  }
}

/**
 * Runs git with arguments (never a shell). Only commands that add objects or refs, read state, or manage biz's own
 * scratch worktrees are used anywhere in biz: nothing that rewrites or discards a user's work.
 */
export function git(cwd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', ['-C', cwd, ...args], { maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...opts.env } }, (err, stdout, stderr) => {
      if (err) reject(new GitError(args, stderr, typeof err.code === 'number' ? err.code : null));
      else resolve(stdout);
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}
