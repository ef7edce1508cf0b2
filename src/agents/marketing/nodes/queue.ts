import type { RunContext } from '../../runtime/context';
import type { DraftStateType, QueuedPost } from '../state';

/**
 * Puts the candidates in the review queue. A schedule's --auto-approve-above approves a candidate that passed every
 * gate with at least that score; anything else waits for a person. Writing the local queue is no external side
 * effect, so it needs no Action; run again after a crash, it keeps the rows it wrote (unique run and variant).
 */
export function queueNode(ctx: RunContext) {
  return (state: DraftStateType): Partial<DraftStateType> => {
    const { input } = state;
    const queued: QueuedPost[] = ctx.store.write(() =>
      state.candidates.map((c, variant) => {
        const auto = input.autoApproveAbove !== undefined && c.passed && c.score >= input.autoApproveAbove;
        const post = ctx.store.marketPosts.add({
          runId: ctx.runId,
          variant,
          campaign: input.campaign,
          brief: input.brief,
          status: auto ? 'approved' : 'review',
          parts: c.parts,
          hashtags: c.hashtags,
          link: c.link ?? undefined,
          mediaPath: input.media?.path,
          mediaAlt: c.mediaAlt ?? undefined,
          score: c.score,
          passed: c.passed,
          reasons: c.reasons,
          approvedBy: auto ? `${input.origin} (score ${c.score} >= ${input.autoApproveAbove})` : undefined,
        });
        return { id: post.id, status: post.status as QueuedPost['status'], score: post.score, passed: post.passed, reasons: post.reasons, parts: post.parts };
      }),
    );
    for (const q of queued) ctx.emit('message', { text: `queued post ${q.id}: ${q.status === 'approved' ? 'approved' : 'waiting for review'}, score ${q.score}${q.passed ? '' : ' (a gate failed)'}` });
    return { queued };
  };
}
