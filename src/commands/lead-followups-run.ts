import type { Context } from '../core/context';
import { nowMs } from '../core/clock';
import { printJson } from '../ui/messages';
import { dayOf } from './lead-followups';

/**
 * The cron entry: puts planned follow-ups in Salesforce as Tasks and reminds owners on Slack of what is due today.
 * The leads' enrolment was the approval, as the review queue is for `market publish`. Quiet when there is nothing.
 */
export default async function leadFollowUpsRun(_args: string[], flags: { json?: boolean; dryRun?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const today = dayOf(nowMs(ctx.env));
  const store = ctx.store();
  if (!store.leadFollowUps.hasWork(today)) {
    if (flags.json) printJson({ actions: [] });
    return 0;
  }
  const { salesforceConnection, slackConnection } = await import('../integrations/connections');
  const crm = Boolean(await salesforceConnection(ctx));
  const slack = await slackConnection(ctx);
  const slackChannel = ctx.config.values.lead?.slackChannel ?? slack?.channel;
  const work = (crm && store.leadFollowUps.countWithoutTask() > 0) || (slackChannel && slack && store.leadFollowUps.dueUnnotified(today).length > 0);
  if (!work) {
    if (flags.json) printJson({ actions: [] });
    return 0;
  }
  const [{ followUpsAgent }, { runAgentSession }] = await Promise.all([import('../agents/bizdev/followups'), import('./agent-session')]);
  const outcome = await runAgentSession(ctx, followUpsAgent, { input: { today, crm, slackChannel: slack ? slackChannel : undefined } }, flags.dryRun ? { mode: 'dry-run' } : { mode: 'yes' });
  if (flags.json) printJson({ runId: outcome.runId, status: outcome.status, results: outcome.result, actions: outcome.actions });
  else for (const a of outcome.actions) process.stdout.write(`${a.status === 'executed' ? 'done' : a.status}: ${a.kind} → ${a.target}\n`);
  return 0;
}
