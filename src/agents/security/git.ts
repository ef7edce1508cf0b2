import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from '../../core/errors';
import type { Finding } from './findings';

const run = promisify(execFile);

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', root, ...args], { maxBuffer: 512 * 1024 * 1024 });
  return stdout;
}

export async function headCommit(root: string): Promise<string | undefined> {
  try {
    return (await git(root, ['rev-parse', 'HEAD'])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lines added since `ref` (committed, staged, unstaged and untracked), by file: what a merge-request pipeline
 * should be judged on. Untracked files count as wholly new.
 */
export async function addedLinesSince(root: string, ref: string): Promise<{ lines: Map<string, Set<number>>; newFiles: Set<string> }> {
  try {
    await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--since ${ref}: not a commit in ${root}`, 'In CI fetch enough history first, e.g. git fetch origin main.');
  }
  const base = (await git(root, ['merge-base', ref, 'HEAD']).catch(() => ref)).trim() || ref;
  const diff = await git(root, ['diff', '--no-color', '--no-ext-diff', '--unified=0', '--relative', base, '--']);
  const lines = new Map<string, Set<number>>();
  let file: string | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      file = line === '+++ /dev/null' ? undefined : line.slice(6);
      if (file && !lines.has(file)) lines.set(file, new Set());
    } else if (line.startsWith('@@') && file) {
      const m = /\+(\d+)(?:,(\d+))?/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let i = 0; i < count; i++) lines.get(file)!.add(start + i);
    }
  }
  const untracked = (await git(root, ['ls-files', '--others', '--exclude-standard'])).split('\n').filter(Boolean);
  return { lines, newFiles: new Set(untracked) };
}

export function isNewSince(f: Finding, changes: { lines: Map<string, Set<number>>; newFiles: Set<string> }): boolean {
  if (changes.newFiles.has(f.file)) return true;
  return changes.lines.get(f.file)?.has(f.line) ?? false;
}
