import * as fsp from 'node:fs/promises';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyChanges, ApplyError, planEdits, type ApplyFs, type Edit, type FileChange } from '../../src/agents/coding/edits';
import { tempDir } from '../helpers';

function repo(files: Record<string, string>): string {
  const dir = tempDir('biz-apply-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Every file and directory under dir, with file contents: what "nothing changed" is checked against. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = relative(dir, join(entry.parentPath, entry.name));
    out[path] = entry.isDirectory() ? '<dir>' : readFileSync(join(dir, path), 'utf8');
  }
  return out;
}

async function plan(dir: string, edits: Omit<Edit, 'block' | 'line'>[]): Promise<FileChange[]> {
  const result = await planEdits(dir, edits.map((e, i) => ({ ...e, block: i + 1, line: 1 })));
  if (!result.ok) throw new Error(JSON.stringify(result.failures));
  return result.changes;
}

const FILES = { 'a.txt': 'one\r\ntwo\r\n', 'b.txt': 'x\n' };
const EDITS = [
  { path: 'a.txt', search: ['two'], replace: ['TWO', 'three'] },
  { path: 'b.txt', search: ['x'], replace: ['y'] },
  { path: 'new/dir/c.txt', search: [], replace: ['c'] },
];

/** The real file system, except that `name` fails on the `nth` call. */
function failingOn(name: 'writeFile' | 'rename', nth: number): ApplyFs {
  let calls = 0;
  const real = fsp[name] as (...args: unknown[]) => Promise<void>;
  const wrapped = (...args: unknown[]) => (++calls === nth ? Promise.reject(new Error(`injected ${name} failure`)) : real(...args));
  return { ...fsp, [name]: wrapped };
}

describe('applyChanges', () => {
  it('writes every change, keeping CRLF endings and file modes', async () => {
    const dir = repo(FILES);
    chmodSync(join(dir, 'a.txt'), 0o755);
    await applyChanges(dir, await plan(dir, EDITS));
    expect(snapshot(dir)).toEqual({
      'a.txt': 'one\r\nTWO\r\nthree\r\n',
      'b.txt': 'y\n',
      new: '<dir>',
      'new/dir': '<dir>',
      'new/dir/c.txt': 'c\n',
    });
    expect(statSync(join(dir, 'a.txt')).mode & 0o777).toBe(0o755);
  });

  it('changes nothing when a temporary file cannot be written', async () => {
    const dir = repo(FILES);
    const changes = await plan(dir, EDITS);
    const before = snapshot(dir);
    await expect(applyChanges(dir, changes, failingOn('writeFile', 3))).rejects.toThrow(/could not write new\/dir\/c.txt: injected writeFile failure; no file was changed/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('puts back files already replaced when a later rename fails', async () => {
    const dir = repo(FILES);
    const changes = await plan(dir, [EDITS[2], EDITS[0], EDITS[1]]);
    const before = snapshot(dir);
    await expect(applyChanges(dir, changes, failingOn('rename', 3))).rejects.toThrow(/could not replace b.txt: injected rename failure; no file was changed/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('changes nothing when a target became a directory after planning', async () => {
    const dir = repo(FILES);
    const changes = await plan(dir, [EDITS[0], { path: 'd.txt', search: [], replace: ['d'] }]);
    mkdirSync(join(dir, 'd.txt'));
    const before = snapshot(dir);
    await expect(applyChanges(dir, changes)).rejects.toThrow(ApplyError);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses to overwrite a file that changed since planning', async () => {
    const dir = repo(FILES);
    const changes = await plan(dir, EDITS);
    writeFileSync(join(dir, 'b.txt'), 'user work\n');
    await expect(applyChanges(dir, changes)).rejects.toThrow(/b.txt changed since the edits were planned/);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('user work\n');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(FILES['a.txt']);
  });

  it('refuses changes that point outside the repository or into .git', async () => {
    const dir = repo(FILES);
    await expect(applyChanges(dir, [{ path: '../evil.txt', before: null, after: 'x' }])).rejects.toThrow(/outside the repository/);
    await expect(applyChanges(dir, [{ path: '.git/config', before: null, after: 'x' }])).rejects.toThrow(/inside .git/);
    expect(snapshot(dir)).toEqual(FILES);
  });
});
