import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEdits } from '../../src/agents/coding/edits';
import { ROOT } from '../helpers';

const answer = (name: string) => readFileSync(join(ROOT, 'test/fixtures/coding/answers', name), 'utf8');

describe('parseEdits', () => {
  it('reads blocks with paths, fences and markdown decorations', () => {
    const { edits, errors } = parseEdits(answer('good.md'));
    expect(errors).toEqual([]);
    expect(edits.map((e) => [e.block, e.path])).toEqual([
      [1, 'src/greet.ts'],
      [2, 'src/app.ts'],
      [3, 'src/app.ts'],
      [4, 'README.md'],
    ]);
    expect(edits[0].search).toEqual([]);
    expect(edits[0].replace).toEqual(['export function greet(name: string): string {', '  return `Hello, ${name}!`;', '}']);
    expect(edits[2]).toMatchObject({ line: 27, search: ["  console.log('hi');"], replace: ["  console.log(greet('world'));"] });
    expect(edits[3].replace).toEqual(['# app', '', 'Greets the world.']);
  });

  it('reports every malformed block with its number and what is wrong', () => {
    const { edits, errors } = parseEdits(answer('malformed.md'));
    expect(edits).toEqual([{ block: 5, line: 29, path: 'src/c.ts', search: ['five'], replace: ['cinq'] }]);
    expect(errors.map((e) => [e.block, e.line])).toEqual([
      [1, 2],
      [2, 6],
      [3, 13],
      [4, 20],
      [6, 38],
      [7, 41],
    ]);
    expect(errors[0].message).toMatch(/missing the "=======" line/);
    expect(errors[1].message).toMatch(/no file path/);
    expect(errors[2].message).toMatch(/not a file path: "Now change the second file as follows"/);
    expect(errors[3].message).toMatch(/2 "=======" lines/);
    expect(errors[4].message).toMatch(/REPLACE" line without a "<<<<<<< SEARCH"/);
    expect(errors[5].message).toMatch(/unterminated block \(the answer ended first\)/);
  });

  it('reports a block cut short by the next one, and still reads the next one with the path written before it', () => {
    const { edits, errors } = parseEdits('a.ts\n<<<<<<< SEARCH\nx\n=======\ny\nb.ts\n<<<<<<< SEARCH\nz\n=======\nw\n>>>>>>> REPLACE\n');
    expect(errors).toEqual([{ block: 1, line: 2, message: expect.stringMatching(/a new "<<<<<<< SEARCH" at line 7 came first/) }]);
    expect(edits).toEqual([{ block: 2, line: 7, path: 'b.ts', search: ['z'], replace: ['w'] }]);
  });

  it('keeps fences and marker-like text inside a block, accepts CRLF answers and quoted paths with spaces', () => {
    const text = ['`docs/my notes.md`', '<<<<<<< SEARCH', '```', 'old', '```', '=======', '```', 'new', '```', '>>>>>>> REPLACE', ''].join('\r\n');
    const { edits, errors } = parseEdits(text);
    expect(errors).toEqual([]);
    expect(edits).toEqual([{ block: 1, line: 2, path: 'docs/my notes.md', search: ['```', 'old', '```'], replace: ['```', 'new', '```'] }]);
  });

  it('finds nothing in an answer without blocks', () => {
    expect(parseEdits('No changes are needed.\n')).toEqual({ edits: [], errors: [] });
  });
});
