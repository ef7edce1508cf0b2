import { spawn } from 'node:child_process';

function git(cwd: string, args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    // git stops reading when it fails early (not a repository); its exit code and stderr say why.
    child.stdin.on('error', (e: NodeJS.ErrnoException) => e.code === 'EPIPE' || reject(e));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * Which of these repository-relative paths git ignores, asked in one `git check-ignore` call. Tracked files are
 * never reported (git's own rule). A directory that is not in a git repository ignores nothing.
 */
export async function ignoredPaths(root: string, paths: readonly string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const { code, stdout, stderr } = await git(root, ['check-ignore', '-z', '--stdin'], paths.map((p) => `${p}\0`).join(''));
  if (code === 0) return new Set(stdout.split('\0').filter(Boolean));
  if (code === 1) return new Set();
  if (/not a git repository/i.test(stderr)) return new Set();
  throw new Error(`git check-ignore failed in ${root}: ${stderr.trim() || `exit code ${code}`}`);
}
