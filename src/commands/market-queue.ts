import type { Context } from '../core/context';
import { printJson } from '../ui/messages';
import { renderPostSummary } from './market-render';

export default async function marketQueue(_args: string[], flags: { campaign?: string; json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const posts = ctx.store().marketPosts.queue(flags.campaign);
  if (flags.json) {
    printJson(posts);
    return 0;
  }
  if (posts.length === 0) {
    process.stderr.write('the queue is empty: biz market draft "<brief>" writes some posts\n');
    return 0;
  }
  for (const post of posts) process.stdout.write(renderPostSummary(post));
  return 0;
}
