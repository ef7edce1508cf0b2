/** Runs the real `Sarif.Multitool validate` on a SARIF log (skips with a reason unless BIZ_TEST_STRICT=1). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { ROOT } from '../helpers';

const MULTITOOL = join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
const work = mkdtempSync(join(tmpdir(), 'biz-sarif-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Issue {
  ruleId: string;
  level: string;
  text: string;
}

/** Runs `Sarif.Multitool validate` and reads back its own SARIF log: it exits 0 even when it finds errors. */
export function validate(name: string, sarif: string): { ran: true; errors: Issue[]; warnings: Issue[] } | { ran: false; reason: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64') return { ran: false, reason: `the multitool binary is linux-x64 only, this is ${process.platform}-${process.arch}` };
  if (!existsSync(MULTITOOL)) return { ran: false, reason: `${MULTITOOL} is not installed` };
  const input = join(work, `${name}.sarif`);
  const output = join(work, `${name}.validation.sarif`);
  writeFileSync(input, sarif);
  const run = spawnSync(MULTITOOL, ['validate', input, '--output', output, '--log', 'ForceOverwrite', '--quiet'], {
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    encoding: 'utf8',
  });
  if (run.error) return { ran: false, reason: `could not start the multitool: ${run.error.message}` };
  if (run.status !== 0 || !existsSync(output)) return { ran: false, reason: `the multitool failed (exit ${run.status}): ${run.stdout}${run.stderr}` };
  const log = JSON.parse(readFileSync(output, 'utf8'));
  const issues: Issue[] = (log.runs[0].results ?? []).map((r: { ruleId: string; level?: string; message: { text?: string; arguments?: string[] } }) => ({
    ruleId: r.ruleId,
    level: r.level ?? 'warning',
    text: [r.message.text, ...(r.message.arguments ?? [])].filter(Boolean).join(' '),
  }));
  const notifications = (log.runs[0].invocations ?? []).flatMap((i: { toolExecutionNotifications?: { level?: string; message: { text: string } }[] }) => i.toolExecutionNotifications ?? []);
  const failures = notifications.filter((n: { level?: string }) => n.level === 'error').map((n: { message: { text: string } }) => ({ ruleId: 'notification', level: 'error', text: n.message.text }));
  return { ran: true, errors: [...issues.filter((i) => i.level === 'error'), ...failures], warnings: issues.filter((i) => i.level === 'warning') };
}

export function expectValid(name: string, sarif: string) {
  const result = validate(name, sarif);
  if (!result.ran) {
    if (process.env.BIZ_TEST_STRICT === '1') throw new Error(`SARIF validation could not run: ${result.reason}`);
    console.warn(`skipping SARIF multitool validation: ${result.reason}`);
    return;
  }
  expect(result.errors).toEqual([]);
  return result;
}

