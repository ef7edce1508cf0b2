import type { EditFailure, LineWindow, ParseError } from './types';

export interface FeedbackOptions {
  /** Upper bound on the text's length, in characters. */
  maxChars?: number;
}

const MAX_LINES = 30;
const MAX_LINE_CHARS = 200;

function fenced(lines: readonly string[]): string {
  let fence = '```';
  while (lines.some((l) => l.includes(fence))) fence += '`';
  return `${fence}\n${lines.join('\n')}\n${fence}`;
}

/** The window's lines, as many as fit in `budget` characters (and at most MAX_LINES), each cut at MAX_LINE_CHARS. */
function showWindow(path: string, w: LineWindow, budget: number): string {
  const shown: string[] = [];
  let size = 0;
  for (const line of w.lines.slice(0, MAX_LINES)) {
    const cut = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
    if (shown.length > 0 && size + cut.length + 1 > budget) break;
    shown.push(cut);
    size += cut.length + 1;
  }
  const last = w.startLine + w.lines.length - 1;
  const rest = w.lines.length - shown.length;
  return `The closest lines in ${path} are lines ${w.startLine}-${last}:\n${fenced(shown)}${rest > 0 ? `\n(${rest} more lines not shown)` : ''}`;
}

const HOW_TO_FIX: Record<EditFailure['reason'], string> = {
  'outside-repo': 'Use a path relative to the repository root that stays inside it.',
  'git-dir': 'Never edit anything under .git.',
  'not-a-file': 'Edit regular files only; check the path.',
  binary: 'Do not edit binary files.',
  ignored: 'Do not edit files git ignores (build output, dependencies, local settings); change their sources instead.',
  'no-match': 'Copy the SEARCH lines exactly from the file, with every character, comment and blank line.',
  indentation: 'Copy the SEARCH lines exactly from the file, with their indentation.',
  ambiguous: 'Add unchanged lines around the SEARCH text until it matches only one place.',
  'missing-file': 'Check the path, or use an empty SEARCH section to create the file.',
  'file-exists': 'Edit the existing file with SEARCH/REPLACE blocks instead of recreating it.',
};

function section(f: EditFailure, budget: number): string {
  const parts = [`## Block ${f.block}: ${f.path}`, `${f.message}.`];
  if (f.closest) parts.push(showWindow(f.path, f.closest, budget - 400));
  parts.push(HOW_TO_FIX[f.reason]);
  return parts.join('\n');
}

const parseSection = (e: ParseError) => `## Block ${e.block} (line ${e.line} of your answer)\nMalformed block: ${e.message}.`;

/**
 * What goes back to the model when its edits could not be applied: each failure with the file's closest lines and
 * how to fix it, then what to send next. Never longer than `maxChars` (default 8000); failures that do not fit are
 * counted instead of shown.
 */
export function formatFailuresForModel(failures: readonly EditFailure[], parseErrors: readonly ParseError[] = [], opts: FeedbackOptions = {}): string {
  const maxChars = opts.maxChars ?? 8000;
  const total = failures.length + parseErrors.length;
  const intro = `${total} of your SEARCH/REPLACE blocks could not be used, so no file was changed: edits apply all or nothing.\n`;
  const outro =
    '\nReply with the complete set of SEARCH/REPLACE blocks again, the ones that were fine included, with the failed ones fixed. ' +
    'Each block: the file path on its own line, then <<<<<<< SEARCH, the exact current lines, =======, the new lines, >>>>>>> REPLACE.';
  // The first few failures share the room; later ones are shown only if room is left.
  const perSection = Math.floor((maxChars - intro.length - outro.length - 100) / Math.min(Math.max(total, 1), 3));
  const sections = [...parseErrors.map(parseSection), ...failures.map((f) => section(f, perSection))];
  let body = '';
  let shown = 0;
  for (const s of sections) {
    const rest = sections.length - shown - 1;
    const note = rest > 0 ? `\n(${rest} more problems not shown)\n` : '';
    if (intro.length + body.length + s.length + 2 + note.length + outro.length > maxChars) break;
    body += `\n${s}\n`;
    shown++;
  }
  if (shown < sections.length) body += `\n(${sections.length - shown} more problems not shown)\n`;
  return (intro + body + outro).slice(0, maxChars);
}
