import type { Brand } from './brand';
import { hashtagKey, hashtagsIn } from './hashtags';
import {
  bannedHashtagsGate,
  bannedWordsGate,
  duplicateGate,
  hashtagCountGate,
  lengthGate,
  linkGate,
  requiredHashtagsGate,
  type DraftFacts,
  type GateCheck,
} from './hard-gates';
import { RecentIndex, type RecentPost } from './near-duplicate';
import { sentimentOf, type Sentiment } from './sentiment';
import { emojiOverload, exclamations, negativeTone, proseOf, shouting, veryShort, type Deduction } from './soft-signals';
import { withoutUrls } from './urls';

export { RecentIndex };

export interface Draft {
  text: string;
  hashtags?: string[];
  link?: string;
  /** The posts of a thread, when the draft is one (then `text` is not checked apart from them). */
  thread?: string[];
}

export interface GateResult {
  /** 0-100: 100 less every deduction in `reasons`. */
  score: number;
  /** Every hard gate passed: X would take the post and the brand allows it. */
  passed: boolean;
  gates: GateCheck[];
  /** One line per deduction: "<gate>: <what is wrong> (-40)" for a failed gate, "-<points> <what>" for a weakness. */
  reasons: string[];
  sentiment: Sentiment;
}

/** What a failed hard gate costs: one failure alone drops a post below any sensible bar. */
export const GATE_PENALTY = 40;

/** Hashtags of the text and of `hashtags`, each once (the first spelling kept). */
function distinctHashtags(draft: Draft, textWithoutUrls: string): string[] {
  const all = [...hashtagsIn(textWithoutUrls), ...(draft.hashtags ?? []).map((t) => (t.startsWith('#') ? t : `#${t}`))];
  return all.filter((tag, i) => all.findIndex((other) => hashtagKey(other) === hashtagKey(tag)) === i);
}

export function checkDraft(draft: Draft, ctx: { brand: Brand; recent: RecentIndex | readonly RecentPost[] }): GateResult {
  const posts = draft.thread?.length ? draft.thread : [draft.text];
  const text = posts.join('\n');
  const textWithoutUrls = withoutUrls(text);
  const facts: DraftFacts = { posts, textWithoutUrls, link: draft.link, hashtags: distinctHashtags(draft, textWithoutUrls) };
  const recent = ctx.recent instanceof RecentIndex ? ctx.recent : new RecentIndex(ctx.recent);
  const gates = [
    lengthGate(facts),
    linkGate(facts),
    hashtagCountGate(facts, ctx.brand),
    requiredHashtagsGate(facts, ctx.brand),
    bannedHashtagsGate(facts, ctx.brand),
    bannedWordsGate(facts, ctx.brand),
    duplicateGate(facts, recent),
  ];
  const sentiment = sentimentOf(text);
  const prose = proseOf(textWithoutUrls);
  const weaknesses = [negativeTone(sentiment), shouting(prose), exclamations(textWithoutUrls), emojiOverload(textWithoutUrls), veryShort(prose)].filter((d): d is Deduction => d !== undefined);
  const failed = gates.filter((g) => !g.ok);
  const reasons = [...failed.map((g) => `${g.gate}: ${g.reason} (-${GATE_PENALTY})`), ...weaknesses.map((d) => `-${d.points} ${d.reason}`)];
  const deducted = failed.length * GATE_PENALTY + weaknesses.reduce((sum, d) => sum + d.points, 0);
  return { score: Math.max(0, 100 - deducted), passed: failed.length === 0, gates, reasons, sentiment };
}
