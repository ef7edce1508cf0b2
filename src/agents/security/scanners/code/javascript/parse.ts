import type { Program } from 'oxc-parser';
import { parseSync } from 'oxc-parser/src-js/bindings';
import { jsonParseAst } from 'oxc-parser/src-js/wrap';

type ParseResult = { program: Program } | { error: { offset: number; message: string } };

/** TypeScript for .ts/.mts/.cts, TSX for .tsx, and JavaScript with JSX for everything else. */
function languageOf(path: string): 'jsx' | 'ts' | 'tsx' {
  if (/\.tsx$/i.test(path)) return 'tsx';
  return /\.[mc]?ts$/i.test(path) ? 'ts' : 'jsx';
}

/**
 * Parses with oxc. It reports errors Babel's allow* options used to accept (top-level return, new.target outside a
 * function, ...) next to a full program, and gives an empty program when the source does not parse: only the
 * latter is a failure. oxc-parser's own parseSync also converts every comment and the module record to JavaScript
 * objects, which cost as much as a tenth of parsing a large commented file; only the program and errors are read.
 */
export function parseJavaScript(path: string, text: string): ParseResult {
  const result = parseSync(path, text, { lang: languageOf(path), sourceType: 'unambiguous', preserveParens: false });
  const [error] = result.errors;
  const program = jsonParseAst(result.program);
  if (error && program.body.length === 0) return { error: { offset: error.labels[0]?.start ?? 0, message: error.message } };
  return { program };
}
