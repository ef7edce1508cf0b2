// The two halves of oxc-parser's parseSync (both in its package exports, neither with type declarations).

declare module 'oxc-parser/src-js/bindings' {
  import type { OxcError, ParserOptions } from 'oxc-parser';

  /** Converts each field to JavaScript when it is read; fields never read are freed with the result. */
  interface NativeParseResult {
    /** The program as JSON. */
    readonly program: string;
    readonly errors: OxcError[];
  }

  export function parseSync(filename: string, sourceText: string, options?: ParserOptions): NativeParseResult;
}

declare module 'oxc-parser/src-js/wrap' {
  import type { Program } from 'oxc-parser';

  export function jsonParseAst(programJson: string): Program;
}
