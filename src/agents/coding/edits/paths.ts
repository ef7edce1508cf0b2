import { lstat, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, sep, win32 } from 'node:path';
import type { FailureReason } from './types';

export type Target =
  | { ok: true; rel: string; abs: string; exists: boolean }
  | { ok: false; reason: FailureReason; message: string };

const refuse = (reason: FailureReason, message: string): Target => ({ ok: false, reason, message });

const isGitSegment = (segment: string) => segment.toLowerCase() === '.git';

/** A path as written, made repository-relative and normalized; undefined when it is absolute or climbs out. */
export function normalizeRelative(path: string): string | undefined {
  if (path === '' || path.includes('\0') || isAbsolute(path) || win32.isAbsolute(path)) return undefined;
  const norm = posix.normalize(path).replace(/\/+$/, '');
  if (norm === '..' || norm.startsWith('../')) return undefined;
  return norm;
}

/** A real path relative to the real repository root, or undefined when it lies outside. */
function inside(rootReal: string, real: string): string | undefined {
  const rel = relative(rootReal, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

async function lstatOrNull(path: string) {
  try {
    return await lstat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
}

/**
 * Resolves where an edit would write, following symlinks, and refuses anything outside the repository, under
 * `.git`, or that is not a regular file. `rootReal` must already be a real path.
 */
export async function resolveTarget(rootReal: string, path: string): Promise<Target> {
  const norm = normalizeRelative(path);
  if (norm === undefined) return refuse('outside-repo', `${path} is outside the repository: use a path relative to the repository root, without ".."`);
  if (norm.split('/').some(isGitSegment)) return refuse('git-dir', `${path} is inside .git, which is never edited`);
  if (norm === '.') return refuse('not-a-file', `${path} is the repository root, not a file`);

  const abs = join(rootReal, norm);
  const entry = await lstatOrNull(abs);
  let real: string;
  let exists = false;
  if (entry) {
    try {
      real = await realpath(abs);
    } catch {
      return refuse('not-a-file', `${path} is a symbolic link to nothing`);
    }
    exists = true;
  } else {
    const parts = norm.split('/');
    let depth = parts.length - 1;
    while (depth > 0 && !(await lstatOrNull(join(rootReal, ...parts.slice(0, depth))))) depth--;
    const ancestor = join(rootReal, ...parts.slice(0, depth));
    let ancestorReal: string;
    try {
      ancestorReal = await realpath(ancestor);
    } catch {
      return refuse('not-a-file', `${path} goes through a symbolic link to nothing`);
    }
    if (!(await stat(ancestorReal)).isDirectory()) return refuse('not-a-file', `${path} goes through ${parts.slice(0, depth).join('/')}, which is not a directory`);
    real = join(ancestorReal, ...parts.slice(depth));
  }

  const rel = inside(rootReal, real);
  if (rel === undefined) return refuse('outside-repo', `${path} leads outside the repository through a symbolic link`);
  if (rel.split('/').some(isGitSegment)) return refuse('git-dir', `${path} leads into .git through a symbolic link`);
  if (exists && !(await stat(real)).isFile()) return refuse('not-a-file', `${path} is not a regular file`);
  return { ok: true, rel, abs: real, exists };
}
