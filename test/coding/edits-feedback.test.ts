import { describe, expect, it } from 'vitest';
import { formatFailuresForModel, parseEdits, planEdits, type EditFailure } from '../../src/agents/coding/edits';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers';

describe('formatFailuresForModel', () => {
  it('turns a failed batch into a correction request with the closest lines', async () => {
    const dir = tempDir('biz-feedback-');
    writeFileSync(join(dir, 'calc.js'), 'function add(a, b) {\n  return a + b;\n}\n\nfunction sub(a, b) {\n  return a - b;\n}\n');
    const answer = [
      'calc.js',
      '<<<<<<< SEARCH',
      'function sub(x, y) {',
      '  return x - y;',
      '=======',
      'function sub(x, y) {',
      '  return x - y - 0;',
      '>>>>>>> REPLACE',
      '',
      '<<<<<<< SEARCH',
      'x',
      '=======',
      'y',
      '>>>>>>> REPLACE',
    ].join('\n');
    const { edits, errors } = parseEdits(answer);
    const result = await planEdits(dir, edits);
    if (result.ok) throw new Error('expected a failure');
    const text = formatFailuresForModel(result.failures, errors);
    expect(text).toBe(
      [
        '2 of your SEARCH/REPLACE blocks could not be used, so no file was changed: edits apply all or nothing.',
        '',
        '## Block 2 (line 10 of your answer)',
        'Malformed block: no file path: write the path on its own line just before "<<<<<<< SEARCH".',
        '',
        '## Block 1: calc.js',
        'the SEARCH text is not in calc.js.',
        'The closest lines in calc.js are lines 5-6:',
        '```',
        'function sub(a, b) {',
        '  return a - b;',
        '```',
        'Copy the SEARCH lines exactly from the file, with every character, comment and blank line.',
        '',
        'Reply with the complete set of SEARCH/REPLACE blocks again, the ones that were fine included, with the failed ones fixed. ' +
          'Each block: the file path on its own line, then <<<<<<< SEARCH, the exact current lines, =======, the new lines, >>>>>>> REPLACE.',
      ].join('\n'),
    );
  });

  it('uses a longer fence when the lines hold one', () => {
    const failure: EditFailure = { block: 1, path: 'README.md', reason: 'no-match', message: 'the SEARCH text is not in README.md', closest: { startLine: 3, lines: ['```sh', 'npm test', '```'] } };
    expect(formatFailuresForModel([failure])).toContain('lines 3-5:\n````\n```sh\nnpm test\n```\n````\n');
  });

  it('stays within its size bound and counts what it left out', () => {
    const long = Array.from({ length: 100 }, (_, i) => `${'x'.repeat(300)} ${i}`);
    const failures: EditFailure[] = Array.from({ length: 40 }, (_, i) => ({
      block: i + 1,
      path: `f${i}.txt`,
      reason: 'no-match',
      message: `the SEARCH text is not in f${i}.txt`,
      closest: { startLine: 1, lines: long },
    }));
    const text = formatFailuresForModel(failures, [], { maxChars: 6000 });
    expect(text.length).toBeLessThanOrEqual(6000);
    expect(text).toMatch(/^40 of your SEARCH\/REPLACE blocks/);
    expect(text).toMatch(/lines 1-100:\n```\nx{200}…\n[^]*\(\d+ more lines not shown\)/);
    expect(text).toMatch(/\(\d+ more problems not shown\)/);
    expect(text).toMatch(/Reply with the complete set/);
    expect(text).not.toContain('x'.repeat(201));
  });

  it('tells the model how to fix each kind of refusal', () => {
    const text = formatFailuresForModel([
      { block: 1, path: '../x', reason: 'outside-repo', message: '../x is outside the repository' },
      { block: 2, path: 'a', reason: 'ambiguous', message: 'the SEARCH text matches 2 places in a (lines 1, 3)', matchLines: [1, 3] },
      { block: 3, path: 'dist/x.js', reason: 'ignored', message: 'dist/x.js is ignored by git' },
    ]);
    expect(text).toContain('Use a path relative to the repository root that stays inside it.');
    expect(text).toContain('Add unchanged lines around the SEARCH text until it matches only one place.');
    expect(text).toContain('change their sources instead');
  });
});
