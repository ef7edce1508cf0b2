import { readFile, realpath } from 'node:fs/promises';
import { closestLines } from './closest';
import { ignoredPaths } from './ignored';
import { findSearch, reindent } from './match';
import { normalizeRelative, resolveTarget, type Target } from './paths';
import { parseText, serialize, spliceLines, type TextDoc } from './text';
import type { Edit, EditFailure, FileChange, PlanResult } from './types';

export interface PlanOptions {
  /** Repository-relative paths git ignores that may still be edited. */
  allowIgnored: readonly string[];
}

/** The first bytes looked at for a NUL byte, as git does. */
const BINARY_PROBE = 8000;

interface FileState {
  before: string | null;
  doc: TextDoc | null;
}

type Resolved = Target & { ok: true };

/**
 * Resolves every edit against in-memory copies of the files (edits to one file apply in order, each to the result
 * of the previous one) and returns the new contents, or every reason that the batch cannot apply. Writes nothing.
 */
export async function planEdits(repoRoot: string, edits: readonly Edit[], opts: PlanOptions = { allowIgnored: [] }): Promise<PlanResult> {
  const rootReal = await realpath(repoRoot);
  const failures: EditFailure[] = [];
  const fail = (edit: Edit, f: Omit<EditFailure, 'block' | 'path'>) => failures.push({ block: edit.block, path: edit.path, ...f });

  const targets = new Map<string, Target>();
  for (const edit of edits) if (!targets.has(edit.path)) targets.set(edit.path, await resolveTarget(rootReal, edit.path));
  const resolved = [...targets.values()].filter((t): t is Resolved => t.ok);
  const ignored = await ignoredPaths(rootReal, [...new Set(resolved.map((t) => t.rel))]);
  const allowed = new Set(opts.allowIgnored.map((p) => normalizeRelative(p)));

  const files = new Map<string, FileState | 'binary'>();
  for (const edit of edits) {
    const target = targets.get(edit.path)!;
    if (!target.ok) {
      fail(edit, { reason: target.reason, message: target.message });
      continue;
    }
    if (ignored.has(target.rel) && !allowed.has(target.rel) && !allowed.has(normalizeRelative(edit.path))) {
      fail(edit, { reason: 'ignored', message: `${edit.path} is ignored by git; it is edited only when named explicitly as allowed` });
      continue;
    }
    let state = files.get(target.rel);
    if (!state) {
      state = await load(target);
      files.set(target.rel, state);
    }
    if (state === 'binary') {
      fail(edit, { reason: 'binary', message: `${edit.path} is binary (a NUL byte, or not UTF-8 text) and is never edited` });
      continue;
    }
    const failure = applyEdit(state, edit);
    if (failure) fail(edit, failure);
  }
  if (failures.length > 0) return { ok: false, failures };

  const changes: FileChange[] = [];
  for (const [path, state] of files) {
    if (state === 'binary' || !state.doc) continue;
    const after = serialize(state.doc);
    if (after !== state.before) changes.push({ path, before: state.before, after });
  }
  return { ok: true, changes };
}

async function load(target: Resolved): Promise<FileState | 'binary'> {
  if (!target.exists) return { before: null, doc: null };
  const bytes = await readFile(target.abs);
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) return 'binary';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return 'binary';
  }
  return { before: text, doc: parseText(text) };
}

/** Applies one edit to the evolving copy, or says why it cannot. */
function applyEdit(state: FileState, edit: Edit): Omit<EditFailure, 'block' | 'path'> | undefined {
  const { path, search, replace } = edit;
  if (search.length === 0) {
    if (state.doc && state.doc.lines.length > 0) {
      return { reason: 'file-exists', message: `${path} already exists and is not empty; an empty SEARCH section only creates new files` };
    }
    state.doc = spliceLines(state.doc ?? parseText(''), 0, 0, replace);
    return undefined;
  }
  if (!state.doc) {
    return { reason: 'missing-file', message: `${path} does not exist; to create it, leave the SEARCH section empty` };
  }
  const doc = state.doc;
  const match = findSearch(doc.lines, search);
  if (match.kind === 'ambiguous') {
    const matchLines = match.starts.map((s) => s + 1);
    return {
      reason: 'ambiguous',
      matchLines,
      message: `the SEARCH text matches ${matchLines.length} places in ${path} (lines ${matchLines.join(', ')}); include more surrounding lines so it matches exactly one`,
    };
  }
  if (match.kind === 'none') {
    const already = replace.length > 0 && findSearch(doc.lines, replace).kind !== 'none';
    return {
      reason: 'no-match',
      closest: closestLines(doc.lines, search),
      message: `the SEARCH text is not in ${path}` + (already ? '; its REPLACE lines are already there, so this edit may have been made already' : ''),
    };
  }
  const found = doc.lines.slice(match.start, match.start + search.length);
  const replacement = match.level === 'indentation' ? reindent(found, search, replace) : replace;
  if (!replacement) {
    return {
      reason: 'indentation',
      closest: { startLine: match.start + 1, lines: found },
      message: `the SEARCH text matches lines ${match.start + 1}-${match.start + search.length} of ${path} only when indentation is ignored, and it is off by different amounts on different lines; copy the lines with their exact indentation`,
    };
  }
  state.doc = spliceLines(doc, match.start, search.length, replacement);
  return undefined;
}
