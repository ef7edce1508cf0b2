import type { Context } from '../core/context';
import { nowMs } from '../core/clock';
import { UsageError } from '../core/errors';
import { printJson, printWarning } from '../ui/messages';

/** Longer than any publish takes; a holder that died is replaced at once anyway. */
const LEASE_MS = 15 * 60_000;

/**
 * The cron entry: publishes approved posts that are due, then tells Slack. With nothing due it answers from one
 * SQLite query and exits 0 without a word (and without loading the agent runtime).
 */
export default async function marketPublish(_args: string[], flags: { campaign?: string; json?: boolean; dryRun?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const now = nowMs(ctx.env);
  const store = ctx.store();
  if (!store.marketPosts.hasWork(now)) {
    if (flags.json) printJson({ published: [], notified: [], deferred: [] });
    return 0;
  }
  const { slackConnection, xConnection } = await import('../integrations/connections');
  if (store.marketPosts.due(now, flags.campaign).length > 0 && !(await xConnection(ctx))) {
    throw new UsageError('posts are due but X is not connected', 'Run: biz market connect x   (or set BIZ_X_API_KEY, BIZ_X_API_SECRET, BIZ_X_ACCESS_TOKEN, BIZ_X_ACCESS_SECRET, or BIZ_X_BEARER)');
  }
  const slack = await slackConnection(ctx);
  const slackChannel = slack?.channel;
  if (slack && !slackChannel) printWarning('Slack is connected but no channel is set, so no notice goes out: biz config set slack.channel "#marketing"');
  const lease = store.leases.acquire('market-publish', LEASE_MS);
  if (!lease.ok) {
    process.stderr.write(`another biz market publish is running (pid ${lease.pid}); it will publish what is due\n`);
    return 0;
  }
  try {
    const [{ marketingPublishAgent }, { runAgentSession }] = await Promise.all([import('../agents/marketing/agent'), import('./agent-session')]);
    const input = { campaign: flags.campaign, now, slackChannel };
    const outcome = await runAgentSession(ctx, marketingPublishAgent, { input }, flags.dryRun ? { mode: 'dry-run' } : { mode: 'yes' });
    const result = outcome.result as import('../agents/marketing/agent').PublishResult;
    if (flags.json) printJson({ runId: outcome.runId, status: outcome.status, ...result, actions: outcome.actions });
    else {
      for (const p of result.published) process.stdout.write(`published #${p.postId}: ${p.url}\n`);
      if (outcome.status === 'dry-run') for (const a of outcome.actions) process.stdout.write(`would ${a.kind} → ${a.target}\n${a.preview}\n\n`);
    }
    return 0;
  } finally {
    store.leases.release('market-publish');
  }
}
