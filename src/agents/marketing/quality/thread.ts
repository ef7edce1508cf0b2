import { findUrls, type UrlSpan } from './urls';
import { MAX_WEIGHTED_LENGTH, fitsInPost, weightedLength } from './x-length';

const sentences = new Intl.Segmenter(undefined, { granularity: 'sentence' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cuts text into pieces at the segmenter's boundaries, except a boundary inside a URL. */
function piecesOf(text: string, segmenter: Intl.Segmenter, urls: UrlSpan[]): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const { index } of segmenter.segment(text)) {
    if (index === 0 || urls.some((u) => index > u.start && index < u.end)) continue;
    pieces.push(text.slice(start, index));
    start = index;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** Pieces no longer than a post: a sentence too long for one is cut between words, a word too long between graphemes. */
function fittingPieces(text: string, budget: number): string[] {
  const fits = (s: string) => weightedLength(s.trim()) <= budget;
  const cut = (piece: string, segmenter: Intl.Segmenter) => piecesOf(piece, segmenter, findUrls(piece));
  return cut(text, sentences).flatMap((sentence) => (fits(sentence) ? [sentence] : cut(sentence, words).flatMap((word) => (fits(word) ? [word] : cut(word, graphemes)))));
}

/** Greedy packing: each post takes as many whole pieces as fit. */
function pack(pieces: string[], budget: number): string[] {
  const posts: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current.trim() && weightedLength((current + piece).trim()) > budget) {
      posts.push(current.trim());
      current = piece;
    } else current += piece;
  }
  if (current.trim()) posts.push(current.trim());
  return posts;
}

/** " 12/12": the widest numbering for a thread of `count` posts. */
const numberingWidth = (count: number) => weightedLength(` ${count}/${count}`);

/**
 * Splits text into posts that fit in X's 280 weighted characters, at sentence boundaries where it can, between words
 * where a sentence is too long, never inside a URL. With numbering, each post ends with " i/n" (counted).
 */
export function splitThread(text: string, opts: { numbering?: boolean } = {}): string[] {
  const whole = text.trim();
  if (!whole) return [];
  if (fitsInPost(whole)) return [whole];
  if (!opts.numbering) return pack(fittingPieces(whole, MAX_WEIGHTED_LENGTH), MAX_WEIGHTED_LENGTH);
  // The numbering's width depends on the number of posts, which depends on the room left: widen until it holds.
  for (let assumed = 9; ; assumed = assumed * 10 + 9) {
    const budget = MAX_WEIGHTED_LENGTH - numberingWidth(assumed);
    const posts = pack(fittingPieces(whole, budget), budget);
    if (posts.length <= assumed) return posts.map((post, i) => `${post} ${i + 1}/${posts.length}`);
  }
}
