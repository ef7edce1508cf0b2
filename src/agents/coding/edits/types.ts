/** One SEARCH/REPLACE block from a model's answer. Lines carry no line terminators. */
export interface Edit {
  /** 1-based number of the block in the answer. */
  block: number;
  /** 1-based line of the `<<<<<<< SEARCH` marker in the answer. */
  line: number;
  /** The path as the model wrote it (decorations such as backticks removed). */
  path: string;
  /** Empty means "create this file". */
  search: string[];
  replace: string[];
}

/** A block that could not be parsed; never skipped silently. */
export interface ParseError {
  block: number;
  line: number;
  message: string;
}

/** One file's content before and after a batch of edits. `before` is null for a new file. */
export interface FileChange {
  /** Repository-relative, POSIX separators, symlinks resolved. */
  path: string;
  before: string | null;
  after: string;
}

export type FailureReason =
  | 'outside-repo'
  | 'git-dir'
  | 'not-a-file'
  | 'binary'
  | 'ignored'
  | 'missing-file'
  | 'file-exists'
  | 'no-match'
  | 'ambiguous'
  | 'indentation';

/** Lines of a file shown back to the model; `startLine` is 1-based. */
export interface LineWindow {
  startLine: number;
  lines: string[];
}

export interface EditFailure {
  block: number;
  path: string;
  reason: FailureReason;
  message: string;
  /** For 'no-match' and 'indentation': the lines of the file most like the SEARCH text. */
  closest?: LineWindow;
  /** For 'ambiguous': the 1-based first line of every match. */
  matchLines?: number[];
}

export type PlanResult = { ok: true; changes: FileChange[] } | { ok: false; failures: EditFailure[] };
