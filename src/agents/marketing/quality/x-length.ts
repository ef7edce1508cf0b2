import { emojiRuns, isEmojiSequence } from './emoji';
import { findUrls } from './urls';

// X's weighted length (twitter-text configuration v3): on the NFC form of the text, every URL counts 23, every emoji
// 2, a code point in the ranges 0-4351, 8192-8205, 8208-8223 and 8242-8247 counts 1, any other code point 2.

export const MAX_WEIGHTED_LENGTH = 280;
export const URL_WEIGHT = 23;
const EMOJI_WEIGHT = 2;

/** The code points X counts 1: U+0000-U+10FF, and general punctuation's spaces, dashes, quotes and primes. */
const isLight = (cp: number) => cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);

function codePointsWeight(text: string): number {
  let weight = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    weight += isLight(cp) ? 1 : 2;
  }
  return weight;
}

function plainWeight(text: string): number {
  // Below U+1100 every code point weighs 1 and no emoji can form.
  if (!/[\u1100-\uFFFF]/.test(text)) return text.length;
  let weight = 0;
  let at = 0;
  for (const run of emojiRuns(text)) {
    weight += codePointsWeight(text.slice(at, run.start));
    for (const grapheme of run.graphemes) weight += isEmojiSequence(grapheme) ? EMOJI_WEIGHT : codePointsWeight(grapheme);
    at = run.end;
  }
  return weight + codePointsWeight(text.slice(at));
}

export function weightedLength(text: string): number {
  const normalized = text.normalize('NFC');
  let weight = 0;
  let at = 0;
  for (const url of findUrls(normalized)) {
    weight += plainWeight(normalized.slice(at, url.start)) + URL_WEIGHT;
    at = url.end;
  }
  return weight + plainWeight(normalized.slice(at));
}

export const fitsInPost = (text: string): boolean => weightedLength(text) <= MAX_WEIGHTED_LENGTH;
