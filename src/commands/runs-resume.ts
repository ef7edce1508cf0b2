import { loadAgent } from '../agents/registry';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { printJson } from '../ui/messages';
import { runAgentSession } from './agent-session';
import { findRun } from './find-run';

export default async function runsResume([id]: string[], opts: { json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const run = findRun(ctx, id);
  const agent = await loadAgent(run.agent);
  if (!agent) throw new UsageError(`run ${run.id} belongs to agent "${run.agent}", which this biz does not have`);
  const outcome = await runAgentSession(ctx, agent, { resume: run });
  if (opts.json) printJson(outcome);
  return 0;
}
