import type { RunContext } from '../../runtime/context';
import { promptTemplate } from '../../runtime/templates';
import type { Brand } from '../quality/brand';
import { candidatesSchema, type Candidate, type DraftStateType, type ScoredCandidate } from '../state';

const RECENT_SHOWN = 10;

function brandText(brand: Brand): string {
  const lines = [brand.voice ? `Voice:\n${brand.voice}` : 'Voice: clear, friendly, concrete.'];
  if (brand.avoid.length > 0) lines.push(`Never use these words or phrases: ${brand.avoid.join(', ')}`);
  lines.push(`Hashtags: at most ${brand.hashtags.max}${brand.hashtags.required.length ? `; always include ${brand.hashtags.required.join(' ')}` : ''}${brand.hashtags.banned.length ? `; never ${brand.hashtags.banned.join(' ')}` : ''}.`);
  if (brand.hashtags.guidance) lines.push(brand.hashtags.guidance);
  return lines.join('\n');
}

function briefText(state: DraftStateType): string {
  const { input, recent } = state;
  return [
    `Brief: ${input.brief}`,
    input.campaign ? `Campaign: ${input.campaign}` : '',
    brandText(state.brand),
    input.thread ? 'Write a thread: the text may be long; it will be split at sentence boundaries into posts of 280 characters.' : 'Write single posts of at most 280 characters (a link counts 23).',
    input.media ? 'An image is attached: write its alt text for people using screen readers.' : 'No image is attached: mediaAlt is null.',
    recent.length ? `Recent posts, do not repeat them:\n${recent.slice(0, RECENT_SHOWN).map((r) => `- ${r.text.replace(/\s+/g, ' ')}`).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The model writes `variants` candidates from the brief, the brand and recent posts. */
export function generateNode(ctx: RunContext) {
  return async (state: DraftStateType): Promise<Partial<DraftStateType>> => {
    const model = await ctx.model();
    const count = state.input.variants;
    const reply = await model.invoke(
      [
        { role: 'system', content: promptTemplate('market-generate') },
        { role: 'user', content: `${briefText(state)}\n\nWrite ${count} different candidate${count === 1 ? '' : 's'}.` },
      ],
      { schema: candidatesSchema, name: 'candidates', temperature: 0.8 },
    );
    const written = reply.parsed!.candidates.slice(0, count);
    if (written.length === 0) throw new Error('the model wrote no candidate post');
    return { candidates: written.map(unscored), revisions: 0 };
  };
}

const unscored = (c: Candidate): ScoredCandidate => ({ ...c, parts: [], hashtags: [], score: 0, passed: false, reasons: [] });

/** The model rewrites each candidate below the bar, told exactly what the checks found. */
export function reviseNode(ctx: RunContext) {
  return async (state: DraftStateType): Promise<Partial<DraftStateType>> => {
    const weak = state.candidates.map((c, i) => ({ c, i })).filter(({ c }) => !c.passed || c.score < state.input.minScore);
    const model = await ctx.model();
    const reply = await model.invoke(
      [
        { role: 'system', content: promptTemplate('market-revise') },
        {
          role: 'user',
          content: `${briefText(state)}\n\n${weak.map(({ c }, n) => `Candidate ${n + 1}:\n${c.text}\nLink: ${c.link ?? 'none'}\nProblems:\n${c.reasons.map((r) => `- ${r}`).join('\n')}`).join('\n\n')}\n\nRewrite these ${weak.length} candidate(s), in the same order.`,
        },
      ],
      { schema: candidatesSchema, name: 'candidates', temperature: 0.4 },
    );
    const revised = reply.parsed!.candidates;
    const candidates = state.candidates.slice();
    weak.forEach(({ i }, n) => {
      if (revised[n]) candidates[i] = unscored({ ...revised[n], mediaAlt: revised[n].mediaAlt ?? candidates[i].mediaAlt });
    });
    return { candidates, revisions: state.revisions + 1 };
  };
}
