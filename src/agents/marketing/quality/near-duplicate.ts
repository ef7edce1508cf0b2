import { withoutUrls } from './urls';

export interface RecentPost {
  id: string;
  text: string;
}

export interface NearDuplicate {
  id: string;
  /** Jaccard similarity of the two texts' shingles, 0 to 1. */
  similarity: number;
}

export const NEAR_DUPLICATE_THRESHOLD = 0.8;

const SHINGLE_SIZE = 3;
/** Below this many words, word 3-grams are too few to compare: characters are shingled instead. */
const MIN_WORDS_FOR_WORD_SHINGLES = 8;
const UNSPACED_SCRIPTS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
/**
 * A word: a run of characters between spaces, or a single character of a script written without spaces (Chinese,
 * Japanese, Thai, ...), so that word 3-grams of such text are character 3-grams.
 */
const WORD = new RegExp(`[${UNSPACED_SCRIPTS}]|[^\\s${UNSPACED_SCRIPTS}]+`, 'gu');

const wordsOnly = (text: string) => text.replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();

/** What is compared: NFKC, lower case, no URLs, no punctuation or symbols (so "@name" is "name"), single spaces. */
export function comparableText(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  // A post that is nothing but links is compared by its links.
  return wordsOnly(withoutUrls(folded)) || wordsOnly(folded);
}

function shingles(items: readonly string[], join: string): Set<string> {
  if (items.length <= SHINGLE_SIZE) return new Set(items.length ? [items.join(join)] : []);
  const set = new Set<string>();
  for (let i = 0; i + SHINGLE_SIZE <= items.length; i++) {
    let shingle = items[i];
    for (let k = 1; k < SHINGLE_SIZE; k++) shingle += join + items[i + k];
    set.add(shingle);
  }
  return set;
}

/** Word 3-grams; undefined for a text of too few words. */
function wordShingles(comparable: string): Set<string> | undefined {
  const words = comparable.match(WORD) ?? [];
  return words.length >= MIN_WORDS_FOR_WORD_SHINGLES ? shingles(words, ' ') : undefined;
}

const charShingles = (comparable: string): Set<string> => shingles([...comparable], '');

function addPostings(index: Map<string, number[]>, keys: Set<string>, post: number): void {
  for (const key of keys) {
    const postings = index.get(key);
    if (postings) postings.push(post);
    else index.set(key, [post]);
  }
}

function countShared(shared: Int32Array, index: Map<string, number[]>, keys: Set<string>): void {
  for (const key of keys) {
    const postings = index.get(key);
    if (postings) for (const post of postings) shared[post]++;
  }
}

/**
 * Recent posts, shingled once, to compare many drafts against. Two texts are compared by word 3-grams when both are
 * long enough and spaced, by character 3-grams otherwise.
 */
export class RecentIndex {
  private readonly ids: string[];
  /** Word shingles of a post, or 0 when it is compared by characters only. */
  private readonly wordCounts: Int32Array;
  private readonly charCounts: Int32Array;
  private readonly byWords = new Map<string, number[]>();
  /** Character shingles of every post, for a draft compared by characters. */
  private readonly byChars = new Map<string, number[]>();
  /** Character shingles of the posts without word shingles, for a draft compared by words with the others. */
  private readonly byCharsOfShort = new Map<string, number[]>();

  constructor(recent: readonly RecentPost[]) {
    this.ids = recent.map((p) => p.id);
    this.wordCounts = new Int32Array(recent.length);
    this.charCounts = new Int32Array(recent.length);
    recent.forEach((post, i) => {
      const comparable = comparableText(post.text);
      const words = wordShingles(comparable);
      const chars = charShingles(comparable);
      if (words) addPostings(this.byWords, words, i);
      else addPostings(this.byCharsOfShort, chars, i);
      addPostings(this.byChars, chars, i);
      this.wordCounts[i] = words?.size ?? 0;
      this.charCounts[i] = chars.size;
    });
  }

  /** The most similar recent post at or above the threshold (the first one on a tie). */
  nearest(text: string, threshold = NEAR_DUPLICATE_THRESHOLD): NearDuplicate | undefined {
    const comparable = comparableText(text);
    const words = wordShingles(comparable);
    const shared = new Int32Array(this.ids.length);
    if (words) countShared(shared, this.byWords, words);
    const byChars = words ? this.byCharsOfShort : this.byChars;
    const chars = byChars.size > 0 ? charShingles(comparable) : new Set<string>();
    countShared(shared, byChars, chars);
    let best: NearDuplicate | undefined;
    for (let post = 0; post < shared.length; post++) {
      const common = shared[post];
      if (common === 0) continue;
      const byWordsToo = words !== undefined && this.wordCounts[post] > 0;
      const union = byWordsToo ? words.size + this.wordCounts[post] - common : chars.size + this.charCounts[post] - common;
      const similarity = common / union;
      if (similarity >= threshold && similarity > (best?.similarity ?? -1)) best = { id: this.ids[post], similarity };
    }
    return best;
  }
}

export function nearDuplicateOf(text: string, recent: RecentIndex | readonly RecentPost[], threshold = NEAR_DUPLICATE_THRESHOLD): NearDuplicate | undefined {
  return (recent instanceof RecentIndex ? recent : new RecentIndex(recent)).nearest(text, threshold);
}
