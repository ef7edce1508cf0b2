import { bytesOf, type Finding, type FileScanner, type ScanWarning, type SourceFile } from '../../findings';
import { analyzeJavaScript } from './javascript/analyze';
import { parseJavaScript } from './javascript/parse';
import { triggeredBy, worthParsing } from './prefilter';
import { analyzePython } from './python/analyze';
import { FindingCollector } from '../../finding-collector';
import { CODE_RULES, type Language } from './rules';

export { CODE_RULES };

const MAX_BYTES = 2 * 1024 * 1024;
const JAVASCRIPT = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const DECLARATIONS = /\.d\.[cm]?ts$/i;
const PYTHON = /\.py$/i;

function languageOf(path: string): Language | undefined {
  if (PYTHON.test(path)) return 'py';
  if (JAVASCRIPT.test(path) && !DECLARATIONS.test(path)) return 'js';
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

function scanFile(file: SourceFile, warn: (warning: ScanWarning) => void): Finding[] {
  const language = languageOf(file.path);
  if (!language) return [];
  const triggers = triggeredBy(language, bytesOf(file));
  if (triggers === 0 || file.text.length > MAX_BYTES || !worthParsing(language, triggers, file.text)) return [];
  const collector = new FindingCollector(file.path, file.text);
  if (language === 'js') {
    const parsed = parseJavaScript(file.path, file.text);
    if ('error' in parsed) {
      warn({ file: file.path, line: lineAt(file.text, parsed.error.offset), message: `could not parse as JavaScript/TypeScript: ${parsed.error.message}` });
      return [];
    }
    analyzeJavaScript(parsed.program, file.text, collector);
  } else {
    const outcome = analyzePython(file.path, file.text, collector);
    if (!outcome.ok) {
      warn({ file: file.path, line: lineAt(file.text, outcome.errorOffset), message: 'could not parse as Python: syntax error' });
      return [];
    }
  }
  return collector.findings();
}

/** The SAST scanner for JavaScript/TypeScript and Python: parses each file and checks the parse tree. */
export function createCodeScanner(): FileScanner {
  return {
    name: 'code',
    rules: CODE_RULES,
    accepts: (path) => languageOf(path) !== undefined,
    scan: scanFile,
  };
}
