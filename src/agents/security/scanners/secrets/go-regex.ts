/**
 * Go RE2 regex source -> JavaScript. Covers what gitleaks configurations use: leading flag groups, (?i) in the
 * middle or scoped (?i:...) (by spelling out both cases), (?P<name>), \A, \z, \Q...\E and POSIX classes.
 * Anything else JavaScript rejects comes back as an error.
 */
export type GoRegexResult = { regex: RegExp } | { error: string };

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  ascii: '\\x00-\\x7F',
  blank: ' \\t',
  digit: '0-9',
  lower: 'a-z',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '\\w',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
};

export function translateGoRegex(goSource: string, extraFlags = ''): GoRegexResult {
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(goSource);
  let flags = extraFlags;
  let source = goSource;
  if (leading) {
    if (/[^ims]/.test(leading[1])) return { error: `unsupported flags (?${leading[1]})` };
    flags += leading[1];
    source = source.slice(leading[0].length);
  }
  source = source
    .replace(/\\Q(.*?)(?:\\E|$)/g, (_, literal: string) => literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '(?<![\\s\\S])')
    .replace(/\\z/g, '(?![\\s\\S])')
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole, negated: string, name: string) =>
      negated === '' && POSIX_CLASSES[name] ? POSIX_CLASSES[name] : whole,
    );
  try {
    source = expandInlineCaseFolding(source);
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (/\\[pP]/.test(source)) flags += 'u';
  try {
    return { regex: new RegExp(source, [...new Set(flags)].join('')) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Rewrites `(?i)` (to the end of its group) and `(?i:...)`, which Node 20 cannot run, as explicit case classes. */
function expandInlineCaseFolding(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const flag = /^\(\?([a-zA-Z-]+)(\)|:)/.exec(source.slice(i, i + 12));
    if (flag) {
      if (flag[1] !== 'i') throw new Error(`unsupported inline flags (?${flag[1]}${flag[2]}`);
      const folded = foldCase(source, i + flag[0].length);
      out += flag[2] === ':' ? `(?:${folded.out})` : folded.out;
      i = flag[2] === ':' ? folded.end + 1 : folded.end;
      continue;
    }
    const step = source[i] === '\\' ? escapeEnd(source, i) - i : source[i] === '[' ? classEnd(source, i) - i : 1;
    out += source.slice(i, i + step);
    i += step;
  }
  return out;
}

/** Folds from `start` to the `)` closing the current group (not consumed) or the end. */
function foldCase(source: string, start: number): { out: string; end: number } {
  let out = '';
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const ch = source[i];
    if (ch === ')' && depth === 0) break;
    const groupOpening = ch === '(' ? /^\(\?(?:<[A-Za-z_]\w*>|<[=!]|[:=!])/.exec(source.slice(i)) : null;
    if (ch === '\\') {
      const end = escapeEnd(source, i);
      out += source.slice(i, end);
      i = end;
    } else if (ch === '[') {
      const end = classEnd(source, i);
      out += foldClass(source.slice(i, end));
      i = end;
    } else if (groupOpening) {
      depth++;
      out += groupOpening[0];
      i += groupOpening[0].length;
    } else {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      out += /[a-zA-Z]/.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch;
      i++;
    }
  }
  return { out, end: i };
}

/** Index just past the escape sequence at `at`: \xHH, \uHHHH, \x{...}, \p{...}, or one character. */
function escapeEnd(source: string, at: number): number {
  const long = /^\\(?:[xpP]\{[^}]*\}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[pP][A-Za-z])/.exec(source.slice(at, at + 40));
  return at + (long ? long[0].length : 2);
}

/** Index just past the `]` closing the class that opens at `open`. */
function classEnd(source: string, open: number): number {
  let i = open + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  while (i < source.length && source[i] !== ']') i = source[i] === '\\' ? escapeEnd(source, i) : i + 1;
  if (i >= source.length) throw new Error('unterminated character class');
  return i + 1;
}

/** `[a-z0-9_]` -> `[a-z0-9_A-Z]`: adds the other case of every letter and letter range. */
function foldClass(cls: string): string {
  const body = cls.slice(1, -1);
  let extra = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      i = escapeEnd(body, i) - 1;
      continue;
    }
    const range = /^([a-zA-Z])-([a-zA-Z])/.exec(body.slice(i));
    if (range) {
      extra += swapCase(range[1]) + '-' + swapCase(range[2]);
      i += 2;
    } else if (/[a-zA-Z]/.test(body[i])) {
      extra += swapCase(body[i]);
    }
  }
  return `[${body}${extra}]`;
}

function swapCase(ch: string): string {
  return ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
}
