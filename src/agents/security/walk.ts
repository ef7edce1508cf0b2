import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScanWarning } from './findings';

export interface WalkedFile {
  abs: string;
  rel: string; // forward slashes
}

export interface WalkOptions {
  /** Respect .gitignore files and .git/info/exclude (off with --no-ignore). */
  gitignore: boolean;
  /** Extra gitignore-syntax patterns relative to the root (.bizignore path lines, policy path ignores). */
  extraIgnores: string[];
  warn(w: ScanWarning): void;
  /** Counted, not yielded. */
  onIgnored(): void;
}

interface Scope {
  base: string; // rel dir of the .gitignore, '' for root
  rules: Ignore;
}

function readIgnoreFile(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split(/\r?\n/);
  } catch {
    return [];
  }
}

function ignoredBy(scopes: Scope[], rel: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const sub = scope.base ? rel.slice(scope.base.length + 1) : rel;
    if (sub && scope.rules.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

/**
 * Yields every regular file under root once, depth first, without reading contents. Symbolic links are not
 * followed (no loops, nothing outside the tree); `.git` is never entered; unreadable directories become warnings.
 * Synchronous: listing a directory is quick, and a promise per file would cost more than the listing.
 */
export function* walkTree(root: string, opts: WalkOptions): Generator<WalkedFile> {
  const rootScope: Scope = { base: '', rules: ignore().add(opts.extraIgnores) };
  if (opts.gitignore) rootScope.rules.add(readIgnoreFile(join(root, '.git', 'info', 'exclude')));
  const stack: { abs: string; rel: string; scopes: Scope[] }[] = [{ abs: root, rel: '', scopes: [rootScope] }];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let scopes = dir.scopes;
    if (opts.gitignore && existsSync(join(dir.abs, '.gitignore'))) {
      scopes = [...scopes, { base: dir.rel, rules: ignore().add(readIgnoreFile(join(dir.abs, '.gitignore'))) }];
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir.abs, { withFileTypes: true });
    } catch (err) {
      opts.warn({ file: dir.rel || '.', message: `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      continue;
    }
    const subdirs: { abs: string; rel: string; scopes: Scope[] }[] = [];
    for (const entry of entries) {
      const rel = dir.rel ? `${dir.rel}/${entry.name}` : entry.name;
      const abs = join(dir.abs, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === '.git') continue;
        if (ignoredBy(scopes, rel, true)) {
          opts.onIgnored();
          continue;
        }
        subdirs.push({ abs, rel, scopes });
      } else if (entry.isFile()) {
        if (ignoredBy(scopes, rel, false)) {
          opts.onIgnored();
          continue;
        }
        yield { abs, rel };
      }
    }
    // Sorted so that the stack pops directories in name order.
    stack.push(...subdirs.sort((a, b) => (a.rel < b.rel ? 1 : -1)));
  }
}
