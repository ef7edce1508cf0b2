import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { resolveTarget } from './paths';
import type { FileChange } from './types';

/** The file-system calls applyChanges makes; tests pass failing ones. */
export type ApplyFs = Pick<typeof nodeFs, 'readFile' | 'writeFile' | 'rename' | 'rm' | 'mkdir' | 'stat' | 'chmod'>;

export class ApplyError extends Error {
  override name = 'ApplyError';
}

interface Write {
  change: FileChange;
  abs: string;
  temp: string;
  mode: number | undefined;
}

const tempFor = (abs: string) => join(dirname(abs), `.${basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.biz-tmp`);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Writes every change or none: each file goes to a temporary sibling first, then all are renamed into place. A
 * failed write removes the temporaries; a failed rename also puts back the files already renamed. Refuses to start
 * when a file no longer holds the content the changes were planned against.
 */
export async function applyChanges(repoRoot: string, changes: readonly FileChange[], fs: ApplyFs = nodeFs): Promise<void> {
  const rootReal = await nodeFs.realpath(repoRoot);
  const writes: Write[] = [];
  for (const change of changes) {
    if (writes.some((w) => w.change.path === change.path)) throw new ApplyError(`${change.path} appears twice in one set of changes`);
    const target = await resolveTarget(rootReal, change.path);
    if (!target.ok) throw new ApplyError(target.message);
    if (target.rel !== change.path) throw new ApplyError(`${change.path} now resolves to ${target.rel}; plan the edits again`);
    const current = target.exists ? await fs.readFile(target.abs, 'utf8') : null;
    if (current !== change.before) {
      throw new ApplyError(`${change.path} ${current === null ? 'no longer exists' : change.before === null ? 'exists now' : 'changed'} since the edits were planned; plan them again`);
    }
    const mode = target.exists ? (await fs.stat(target.abs)).mode & 0o7777 : undefined;
    writes.push({ change, abs: target.abs, temp: tempFor(target.abs), mode });
  }

  const temps: string[] = [];
  const createdDirs: string[] = [];
  let writing: Write | undefined;
  try {
    for (const w of writes) {
      writing = w;
      const made = await fs.mkdir(dirname(w.abs), { recursive: true });
      if (made) createdDirs.push(made);
      temps.push(w.temp);
      await writeTemp(fs, w.temp, w.change.after, w.mode);
    }
  } catch (e) {
    const leftovers = await removeAll(fs, [...temps, ...createdDirs.reverse()]);
    throw new ApplyError(`could not write ${writing?.change.path}: ${messageOf(e)}; no file was changed${leftovers}`, { cause: e });
  }

  const renamed: Write[] = [];
  for (const w of writes) {
    try {
      await fs.rename(w.temp, w.abs);
      renamed.push(w);
    } catch (e) {
      const problems = await restore(fs, renamed);
      const pending = writes.slice(renamed.length).map((p) => p.temp);
      const leftovers = await removeAll(fs, [...pending, ...createdDirs.reverse()]);
      const state = problems.length === 0 ? 'no file was changed' : `restoring failed for: ${problems.join('; ')}`;
      throw new ApplyError(`could not replace ${w.change.path}: ${messageOf(e)}; ${state}${leftovers}`, { cause: e });
    }
  }
}

async function writeTemp(fs: ApplyFs, temp: string, content: string, mode: number | undefined): Promise<void> {
  await fs.writeFile(temp, content, { flag: 'wx' });
  if (mode !== undefined) await fs.chmod(temp, mode);
}

/** Puts back the original content of files already replaced (and removes files that were new). */
async function restore(fs: ApplyFs, done: readonly Write[]): Promise<string[]> {
  const problems: string[] = [];
  for (const w of done) {
    const temp = tempFor(w.abs);
    try {
      if (w.change.before === null) {
        await fs.rm(w.abs, { force: true });
      } else {
        await writeTemp(fs, temp, w.change.before, w.mode);
        await fs.rename(temp, w.abs);
      }
    } catch (e) {
      problems.push(`${w.change.path} (${messageOf(e)})`);
      await fs.rm(temp, { force: true }).catch(() => undefined);
    }
  }
  return problems;
}

/** Removes temporaries and directories this call created; returns a note about any it could not remove. */
async function removeAll(fs: ApplyFs, paths: readonly string[]): Promise<string> {
  const stuck: string[] = [];
  for (const p of paths) await fs.rm(p, { recursive: true, force: true }).catch(() => stuck.push(p));
  return stuck.length === 0 ? '' : ` (could not remove ${stuck.join(', ')})`;
}
