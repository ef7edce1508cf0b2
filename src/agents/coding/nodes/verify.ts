import { spawn } from 'node:child_process';
import type { RunContext } from '../../runtime/context';
import type { CheckResult, CodeStateType } from '../state';

const OUTPUT_TAIL = 6000;
const CHECK_TIMEOUT_MS = 15 * 60_000;

function runCheck(command: string, cwd: string, signal: AbortSignal): Promise<CheckResult> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd, signal, stdio: ['ignore', 'pipe', 'pipe'], timeout: CHECK_TIMEOUT_MS });
    let output = '';
    const keep = (d: Buffer) => {
      output = (output + d.toString()).slice(-OUTPUT_TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => keep(Buffer.from(`\n${err.message}\n`)));
    child.on('close', (code) => resolve({ command, exitCode: code, passed: code === 0, output }));
  });
}

/** --check runs in the scratch checkout; a failure goes back to the model with the output's tail. */
export function verifyNode(ctx: RunContext) {
  return async (state: CodeStateType): Promise<Partial<CodeStateType>> => {
    const command = state.input.check;
    if (!command) return {};
    const check = await runCheck(command, state.worktree, ctx.signal);
    return check.passed
      ? { check, feedback: '' }
      : { check, feedback: `The check \`${command}\` failed (exit ${check.exitCode}). Its output ends with:\n${check.output}` };
  };
}
