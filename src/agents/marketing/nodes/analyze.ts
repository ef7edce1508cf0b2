import type { RunContext } from '../../runtime/context';
import { promptTemplate } from '../../runtime/templates';
import type { Brand } from '../quality/brand';
import { checkDraft, RecentIndex } from '../quality/gates';
import { splitThread } from '../quality/thread';
import { critiqueSchema, type DraftStateType, type ScoredCandidate } from '../state';

const HASHTAG = /(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu;

export const hashtagsOf = (text: string): string[] => [...text.matchAll(HASHTAG)].map((m) => `#${m[1]}`);

/** The posts a candidate becomes: one, or a thread split at sentence boundaries; the link goes at the end of the first post. */
export function partsOf(text: string, link: string | null, thread: boolean): string[] {
  const withLink = link && !text.includes(link) ? `${text.trim()} ${link}` : text.trim();
  return thread ? splitThread(withLink, { numbering: true }) : [withLink];
}

/** The quality check of a post's final parts (the same for a fresh draft and a person's edit). */
export function checkParts(parts: string[], link: string | null, brand: Brand, recent: RecentIndex): { hashtags: string[]; score: number; passed: boolean; reasons: string[] } {
  const hashtags = hashtagsOf(parts.join('\n'));
  const result = checkDraft({ text: parts[0], thread: parts, hashtags, link: link ?? undefined }, { brand, recent });
  return { hashtags, score: result.score, passed: result.passed, reasons: result.reasons };
}

/** Hard gates and a score with reasons for every candidate; with --critique, the model's verdict joins the reasons. */
export function analyzeNode(ctx: RunContext) {
  return async (state: DraftStateType): Promise<Partial<DraftStateType>> => {
    const recent = new RecentIndex(state.recent);
    const candidates: ScoredCandidate[] = state.candidates.map((c) => {
      const parts = partsOf(c.text, c.link, state.input.thread);
      return { ...c, parts, ...checkParts(parts, c.link, state.brand, recent) };
    });
    if (state.input.critique) await addCritique(ctx, state, candidates);
    return { candidates };
  };
}

async function addCritique(ctx: RunContext, state: DraftStateType, candidates: ScoredCandidate[]): Promise<void> {
  const model = await ctx.model();
  const reply = await model.invoke(
    [
      { role: 'system', content: promptTemplate('market-critique') },
      { role: 'user', content: `Brief: ${state.input.brief}\n\n${candidates.map((c, i) => `Candidate ${i + 1}:\n${c.parts.join('\n---\n')}`).join('\n\n')}` },
    ],
    { schema: critiqueSchema, name: 'critiques', temperature: 0 },
  );
  reply.parsed!.critiques.forEach((critique, i) => candidates[i]?.reasons.push(`model critique (${critique.verdict}): ${critique.note}`));
}

/** Another round of revision while some candidate is below the bar and revisions are left. */
export function needsRevision(state: DraftStateType): boolean {
  return state.revisions < state.input.maxRevisions && state.candidates.some((c) => !c.passed || c.score < state.input.minScore);
}
