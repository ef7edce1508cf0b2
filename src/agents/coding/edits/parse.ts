import type { Edit, ParseError } from './types';

const SEARCH = /^<{5,9} SEARCH\s*$/;
const DIVIDER = /^={5,9}\s*$/;
const REPLACE = /^>{5,9} REPLACE\s*$/;
const FENCE = /^\s*(```|~~~)/;

type Marker = 'search' | 'divider' | 'replace';

function markerOf(line: string): Marker | undefined {
  if (SEARCH.test(line)) return 'search';
  if (DIVIDER.test(line)) return 'divider';
  if (REPLACE.test(line)) return 'replace';
  return undefined;
}

/**
 * The file path written on a line of its own. Markdown decorations models add are removed: surrounding `**` or
 * backticks, leading `#`, a trailing `:`. A path with spaces must be wrapped in backticks; an unwrapped line with
 * spaces is prose, not a path.
 */
function cleanPath(line: string): string | undefined {
  let s = line.trim().replace(/^#+\s*/, '').replace(/:$/, '');
  s = s.replace(/^\*\*(.*)\*\*$/, '$1').replace(/:$/, '');
  const quoted = /^`([^`]+)`$/.exec(s);
  if (quoted) return quoted[1];
  if (s === '' || /\s/.test(s)) return undefined;
  return s;
}

/** A line that could name a file: not blank, not a code fence, not a marker. */
const isProse = (line: string) => line.trim() !== '' && !FENCE.test(line) && markerOf(line) === undefined;

interface Open {
  block: number;
  line: number;
  path: string | undefined;
  pathLine: string | undefined;
  search: string[];
  replace: string[];
  dividers: number;
}

/**
 * Parses SEARCH/REPLACE blocks (docs/edit-format.md). Every malformed block becomes an error with its number;
 * text outside blocks, including code fences, is ignored.
 */
export function parseEdits(text: string): { edits: Edit[]; errors: ParseError[] } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const edits: Edit[] = [];
  const errors: ParseError[] = [];
  let block = 0;
  let open: Open | undefined;
  let lastProse: string | undefined;

  const unterminated = (o: Open, why: string) =>
    errors.push({ block: o.block, line: o.line, message: `unterminated block (${why}): every block ends with a ">>>>>>> REPLACE" line` });

  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const marker = markerOf(line);
    if (open) {
      if (marker === 'search') {
        unterminated(open, `a new "<<<<<<< SEARCH" at line ${lineNo} came first`);
        lastProse = (open.dividers === 0 ? open.search : open.replace).findLast(isProse);
        open = undefined;
      } else if (marker === 'divider') {
        open.dividers++;
        return;
      } else if (marker === 'replace') {
        finish(open, edits, errors);
        open = undefined;
        lastProse = undefined;
        return;
      } else {
        (open.dividers === 0 ? open.search : open.replace).push(line);
        return;
      }
    }
    if (marker === 'search') {
      block++;
      open = { block, line: lineNo, path: lastProse === undefined ? undefined : cleanPath(lastProse), pathLine: lastProse, search: [], replace: [], dividers: 0 };
      lastProse = undefined;
    } else if (marker === 'replace') {
      block++;
      errors.push({ block, line: lineNo, message: 'a ">>>>>>> REPLACE" line without a "<<<<<<< SEARCH" line before it' });
      lastProse = undefined;
    } else if (isProse(line)) {
      lastProse = line;
    }
  });
  if (open) unterminated(open, 'the answer ended first');
  return { edits, errors };
}

function finish(o: Open, edits: Edit[], errors: ParseError[]): void {
  const fail = (message: string) => errors.push({ block: o.block, line: o.line, message });
  if (o.dividers === 0) return void fail('missing the "=======" line between the SEARCH and REPLACE sections');
  if (o.dividers > 1) return void fail(`${o.dividers} "=======" lines; a block has exactly one, between SEARCH and REPLACE`);
  if (o.pathLine === undefined) return void fail('no file path: write the path on its own line just before "<<<<<<< SEARCH"');
  if (o.path === undefined) return void fail(`the line before "<<<<<<< SEARCH" is not a file path: ${JSON.stringify(o.pathLine.trim())}`);
  edits.push({ block: o.block, line: o.line, path: o.path, search: o.search, replace: o.replace });
}
