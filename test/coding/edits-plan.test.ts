import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEdits, planEdits, type Edit, type PlanResult } from '../../src/agents/coding/edits';
import { ROOT, tempDir } from '../helpers';

function repo(files: Record<string, string | Buffer>, opts: { git?: boolean } = {}): string {
  const dir = tempDir('biz-edits-');
  if (opts.git) execFileSync('git', ['init', '-q'], { cwd: dir });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

let block = 0;
const edit = (path: string, search: string[], replace: string[]): Edit => ({ block: ++block, line: 1, path, search, replace });

function changes(result: PlanResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.failures)}`);
  return result.changes;
}

function failures(result: PlanResult) {
  if (result.ok) throw new Error('expected failures');
  return result.failures;
}

describe('planEdits: good edits', () => {
  it('plans several files, several edits to one file and a new file, writing nothing', async () => {
    const dir = repo({
      'src/app.ts': "import { run } from './run';\n\nexport function main() {\n  console.log('hi');\n  run();\n}\n",
      'README.md': '# app\n',
    });
    const { edits } = parseEdits(readFileSync(join(ROOT, 'test/fixtures/coding/answers/good.md'), 'utf8'));
    const planned = changes(await planEdits(dir, edits));
    expect(planned).toEqual([
      { path: 'src/greet.ts', before: null, after: 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n' },
      {
        path: 'src/app.ts',
        before: "import { run } from './run';\n\nexport function main() {\n  console.log('hi');\n  run();\n}\n",
        after: "import { run } from './run';\nimport { greet } from './greet';\n\nexport function main() {\n  console.log(greet('world'));\n  run();\n}\n",
      },
      { path: 'README.md', before: '# app\n', after: '# app\n\nGreets the world.\n' },
    ]);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# app\n');
  });

  it('applies later edits to the result of earlier ones', async () => {
    const dir = repo({ 'a.txt': 'one\ntwo\n' });
    const planned = changes(await planEdits(dir, [edit('a.txt', ['two'], ['deux']), edit('./a.txt', ['deux'], ['zwei', 'drei'])]));
    expect(planned).toEqual([{ path: 'a.txt', before: 'one\ntwo\n', after: 'one\nzwei\ndrei\n' }]);
  });

  it('creates a file in new directories, fills an empty file, and drops edits that change nothing', async () => {
    const dir = repo({ 'empty.txt': '', 'same.txt': 'x\n' });
    const planned = changes(await planEdits(dir, [edit('new/deep/f.txt', [], ['hi']), edit('empty.txt', [], ['filled']), edit('same.txt', ['x'], ['x'])]));
    expect(planned).toEqual([
      { path: 'new/deep/f.txt', before: null, after: 'hi\n' },
      { path: 'empty.txt', before: '', after: 'filled\n' },
    ]);
  });

  it('deletes lines with an empty REPLACE section', async () => {
    const dir = repo({ 'a.txt': 'a\nb\nc\n' });
    expect(changes(await planEdits(dir, [edit('a.txt', ['b'], [])]))[0].after).toBe('a\nc\n');
  });

  it('edits the real file behind a symbolic link inside the repository', async () => {
    const dir = repo({ 'real/a.txt': 'x\n' });
    symlinkSync('real', join(dir, 'alias'));
    symlinkSync('real/a.txt', join(dir, 'link.txt'));
    const planned = changes(await planEdits(dir, [edit('alias/a.txt', ['x'], ['y']), edit('link.txt', ['y'], ['z'])]));
    expect(planned).toEqual([{ path: 'real/a.txt', before: 'x\n', after: 'z\n' }]);
  });
});

describe('planEdits: matching', () => {
  it('reports a SEARCH text that is not in the file with the closest window of lines', async () => {
    const lines = ['import x from "x";', '', 'function add(a, b) {', '  return a + b;', '}', '', 'function sub(a, b) {', '  return a - b;', '}'];
    const dir = repo({ 'm.js': lines.join('\n') + '\n' });
    const [f] = failures(await planEdits(dir, [edit('m.js', ['function sub(x, y) {', '  return x - y;', '}'], ['gone'])]));
    expect(f).toMatchObject({ reason: 'no-match', path: 'm.js', message: 'the SEARCH text is not in m.js' });
    expect(f.closest).toEqual({ startLine: 7, lines: ['function sub(a, b) {', '  return a - b;', '}'] });
  });

  it('says when the REPLACE lines are already in the file', async () => {
    const dir = repo({ 'a.txt': 'new line\n' });
    const [f] = failures(await planEdits(dir, [edit('a.txt', ['old line'], ['new line'])]));
    expect(f.message).toMatch(/REPLACE lines are already there/);
  });

  it('refuses a SEARCH text that matches twice, saying how many times and where', async () => {
    const dir = repo({ 'a.txt': 'x = 1\ny\nx = 1\n' });
    const [f] = failures(await planEdits(dir, [edit('a.txt', ['x = 1'], ['x = 2'])]));
    expect(f).toMatchObject({ reason: 'ambiguous', matchLines: [1, 3] });
    expect(f.message).toMatch(/matches 2 places in a.txt \(lines 1, 3\); include more surrounding lines/);
  });

  it('prefers an exact match to looser ones', async () => {
    const dir = repo({ 'a.txt': '  x\nx\nx  \n' });
    expect(changes(await planEdits(dir, [edit('a.txt', ['x'], ['y'])]))[0].after).toBe('  x\ny\nx  \n');
  });

  it('tolerates trailing whitespace on either side', async () => {
    const dir = repo({ 'a.txt': 'a();   \nb();\t\nc();\n' });
    expect(changes(await planEdits(dir, [edit('a.txt', ['a();', 'b();'], ['A();'])]))[0].after).toBe('A();\nc();\n');
    expect(changes(await planEdits(dir, [edit('a.txt', ['c();  '], ['C();'])]))[0].after).toBe('a();   \nb();\t\nC();\n');
  });

  it('re-indents the replacement by the indentation the SEARCH text was off by', async () => {
    const file = 'class A {\n    run() {\n        go();\n    }\n}\n';
    const dir = repo({ 'a.ts': file });
    // The model dropped the class's indentation.
    const less = changes(await planEdits(dir, [edit('a.ts', ['run() {', '    go();', '}'], ['run() {', '    go();', '', '    stop();', '}'])]));
    expect(less[0].after).toBe('class A {\n    run() {\n        go();\n\n        stop();\n    }\n}\n');
    // The model added indentation.
    const more = changes(await planEdits(dir, [edit('a.ts', ['            go();'], ['            go(1);'])]));
    expect(more[0].after).toBe('class A {\n    run() {\n        go(1);\n    }\n}\n');
  });

  it('refuses indentation that is off by different amounts on different lines, showing the lines', async () => {
    const dir = repo({ 'a.py': 'def f():\n    if x:\n        y()\n' });
    const [f] = failures(await planEdits(dir, [edit('a.py', ['if x:', 'y()'], ['if z:', '    y()'])]));
    expect(f).toMatchObject({ reason: 'indentation', closest: { startLine: 2, lines: ['    if x:', '        y()'] } });
  });

  it('refuses re-indenting a replacement line that lacks the indentation to remove', async () => {
    const dir = repo({ 'a.py': 'x = 1\n' });
    const [f] = failures(await planEdits(dir, [edit('a.py', ['    x = 1'], ['  x = 2'])]));
    expect(f.reason).toBe('indentation');
  });

  it('refuses recreating a non-empty file and editing a missing one', async () => {
    const dir = repo({ 'a.txt': 'x\n' });
    const result = failures(await planEdits(dir, [edit('a.txt', [], ['y']), edit('missing.txt', ['x'], ['y'])]));
    expect(result.map((f) => f.reason)).toEqual(['file-exists', 'missing-file']);
    expect(result[1].message).toMatch(/to create it, leave the SEARCH section empty/);
  });

  it('reports every failure in a batch, in order, with the block numbers', async () => {
    const dir = repo({ 'a.txt': 'x\n' });
    const edits = [edit('a.txt', ['nope'], ['y']), edit('a.txt', ['x'], ['z']), edit('../b.txt', ['x'], ['y'])];
    const result = failures(await planEdits(dir, edits));
    expect(result.map((f) => [f.block, f.reason])).toEqual([
      [edits[0].block, 'no-match'],
      [edits[2].block, 'outside-repo'],
    ]);
  });
});

describe('planEdits: line endings', () => {
  it('keeps CRLF, mixed endings and a missing final newline', async () => {
    const dir = repo({ 'crlf.txt': 'a\r\nb\r\nc\r\n', 'mixed.txt': 'a\nb\r\nc\n', 'nofinal.txt': 'a\nb' });
    const planned = changes(
      await planEdits(dir, [edit('crlf.txt', ['b'], ['B', 'B2']), edit('mixed.txt', ['b'], ['B']), edit('nofinal.txt', ['b'], ['B', 'C']), edit('crlf.txt', ['c'], [])]),
    );
    expect(planned.map((c) => c.after)).toEqual(['a\r\nB\r\nB2\r\n', 'a\nB\nc\n', 'a\nB\nC']);
  });

  it('keeps a missing final newline when the last line is deleted', async () => {
    const dir = repo({ 'a.txt': 'a\nb\nc' });
    expect(changes(await planEdits(dir, [edit('a.txt', ['c'], [])]))[0].after).toBe('a\nb');
  });
});

describe('planEdits: refusals', () => {
  it('refuses paths outside the repository', async () => {
    const outside = repo({ 'secret.txt': 'x\n' });
    const dir = repo({ 'a.txt': 'x\n' });
    symlinkSync(outside, join(dir, 'out'));
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'secret-link.txt'));
    const paths = ['../x.txt', 'src/../../x.txt', join(outside, 'secret.txt'), 'out/secret.txt', 'out/new.txt', 'secret-link.txt'];
    const result = failures(await planEdits(dir, paths.map((p) => edit(p, ['x'], ['y']))));
    expect(result.map((f) => [f.path, f.reason])).toEqual(paths.map((p) => [p, 'outside-repo']));
    expect(result[3].message).toMatch(/through a symbolic link/);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('x\n');
  });

  it('refuses anything under .git, however it is reached', async () => {
    const dir = repo({ 'a.txt': 'x\n' }, { git: true });
    symlinkSync('.git', join(dir, 'g'));
    const paths = ['.git/config', '.GIT/config', 'sub/.git/x', 'g/config', 'g/new-hook'];
    const result = failures(await planEdits(dir, paths.map((p) => edit(p, [], ['y']))));
    expect(result.map((f) => f.reason)).toEqual(paths.map(() => 'git-dir'));
  });

  it('refuses binary and non-UTF-8 files', async () => {
    const dir = repo({ 'img.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x0a]), 'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) });
    const result = failures(await planEdits(dir, [edit('img.png', ['PNG'], ['x']), edit('latin1.txt', ['caf'], ['x'])]));
    expect(result.map((f) => f.reason)).toEqual(['binary', 'binary']);
  });

  it('refuses directories, dangling links and paths through files', async () => {
    const dir = repo({ 'src/a.txt': 'x\n' });
    symlinkSync('nowhere', join(dir, 'dangling'));
    const result = failures(await planEdits(dir, [edit('src', ['x'], ['y']), edit('dangling', [], ['y']), edit('src/a.txt/b', [], ['y']), edit('.', [], ['y'])]));
    expect(result.map((f) => f.reason)).toEqual(['not-a-file', 'not-a-file', 'not-a-file', 'not-a-file']);
  });

  it('refuses files git ignores unless they are allowed by name', async () => {
    const dir = repo({ '.gitignore': '*.log\nbuild/\n', 'debug.log': 'x\n', 'kept.log': 'x\n', 'src/a.ts': 'x\n' }, { git: true });
    execFileSync('git', ['add', '-f', 'kept.log'], { cwd: dir });
    const edits = [edit('debug.log', ['x'], ['y']), edit('build/out.js', [], ['y']), edit('kept.log', ['x'], ['y']), edit('src/a.ts', ['x'], ['y'])];
    const refused = failures(await planEdits(dir, edits));
    expect(refused.map((f) => [f.path, f.reason])).toEqual([
      ['debug.log', 'ignored'],
      ['build/out.js', 'ignored'],
    ]);
    const allowed = changes(await planEdits(dir, edits, { allowIgnored: ['./debug.log', 'build/out.js'] }));
    expect(allowed.map((c) => c.path)).toEqual(['debug.log', 'build/out.js', 'kept.log', 'src/a.ts']);
  });

  it('has no ignored files outside a git repository', async () => {
    const dir = repo({ '.gitignore': '*.log\n', 'debug.log': 'x\n' });
    expect(changes(await planEdits(dir, [edit('debug.log', ['x'], ['y'])]))).toHaveLength(1);
  });
});
