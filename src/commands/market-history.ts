import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { printJson } from '../ui/messages';
import { renderTable } from '../ui/table';

export default async function marketHistory(_args: string[], flags: { limit?: string; json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const limit = Number(flags.limit ?? 20);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not "${flags.limit}"`);
  const ctx = await context();
  const posts = ctx.store().marketPosts.history({ limit });
  if (flags.json) {
    printJson(posts);
    return 0;
  }
  if (posts.length === 0) {
    process.stderr.write('nothing published yet\n');
    return 0;
  }
  const rows = posts.map((p) => [
    `#${p.id}`,
    new Date(p.publishedAt!).toISOString().replace('T', ' ').slice(0, 16),
    p.campaign ?? '-',
    p.slackStatus ?? '-',
    p.xUrl ?? '-',
    p.parts[0].replace(/\s+/g, ' ').slice(0, 60),
  ]);
  process.stdout.write(renderTable(['POST', 'PUBLISHED (UTC)', 'CAMPAIGN', 'SLACK', 'URL', 'TEXT'], rows));
  return 0;
}
