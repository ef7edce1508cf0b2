import { parseSync, type Program } from 'oxc-parser';

type ParseResult = { program: Program } | { error: { offset: number; message: string } };

/** TypeScript for .ts/.mts/.cts, TSX for .tsx, and JavaScript with JSX for everything else. */
function languageOf(path: string): 'jsx' | 'ts' | 'tsx' {
  if (/\.tsx$/i.test(path)) return 'tsx';
  return /\.[mc]?ts$/i.test(path) ? 'ts' : 'jsx';
}

/**
 * Parses with oxc. It reports errors Babel's allow* options used to accept (top-level return, new.target outside a
 * function, ...) next to a full program, and gives an empty program when the source does not parse: only the
 * latter is a failure.
 */
export function parseJavaScript(path: string, text: string): ParseResult {
  const result = parseSync(path, text, { lang: languageOf(path), sourceType: 'unambiguous', preserveParens: false });
  const [error] = result.errors;
  const program = result.program;
  if (error && program.body.length === 0) return { error: { offset: error.labels[0]?.start ?? 0, message: error.message } };
  return { program };
}
