import { emojiCount } from './emoji';
import type { Sentiment } from './sentiment';
import { weightedLength } from './x-length';

/** A weakness that costs points without blocking the post. */
export interface Deduction {
  points: number;
  reason: string;
}

const PENALTY = {
  negativeTone: 15,
  shouting: 15,
  perExtraExclamation: 5,
  perExtraEmoji: 5,
  /** The most the exclamation marks, or the emoji, can cost. */
  excessCap: 15,
  veryShort: 10,
} as const;

const EXCLAMATIONS_ALLOWED = 2;
const EMOJI_ALLOWED = 3;
/** Shouting: at least this many words in capitals, and more than this share of the words (acronyms stay below it). */
const SHOUTED_WORDS_MIN = 4;
const SHOUTED_SHARE = 0.6;
/** Text shorter than this, links, hashtags and mentions aside, says too little to be worth a post. */
const SHORT_TEXT = 40;

/** The words of a post: its text without URLs, hashtags and mentions (what shouting and shortness are judged on). */
export const proseOf = (textWithoutUrls: string): string => textWithoutUrls.replace(/[#＃@＠][\p{L}\p{M}\p{N}_]+/gu, ' ');

export function negativeTone(sentiment: Sentiment): Deduction | undefined {
  if (sentiment.label !== 'negative') return undefined;
  const from = sentiment.words.length ? ` from ${sentiment.words.map((w) => `"${w}"`).join(', ')}` : '';
  return { points: PENALTY.negativeTone, reason: `negative tone (sentiment ${sentiment.score}${from})` };
}

export function shouting(prose: string): Deduction | undefined {
  const words = prose.match(/\p{L}[\p{L}\p{M}'’-]*\p{L}/gu) ?? [];
  const shouted = words.filter((w) => /\p{Lu}/u.test(w) && !/\p{Ll}/u.test(w));
  if (shouted.length < SHOUTED_WORDS_MIN || shouted.length <= words.length * SHOUTED_SHARE) return undefined;
  return { points: PENALTY.shouting, reason: `shouting: ${shouted.length} of ${words.length} words in capitals` };
}

function excess(count: number, allowed: number, perExtra: number): number {
  return Math.min(PENALTY.excessCap, Math.max(0, count - allowed) * perExtra);
}

export function exclamations(text: string): Deduction | undefined {
  const count = (text.match(/[!！]/g) ?? []).length;
  const points = excess(count, EXCLAMATIONS_ALLOWED, PENALTY.perExtraExclamation);
  return points ? { points, reason: `${count} exclamation marks, more than ${EXCLAMATIONS_ALLOWED}` } : undefined;
}

export function emojiOverload(text: string): Deduction | undefined {
  const count = emojiCount(text);
  const points = excess(count, EMOJI_ALLOWED, PENALTY.perExtraEmoji);
  return points ? { points, reason: `${count} emoji, more than ${EMOJI_ALLOWED}` } : undefined;
}

export function veryShort(prose: string): Deduction | undefined {
  const length = weightedLength(prose.replace(/\s+/g, ' ').trim());
  if (length >= SHORT_TEXT) return undefined;
  return { points: PENALTY.veryShort, reason: `very short: ${length} characters besides links, hashtags and mentions (${SHORT_TEXT} or more says something)` };
}
