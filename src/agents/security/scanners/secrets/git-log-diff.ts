/** Lines a commit added to one file, contiguous in the new version of the file. */
export interface AddedRun {
  commit: string;
  path: string;
  /** 1-based line number of the first line in the new file. */
  startLine: number;
  lines: string[];
}

/** Starts each commit in `git log --format=<COMMIT_MARKER>%H` output. */
export const COMMIT_MARKER = '\x1e';
export const COMMIT_FORMAT = '%x1e%H';

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/**
 * Incremental parser of `git log -p -U0` output, fed line by line: reports the added lines of every file of every
 * commit with their line numbers in the new file. Deleted files and binary diffs report nothing.
 */
export class GitLogDiffParser {
  private commit = '';
  private path: string | undefined;
  private inHunk = false;
  private nextLine = 0;
  private run: AddedRun | undefined;

  constructor(private readonly onRun: (run: AddedRun) => void) {}

  push(line: string): void {
    if (line.startsWith(COMMIT_MARKER)) {
      this.flush();
      this.commit = line.slice(COMMIT_MARKER.length).trim();
      this.path = undefined;
      this.inHunk = false;
    } else if (line.startsWith('diff --git ')) {
      this.flush();
      this.path = undefined;
      this.inHunk = false;
    } else if (!this.inHunk) {
      if (line.startsWith('+++ ')) this.path = newPath(line.slice(4));
      else this.startHunk(line);
    } else if (line.startsWith('+')) {
      this.add(line.slice(1));
    } else if (line.startsWith(' ')) {
      this.flush();
      this.nextLine++;
    } else if (line.startsWith('@@')) {
      this.startHunk(line);
    } else if (!line.startsWith('-') && !line.startsWith('\\')) {
      this.flush();
      this.inHunk = false;
    }
  }

  /** Call once after the last line. */
  end(): void {
    this.flush();
  }

  private startHunk(line: string): void {
    const header = HUNK_HEADER.exec(line);
    if (!header) return;
    this.flush();
    this.inHunk = true;
    this.nextLine = Number(header[1]);
  }

  private add(text: string): void {
    if (this.path === undefined) return;
    if (this.run && this.run.startLine + this.run.lines.length !== this.nextLine) this.flush();
    this.run ??= { commit: this.commit, path: this.path, startLine: this.nextLine, lines: [] };
    this.run.lines.push(text.endsWith('\r') ? text.slice(0, -1) : text);
    this.nextLine++;
  }

  private flush(): void {
    if (this.run) this.onRun(this.run);
    this.run = undefined;
  }
}

/** `b/src/a.ts`, `"b/name with \"quotes\""` or `/dev/null` (deleted) -> repository path, or undefined. */
function newPath(field: string): string | undefined {
  const raw = field.replace(/\t$/, '');
  if (raw === '/dev/null') return undefined;
  const unquoted = raw.startsWith('"') ? unquoteC(raw.slice(1, -1)) : raw;
  return unquoted.startsWith('b/') ? unquoted.slice(2) : unquoted;
}

/** git's C-style quoting: \" \\ \t \n and octal bytes of UTF-8 sequences. */
function unquoteC(s: string): string {
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 };
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      bytes.push(...Buffer.from(s[i], 'utf8'));
    } else if (/[0-7]{3}/.test(s.slice(i + 1, i + 4))) {
      bytes.push(parseInt(s.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[s[i + 1]] ?? s.charCodeAt(i + 1));
      i++;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
