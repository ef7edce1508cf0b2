import { loadAgent } from '../agents/registry';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { printInfo } from '../ui/messages';
import { findRun } from './find-run';

export default async function runsCancel([id]: string[], _opts: unknown, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const run = findRun(ctx, id);
  if (run.status === 'succeeded' || run.status === 'cancelled' || run.status === 'dry-run') {
    throw new UsageError(`run ${run.id} is already ${run.status}`);
  }
  const store = ctx.store();
  store.write(() => {
    for (const a of store.actions.forRun(run.id)) if (a.status === 'proposed') store.actions.setStatus(a.idempotencyKey, 'skipped');
    store.runs.setStatus(run.id, 'cancelled');
  });
  if (run.status === 'running' && run.pid) {
    try {
      process.kill(run.pid, 'SIGINT');
    } catch {
      // The process is gone: the run had crashed, and marking it cancelled is all there is to do.
    }
  }
  const agent = await loadAgent(run.agent);
  await agent?.release?.(ctx, run.id, run.input);
  printInfo(`✓ cancelled run ${run.id}`);
  return 0;
}
