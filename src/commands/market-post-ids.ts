import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import type { MarketPost } from '../store/market-posts';

/** The posts named on the command line, all found, or a usage error naming the first that is not. */
export function postsNamed(ctx: Context, ids: string[]): MarketPost[] {
  if (ids.length === 0) throw new UsageError('name at least one post id', 'See the ids with: biz market queue');
  return ids.map((raw) => {
    const id = Number(raw.replace(/^#/, ''));
    const post = Number.isInteger(id) && id > 0 ? ctx.store().marketPosts.get(id) : undefined;
    if (!post) throw new UsageError(`there is no post ${raw}`, 'See the ids with: biz market queue');
    return post;
  });
}

/** Who is acting, for approved_by and the audit log: the logged-in user, else the OS account. */
export async function actor(ctx: Context): Promise<string> {
  const { currentIdentity } = await import('../auth/session');
  const identity = await currentIdentity(ctx).catch(() => undefined);
  if (identity) return identity.username;
  const { userInfo } = await import('node:os');
  return userInfo().username;
}
