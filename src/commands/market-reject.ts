import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { actor, postsNamed } from './market-post-ids';

export default async function marketReject(ids: string[], _flags: unknown, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const posts = postsNamed(ctx, ids);
  const published = posts.find((p) => p.status === 'published');
  if (published) throw new UsageError(`post ${published.id} is already published (${published.xUrl}); delete it on X if it must go`);
  const who = await actor(ctx);
  const store = ctx.store();
  store.write(() => {
    for (const post of posts) {
      store.marketPosts.setStatus(post.id, 'rejected');
      store.audit.record({ tenant: ctx.tenant, subject: who, runId: post.runId, event: 'market.rejected', detail: { post: post.id } });
    }
  });
  process.stderr.write(`rejected ${posts.map((p) => `#${p.id}`).join(' ')}\n`);
  return 0;
}
