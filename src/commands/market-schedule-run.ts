import { existsSync, readFileSync } from 'node:fs';
import { dueOccurrence } from '../agents/marketing/schedule';
import type { Context } from '../core/context';
import { nowMs } from '../core/clock';
import { exitCodeOf } from '../core/errors';
import { redact } from '../core/redact';
import { printJson, printError } from '../ui/messages';

interface Fired {
  schedule: number;
  occurrence: number;
  runId?: string;
  queued?: { id: number; status: string; score: number }[];
  error?: string;
}

/**
 * The cron entry for schedules: drafts for every schedule with an occurrence due since it last fired (missed ones
 * collapse into one). Each occurrence is claimed before drafting, so overlapping ticks never draft it twice; a
 * draft that fails is reported and its run can be resumed with `biz runs resume`.
 */
export default async function marketScheduleRun(_args: string[], flags: { json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const now = nowMs(ctx.env);
  const store = ctx.store();
  const due: { id: number; firedAt: number | null; occurrence: number }[] = [];
  for (const s of store.marketSchedules.list()) {
    const occurrence = await dueOccurrence(s, now);
    if (occurrence !== undefined) due.push({ id: s.id, firedAt: s.firedAt, occurrence });
  }
  const fired: Fired[] = [];
  let exitCode = 0;
  for (const { id, firedAt, occurrence } of due) {
    if (!store.marketSchedules.claim(id, firedAt, now)) continue;
    const schedule = store.marketSchedules.get(id)!;
    const done: Fired = { schedule: id, occurrence };
    fired.push(done);
    try {
      if (!existsSync(schedule.briefFile)) throw new Error(`the brief file ${schedule.briefFile} is gone: biz market schedule remove ${id}, then add it again`);
      const [{ marketingAgent }, { draftInputFrom }, { runAgentSession }] = await Promise.all([
        import('../agents/marketing/agent'),
        import('../agents/marketing/draft-request'),
        import('./agent-session'),
      ]);
      const input = draftInputFrom(ctx, {
        brief: readFileSync(schedule.briefFile, 'utf8'),
        campaign: schedule.campaign,
        variants: schedule.variants,
        autoApproveAbove: schedule.autoApproveAbove ?? undefined,
        origin: `schedule ${id}`,
      });
      const outcome = await runAgentSession(ctx, marketingAgent, { input });
      done.runId = outcome.runId;
      done.queued = (outcome.result as import('../agents/marketing/agent').DraftResult).queued.map(({ id: postId, status, score }) => ({ id: postId, status, score }));
    } catch (err) {
      done.error = redact((err as Error).message);
      exitCode = Math.max(exitCode, exitCodeOf(err));
      if (!flags.json) printError(`schedule ${id}: ${done.error}`);
    }
  }
  if (flags.json) printJson({ fired });
  else for (const f of fired.filter((x) => x.queued)) process.stdout.write(`schedule ${f.schedule}: ${f.queued!.map((q) => `#${q.id} ${q.status} (score ${q.score})`).join(', ')}\n`);
  return exitCode;
}
