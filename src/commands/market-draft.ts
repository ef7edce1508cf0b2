import { marketingAgent, type DraftResult } from '../agents/marketing/agent';
import { draftInputFrom } from '../agents/marketing/draft-request';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { printJson } from '../ui/messages';
import { runAgentSession } from './agent-session';
import { renderPostSummary } from './market-render';

interface DraftFlags {
  campaign?: string;
  variants?: string;
  thread?: boolean;
  media?: string;
  brand?: string;
  critique?: boolean;
  json?: boolean;
}

export default async function marketDraft([brief]: string[], flags: DraftFlags, context: () => Promise<Context>): Promise<number> {
  if (brief === undefined) throw new UsageError('give the brief as an argument', 'e.g. biz market draft "announce our 2.0 release"');
  const ctx = await context();
  const input = draftInputFrom(ctx, { ...flags, brief, variants: flags.variants === undefined ? undefined : Number(flags.variants) });
  const outcome = await runAgentSession(ctx, marketingAgent, { input });
  const result = outcome.result as DraftResult;
  if (flags.json) {
    printJson({ runId: outcome.runId, status: outcome.status, ...result, usage: outcome.usage });
    return 0;
  }
  for (const post of result.queued) process.stdout.write(renderPostSummary(post));
  const waiting = result.queued.filter((p) => p.status === 'review').map((p) => p.id);
  if (waiting.length > 0) process.stderr.write(`\nReview, then: biz market approve ${waiting.join(' ')}   (or edit / reject)\n`);
  return 0;
}
