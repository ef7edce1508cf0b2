/**
 * Where a SEARCH text sits in a file, tried at three strictness levels in turn (exact, then ignoring trailing
 * whitespace, then ignoring leading and trailing whitespace). The first level with any match decides: one match
 * is used, several are ambiguous. Nothing looser is ever tried.
 */
export type MatchLevel = 'exact' | 'trailing-whitespace' | 'indentation';

const LEVELS: { level: MatchLevel; key: (line: string) => string }[] = [
  { level: 'exact', key: (l) => l },
  { level: 'trailing-whitespace', key: (l) => l.trimEnd() },
  { level: 'indentation', key: (l) => l.trim() },
];

export type MatchResult =
  | { kind: 'none' }
  | { kind: 'unique'; level: MatchLevel; start: number }
  | { kind: 'ambiguous'; level: MatchLevel; starts: number[] };

export function findSearch(lines: readonly string[], search: readonly string[]): MatchResult {
  for (const { level, key } of LEVELS) {
    const want = search.map(key);
    const got = lines.map(key);
    const starts: number[] = [];
    for (let s = 0; s + want.length <= got.length; s++) {
      let i = 0;
      while (i < want.length && got[s + i] === want[i]) i++;
      if (i === want.length) starts.push(s);
    }
    if (starts.length === 1) return { kind: 'unique', level, start: starts[0] };
    if (starts.length > 1) return { kind: 'ambiguous', level, starts };
  }
  return { kind: 'none' };
}

const indentOf = (line: string) => /^\s*/.exec(line)![0];

/** Indentation to add to (or remove from) the start of each line. */
interface Shift {
  add: boolean;
  prefix: string;
}

/** How the model's indentation of a line differs from the file's, or undefined if not by a common prefix. */
function shiftBetween(fileLine: string, modelLine: string): Shift | undefined {
  const file = indentOf(fileLine);
  const model = indentOf(modelLine);
  if (file.length >= model.length && file.endsWith(model)) return { add: true, prefix: file.slice(0, file.length - model.length) };
  if (model.endsWith(file)) return { add: false, prefix: model.slice(0, model.length - file.length) };
  return undefined;
}

/**
 * The replacement re-indented by the offset between the SEARCH lines and the file lines they matched (a prefix
 * added or removed on every non-blank line). Undefined when the offset differs between lines, or a replacement line
 * lacks the indentation to remove: then there is no single answer and the model must copy the lines exactly.
 */
export function reindent(found: readonly string[], search: readonly string[], replace: readonly string[]): string[] | undefined {
  let shift: Shift | undefined;
  for (let i = 0; i < search.length; i++) {
    if (search[i].trim() === '') continue;
    const s = shiftBetween(found[i], search[i]);
    if (!s || (shift && (s.add !== shift.add || s.prefix !== shift.prefix))) return undefined;
    shift = s;
  }
  if (!shift || shift.prefix === '') return [...replace];
  const out: string[] = [];
  for (const line of replace) {
    if (line.trim() === '') out.push(line);
    else if (shift.add) out.push(shift.prefix + line);
    else if (line.startsWith(shift.prefix)) out.push(line.slice(shift.prefix.length));
    else return undefined;
  }
  return out;
}
