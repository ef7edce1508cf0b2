import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './git/run-git';

const SYMBOL_PATTERNS: [RegExp, RegExp][] = [
  [/\.(?:[cm]?[jt]sx?)$/, /^export\s+(?:default\s+)?(?:async\s+)?(?:function\*?|class|const|let|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm],
  [/\.py$/, /^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/gm],
  [/\.go$/, /^(?:func(?:\s+\([^)]*\))?|type)\s+([A-Za-z_]\w*)/gm],
  [/\.rs$/, /^pub\s+(?:async\s+)?(?:fn|struct|enum|trait|type)\s+([A-Za-z_]\w*)/gm],
  [/\.(?:java|kt|cs)$/, /^\s*(?:public\s+)?(?:abstract\s+|final\s+|static\s+)*(?:class|interface|enum|record)\s+([A-Za-z_]\w*)/gm],
  [/\.rb$/, /^\s*(?:def|class|module)\s+([A-Za-z_][\w.?!]*)/gm],
];
const MAX_SYMBOL_FILE_BYTES = 256 * 1024;

function symbolsOf(path: string, text: string): string[] {
  const entry = SYMBOL_PATTERNS.find(([ext]) => ext.test(path));
  if (!entry) return [];
  return [...text.matchAll(entry[1])].map((m) => m[1]);
}

/**
 * What the model sees of a repository before it asks for files: every tracked path, with the top-level symbols of
 * source files, trimmed to a character budget (about 4 characters a token). Files listed first keep their symbols
 * when the budget runs out; past that only paths, then a count of what was left out.
 */
export async function buildRepoMap(dir: string, budgetChars: number): Promise<string> {
  const files = (await git(dir, ['ls-files', '-z'])).split('\0').filter(Boolean).sort();
  const lines: string[] = [];
  let used = 0;
  for (let i = 0; i < files.length; i++) {
    const path = files[i];
    let symbols: string[] = [];
    try {
      if (statSync(join(dir, path)).size <= MAX_SYMBOL_FILE_BYTES) symbols = symbolsOf(path, readFileSync(join(dir, path), 'utf8'));
    } catch {
      // Submodules and deleted files have no readable content: the path alone is listed.
    }
    const full = symbols.length ? `${path}: ${symbols.join(', ')}` : path;
    const line = used + full.length + 1 <= budgetChars ? full : path;
    if (used + line.length + 1 > budgetChars) {
      lines.push(`… and ${files.length - i} more files`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return lines.join('\n');
}
