import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitToNewBranch, deleteOwnBranch } from '../../src/agents/coding/git/commit-branch';
import { tempDir } from '../helpers';

const author = { name: 'Dev', email: 'dev@example.invalid' };
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', `user.email=${author.email}`, '-c', `user.name=${author.name}`, ...args], { cwd, encoding: 'utf8' }).trim();
}

function repo(): { dir: string; base: string } {
  const dir = tempDir('biz-plumbing-');
  writeFileSync(join(dir, 'a.txt'), 'one\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  writeFileSync(join(dir, 'a.txt'), 'user edit, not committed\n');
  git(dir, 'add', 'a.txt');
  return { dir, base: git(dir, 'rev-parse', 'HEAD') };
}

describe('a new branch made with plumbing', () => {
  it('never touches the working copy, the index or HEAD; a repeat of the same change is found, not redone', async () => {
    const { dir, base } = repo();
    const files = [{ path: 'a.txt', content: 'two\n' }, { path: 'new/b.txt', content: 'b\n' }];
    const made = await commitToNewBranch(dir, { branch: 'biz/x', base, message: 'Change a\n\nbecause', files, author });
    expect(made.created).toBe(true);
    expect(git(dir, 'show', 'biz/x:a.txt')).toBe('two');
    expect(git(dir, 'show', 'biz/x:new/b.txt')).toBe('b');
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(base);
    expect(git(dir, 'status', '--porcelain')).toBe('M  a.txt');
    const again = await commitToNewBranch(dir, { branch: 'biz/x', base, message: 'Change a\n\nbecause', files, author });
    expect(again).toEqual({ ...made, created: false });
    await expect(commitToNewBranch(dir, { branch: 'biz/x', base, message: 'other', files: [{ path: 'a.txt', content: 'three\n' }], author })).rejects.toThrow(
      /branch biz\/x already exists with other content; biz never overwrites a branch/,
    );
  });

  it('undo deletes the branch only while it is still biz\'s commit', async () => {
    const { dir, base } = repo();
    const made = await commitToNewBranch(dir, { branch: 'biz/y', base, message: 'm', files: [{ path: 'a.txt', content: 'y\n' }], author });
    git(dir, 'stash', '-q');
    git(dir, 'checkout', '-q', 'biz/y');
    writeFileSync(join(dir, 'c.txt'), 'the user builds on it\n');
    git(dir, 'add', 'c.txt');
    git(dir, 'commit', '-qm', 'user work');
    git(dir, 'checkout', '-q', 'main');
    expect(await deleteOwnBranch(dir, 'biz/y', made.commit)).toBe('kept');
    expect(git(dir, 'branch', '--list', 'biz/y')).toContain('biz/y');

    const other = await commitToNewBranch(dir, { branch: 'biz/z', base, message: 'm', files: [{ path: 'a.txt', content: 'z\n' }], author });
    expect(await deleteOwnBranch(dir, 'biz/z', other.commit)).toBe('deleted');
    expect(await deleteOwnBranch(dir, 'biz/z', other.commit)).toBe('gone');
  });
});
