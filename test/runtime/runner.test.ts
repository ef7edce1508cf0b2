import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, run, tempDir, waitFor } from '../helpers';
import { linesOf } from '../support/test-agent';

const SCRIPT = join(ROOT, 'test/support/run-agent.ts');

function agentProcess(home: string, args: string[]) {
  return run(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { env: cleanEnv(home) });
}

function db(home: string) {
  return new Database(join(home, 'biz', 'data', 'tenants', 'default', 'biz.db'), { readonly: true });
}

function runRow(home: string, id?: string): { id: string; status: string } | undefined {
  const path = join(home, 'biz', 'data', 'tenants', 'default', 'biz.db');
  if (!existsSync(path)) return undefined;
  const d = db(home);
  try {
    return (id ? d.prepare('SELECT id, status FROM runs WHERE id = ?').get(id) : d.prepare('SELECT id, status FROM runs ORDER BY started_at DESC LIMIT 1').get()) as never;
  } catch {
    return undefined;
  } finally {
    d.close();
  }
}

function actionStatuses(home: string, runId: string): Record<string, string> {
  const d = db(home);
  try {
    const rows = d.prepare('SELECT idempotency_key, status FROM actions WHERE run_id = ?').all(runId) as { idempotency_key: string; status: string }[];
    return Object.fromEntries(rows.map((r) => [r.idempotency_key.split(':').pop(), r.status]));
  } finally {
    d.close();
  }
}

describe('agent runtime in real processes', () => {
  let home: string;
  beforeAll(() => {
    home = tempDir();
  });

  it('executes approved actions once with --yes and records the run', async () => {
    const out = join(home, 'yes.txt');
    const r = await agentProcess(home, ['run', JSON.stringify({ out, items: ['a', 'b'] }), '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const outcome = JSON.parse(r.stdout);
    expect(outcome.status).toBe('succeeded');
    expect(linesOf(out).map((l) => l.split(' ')[0])).toEqual(['a', 'b']);
    expect(actionStatuses(home, outcome.runId)).toEqual({ a: 'executed', b: 'executed' });
    const d = db(home);
    const types = (d.prepare('SELECT type FROM run_events WHERE run_id = ? ORDER BY id').pluck().all(outcome.runId) as string[]);
    d.close();
    expect(types[0]).toBe('run.started');
    expect(types).toContain('action.proposed');
    expect(types).toContain('action.approved');
    expect(types.filter((t) => t === 'action.executed')).toHaveLength(2);
    expect(types.at(-1)).toBe('run.finished');
  });

  it('exits 5 at once without a TTY or --yes, then resumes with --yes and runs each action once', async () => {
    const out = join(home, 'headless.txt');
    const first = await agentProcess(home, ['run', JSON.stringify({ out, items: ['x', 'y'] })]);
    expect(first.code).toBe(5);
    expect(first.stderr).toMatch(/needs approval for 2 action/);
    expect(first.stderr).toMatch(/biz runs resume \w+ --yes/);
    const id = /resume (\w+) --yes/.exec(first.stderr)![1];
    expect(runRow(home, id)?.status).toBe('waiting-approval');
    expect(linesOf(out)).toEqual([]);
    const second = await agentProcess(home, ['resume', id, '--yes']);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(runRow(home, id)?.status).toBe('succeeded');
    expect(linesOf(out).map((l) => l.split(' ')[0])).toEqual(['x', 'y']);
    const third = await agentProcess(home, ['resume', id, '--yes']);
    expect(third.code).toBe(2);
    expect(third.stderr).toMatch(/succeeded; there is nothing to resume/);
    expect(linesOf(out)).toHaveLength(2);
  });

  it('--dry-run stops at the previews and writes nothing', async () => {
    const out = join(home, 'dry.txt');
    const r = await agentProcess(home, ['run', JSON.stringify({ out, items: ['d'] }), '--dry-run']);
    expect(r.code).toBe(0);
    const outcome = JSON.parse(r.stdout);
    expect(outcome.status).toBe('dry-run');
    expect(outcome.actions).toEqual([{ kind: 'append-line', target: out, status: 'skipped', preview: `append "d" to ${out}` }]);
    expect(existsSync(out)).toBe(false);
  });

  it('kill -9 mid-run, then resume in a new process: completes with no repeated action', async () => {
    const home = tempDir();
    const out = join(home, 'killed.txt');
    const gate = join(home, 'gate');
    const child = agentProcess(home, ['run', JSON.stringify({ out, items: ['p', 'q'], waitFile: gate }), '--yes']);
    const started = await waitFor(() => runRow(home), 'the run to start');
    // The plan node is waiting on the gate file: kill the process there, like a crash.
    await waitFor(() => {
      const d = db(home);
      const n = d.prepare("SELECT count(*) FROM run_events WHERE run_id = ? AND type = 'node.started'").pluck().get(started.id) as number;
      d.close();
      return n > 0;
    }, 'the plan node to start');
    child.child.kill('SIGKILL');
    const dead = await child;
    expect(dead.signal).toBe('SIGKILL');
    expect(runRow(home, started.id)?.status).toBe('running');
    writeFileSync(gate, '');
    const resumed = await agentProcess(home, ['resume', started.id, '--yes']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(linesOf(out).map((l) => l.split(' ')[0])).toEqual(['p', 'q']);
  });

  it('a crash between two actions: the finished one is not repeated, the interrupted one runs once', async () => {
    const home = tempDir();
    const out = join(home, 'mid-action.txt');
    const first = await agentProcess(home, ['run', JSON.stringify({ out, items: ['a', 'b', 'c'], killOn: 'b' }), '--yes']);
    expect(first.signal).toBe('SIGKILL');
    expect(linesOf(out).map((l) => l.split(' ')[0])).toEqual(['a']);
    const id = runRow(home)!.id;
    expect(actionStatuses(home, id)).toEqual({ a: 'executed', b: 'executing', c: 'approved' });
    const resumed = await agentProcess(home, ['resume', id, '--yes']);
    expect(resumed.code).toBe(0);
    expect(linesOf(out).map((l) => l.split(' ')[0])).toEqual(['a', 'b', 'c']);
    expect(actionStatuses(home, id)).toEqual({ a: 'executed', b: 'executed', c: 'executed' });
  });
});
