import { parse, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';

type ParseResult = { ast: File } | { error: { line?: number; message: string } };

function pluginsFor(path: string, text: string): ParserPlugin[] {
  if (/\.tsx$/i.test(path)) return ['typescript', 'jsx', 'decorators-legacy'];
  if (/\.[mc]?ts$/i.test(path)) return ['typescript', 'decorators-legacy'];
  return text.includes('@flow') ? ['jsx', 'flow'] : ['jsx'];
}

export function parseJavaScript(path: string, text: string): ParseResult {
  try {
    const ast = parse(text, {
      sourceType: 'unambiguous',
      plugins: pluginsFor(path, text),
      errorRecovery: true,
      attachComment: false,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowSuperOutsideMethod: true,
      allowUndeclaredExports: true,
      allowNewTargetOutsideFunction: true,
    });
    return { ast };
  } catch (error) {
    const { loc, message } = error as { loc?: { line: number }; message: string };
    return { error: { line: loc?.line, message: String(message) } };
  }
}
