import type { MarketPostsRepo } from '../../../store/market-posts';
import type { RunContext } from '../../runtime/context';
import { DEFAULT_BRAND, loadBrand } from '../quality/brand';
import type { DraftStateType } from '../state';

const THIRTY_DAYS_MS = 30 * 24 * 3600_000;

/** What was posted in the last 30 days or is queued: the model must not repeat it, and X rejects duplicates. */
export function recentPosts(posts: MarketPostsRepo, exceptId?: number): { id: string; text: string }[] {
  return [...posts.history({ since: Date.now() - THIRTY_DAYS_MS }), ...posts.queue()].filter((p) => p.id !== exceptId).map((p) => ({ id: String(p.id), text: p.parts.join('\n') }));
}

export function contextNode(ctx: RunContext) {
  return (state: DraftStateType): Partial<DraftStateType> => ({
    brand: state.input.brandFile ? loadBrand(state.input.brandFile) : DEFAULT_BRAND,
    recent: recentPosts(ctx.store.marketPosts),
  });
}
