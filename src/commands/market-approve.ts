import type { Context } from '../core/context';
import { nowMs } from '../core/clock';
import { UsageError } from '../core/errors';
import { parseWhen } from '../ui/when';
import { actor, postsNamed } from './market-post-ids';

export default async function marketApprove(ids: string[], flags: { at?: string }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const posts = postsNamed(ctx, ids);
  const publishAt = flags.at ? parseWhen(flags.at, nowMs(ctx.env)) : null;
  for (const post of posts) {
    if (post.status === 'published') throw new UsageError(`post ${post.id} is already published (${post.xUrl})`);
    if (!post.passed) {
      const failed = post.reasons.filter((r) => !/^[+-]?\d/.test(r)).slice(0, 3).join('; ');
      throw new UsageError(`post ${post.id} failed a quality gate and would be refused: ${failed || post.reasons.join('; ')}`, `Fix it with: biz market edit ${post.id}`);
    }
  }
  const who = await actor(ctx);
  const store = ctx.store();
  store.write(() => {
    for (const post of posts) {
      store.marketPosts.setStatus(post.id, 'approved', { approvedBy: who, publishAt });
      store.audit.record({ tenant: ctx.tenant, subject: who, runId: post.runId, event: 'market.approved', detail: { post: post.id, publishAt } });
    }
  });
  const when = publishAt ? `to go out at ${new Date(publishAt).toISOString()}` : 'to go out on the next biz market publish';
  process.stderr.write(`approved ${posts.map((p) => `#${p.id}`).join(' ')} ${when}\n`);
  return 0;
}
