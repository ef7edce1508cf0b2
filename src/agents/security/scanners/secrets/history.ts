import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { FileScanner, Finding } from '../../findings';
import { COMMIT_FORMAT, GitLogDiffParser, type AddedRun } from './git-log-diff';

export interface HistoryScanOptions {
  /** A date (YYYY-MM-DD...) limits the log to newer commits; anything else is a revision whose history is skipped. */
  since?: string;
}

const STDERR_KEEP = 4096;

function logArguments(since: string | undefined): string[] {
  const args = [
    '-c', 'core.quotePath=false',
    'log', '-p', '-U0', '--no-color', '--no-ext-diff', '--full-history', '--all', `--format=${COMMIT_FORMAT}`,
  ];
  if (since === undefined) return args;
  if (/^\d{4}-\d{2}-\d{2}/.test(since)) return [...args, `--since=${since}`];
  if (since.startsWith('-') || /\s/.test(since)) throw new Error(`not a revision or date: ${JSON.stringify(since)}`);
  return [...args, `^${since}`, '--'];
}

/**
 * Scans the lines every commit added, on every branch, streaming `git log -p`. Each finding carries its commit and
 * its line in that commit's version of the file; one finding per secret and commit.
 */
export function scanGitHistory(repoDir: string, scanner: FileScanner, opts: HistoryScanOptions = {}): Promise<Finding[]> {
  return new Promise((resolve, reject) => {
    const args = logArguments(opts.since);
    const findings = new Map<string, Finding>();
    const parser = new GitLogDiffParser((run) => {
      for (const finding of scanRun(scanner, run)) {
        const key = `${finding.fingerprint}\0${finding.commit}`;
        if (!findings.has(key)) findings.set(key, finding);
      }
    });
    const git = spawn('git', args, { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let stderr = '';
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      git.kill();
      reject(err);
    };
    git.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + decoder.write(chunk)).split('\n');
      pending = lines.pop() ?? '';
      try {
        for (const line of lines) parser.push(line);
      } catch (err) {
        fail(err as Error);
      }
    });
    git.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEEP) stderr += chunk.toString('utf8');
    });
    git.on('error', (err) => fail(new Error(`cannot run git in ${repoDir}: ${err.message}`)));
    git.on('close', (code) => {
      if (failed) return;
      if (code !== 0) {
        fail(new Error(`git log failed in ${repoDir} (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`));
        return;
      }
      try {
        const rest = pending + decoder.end();
        if (rest !== '') parser.push(rest);
        parser.end();
        resolve([...findings.values()]);
      } catch (err) {
        fail(err as Error);
      }
    });
  });
}

function scanRun(scanner: FileScanner, run: AddedRun): Finding[] {
  if (!scanner.accepts(run.path)) return [];
  const offset = run.startLine - 1;
  return scanner.scan({ path: run.path, text: run.lines.join('\n') }, () => {}).map((f) => ({
    ...f,
    line: f.line + offset,
    endLine: f.endLine === undefined ? undefined : f.endLine + offset,
    commit: run.commit,
  }));
}
