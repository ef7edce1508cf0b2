import type { MarketPost } from '../store/market-posts';

type Summary = Pick<MarketPost, 'id' | 'status' | 'score' | 'passed' | 'reasons' | 'parts'>;

/** One post as a block of text: id, status, score, the posts of a thread, and what the checks said. */
export function renderPostSummary(post: Summary & Partial<Pick<MarketPost, 'campaign' | 'publishAt' | 'lastError'>>): string {
  const head = [`#${post.id}`, post.status, `score ${post.score}${post.passed ? '' : ' (a gate failed)'}`];
  if (post.campaign) head.push(`campaign ${post.campaign}`);
  if (post.publishAt) head.push(`at ${new Date(post.publishAt).toISOString().replace('T', ' ').slice(0, 16)} UTC`);
  const parts = post.parts.map((p, i) => (post.parts.length > 1 ? `  ${i + 1}. ${p}` : `  ${p}`).replace(/\n/g, '\n     '));
  const reasons = post.reasons.map((r) => `    · ${r}`);
  const error = post.lastError ? [`    ! ${post.lastError}`] : [];
  return [head.join('  '), ...parts, ...reasons, ...error, ''].join('\n') + '\n';
}
