import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brandFileFor } from '../agents/marketing/draft-request';
import { checkParts } from '../agents/marketing/nodes/analyze';
import { recentPosts } from '../agents/marketing/nodes/context';
import { DEFAULT_BRAND, loadBrand } from '../agents/marketing/quality/brand';
import { RecentIndex } from '../agents/marketing/quality/gates';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import type { MarketPost } from '../store/market-posts';
import { actor, postsNamed } from './market-post-ids';
import { renderPostSummary } from './market-render';

/** In the editor and in --file, the posts of a thread are separated by a line holding only "---". */
const SEPARATOR = /\n-{3,}\n/;

function editInEditor(ctx: Context, post: MarketPost): string {
  const editor = ctx.env.VISUAL || ctx.env.EDITOR || 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'biz-post-'));
  try {
    const file = join(dir, `post-${post.id}.txt`);
    writeFileSync(file, `${post.parts.join('\n---\n')}\n`);
    const done = spawnSync(editor, [file], { stdio: 'inherit', shell: true });
    if (done.status !== 0) throw new UsageError(`the editor (${editor}) exited with ${done.status ?? done.signal}; post ${post.id} is unchanged`);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function marketEdit([id]: string[], flags: { text?: string; file?: string; brand?: string }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const [post] = postsNamed(ctx, [id]);
  if (post.status === 'published') throw new UsageError(`post ${post.id} is already published (${post.xUrl})`);
  if (flags.text !== undefined && flags.file) throw new UsageError('give the new text with --text or --file, not both');
  let text: string;
  if (flags.text !== undefined) text = flags.text;
  else if (flags.file) text = readFileSync(resolve(ctx.cwd, flags.file), 'utf8');
  else if (ctx.output.interactive) text = editInEditor(ctx, post);
  else throw new UsageError('no terminal to open an editor in', `Give the new text: biz market edit ${post.id} --text "..." (or --file F; separate thread posts with a line "---")`);
  const parts = text.split(SEPARATOR).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new UsageError(`the new text is empty; post ${post.id} is unchanged`, `To drop it: biz market reject ${post.id}`);
  const link = /\bhttps?:\/\/\S+/.exec(parts.join('\n'))?.[0] ?? null;
  const brandFile = brandFileFor(ctx, flags.brand);
  const brand = brandFile ? loadBrand(brandFile) : DEFAULT_BRAND;
  const store = ctx.store();
  const checked = checkParts(parts, link, brand, new RecentIndex(recentPosts(store.marketPosts, post.id)));
  const who = await actor(ctx);
  store.write(() => {
    store.marketPosts.revise(post.id, { parts, link, ...checked });
    store.audit.record({ tenant: ctx.tenant, subject: who, runId: post.runId, event: 'market.edited', detail: { post: post.id } });
  });
  process.stdout.write(renderPostSummary(store.marketPosts.get(post.id)!));
  process.stderr.write(post.status === 'approved' ? `post ${post.id} changed, so it is back in review: biz market approve ${post.id}\n` : '');
  return 0;
}
