import type { Brand } from './brand';
import { foldText } from './fold';
import { hashtagKey } from './hashtags';
import { NEAR_DUPLICATE_THRESHOLD, type RecentIndex } from './near-duplicate';
import { linkProblem } from './urls';
import { MAX_WEIGHTED_LENGTH, URL_WEIGHT, weightedLength } from './x-length';

/** What the gates look at: the posts as they will go out, their text without URLs, the link, every hashtag once. */
export interface DraftFacts {
  posts: string[];
  textWithoutUrls: string;
  link?: string;
  hashtags: string[];
}

export interface GateCheck {
  gate: string;
  ok: boolean;
  reason: string;
}

const pass = (gate: string, reason: string): GateCheck => ({ gate, ok: true, reason });
const fail = (gate: string, reason: string): GateCheck => ({ gate, ok: false, reason });

/** The link goes after the first post's text when no post carries it yet (as the draft graph does). */
function postsAsSent(facts: DraftFacts): string[] {
  const { posts, link } = facts;
  if (!link || posts.some((p) => p.includes(link))) return posts;
  return [`${posts[0].trim()} ${link}`, ...posts.slice(1)];
}

export function lengthGate(facts: DraftFacts): GateCheck {
  const sent = postsAsSent(facts);
  const lengths = sent.map((p) => weightedLength(p));
  const linkAdded = sent[0] !== facts.posts[0] ? ' with the link added' : '';
  const over = lengths.map((length, i) => ({ length, i })).filter(({ length }) => length > MAX_WEIGHTED_LENGTH);
  if (over.length === 0) return pass('length', `every post fits: the longest is ${Math.max(...lengths)} of ${MAX_WEIGHTED_LENGTH} weighted characters${linkAdded}`);
  const which = ({ length, i }: { length: number; i: number }) =>
    `${sent.length > 1 ? `post ${i + 1} of ${sent.length}` : 'the post'} is ${length} weighted characters${i === 0 ? linkAdded : ''}, ${length - MAX_WEIGHTED_LENGTH} over X's ${MAX_WEIGHTED_LENGTH}`;
  return fail('length', over.map(which).join('; '));
}

export function linkGate(facts: DraftFacts): GateCheck {
  if (!facts.link) return pass('link', 'no link');
  const problem = linkProblem(facts.link);
  return problem ? fail('link', problem) : pass('link', `${facts.link} is a valid link (counts ${URL_WEIGHT})`);
}

export function hashtagCountGate(facts: DraftFacts, brand: Brand): GateCheck {
  const { hashtags } = facts;
  const { max } = brand.hashtags;
  const listed = hashtags.length ? ` (${hashtags.join(' ')})` : '';
  if (hashtags.length <= max) return pass('hashtag-count', `${hashtags.length} hashtag${hashtags.length === 1 ? '' : 's'}${listed}, at most ${max} allowed`);
  return fail('hashtag-count', `${hashtags.length} hashtags${listed}, ${hashtags.length - max} over the brand's maximum of ${max}`);
}

export function requiredHashtagsGate(facts: DraftFacts, brand: Brand): GateCheck {
  const present = new Set(facts.hashtags.map(hashtagKey));
  const missing = brand.hashtags.required.filter((tag) => !present.has(hashtagKey(tag)));
  if (brand.hashtags.required.length === 0) return pass('required-hashtags', 'the brand requires no hashtag');
  if (missing.length === 0) return pass('required-hashtags', `has ${brand.hashtags.required.join(' ')}`);
  return fail('required-hashtags', `missing ${missing.length} of ${brand.hashtags.required.length} required hashtag${brand.hashtags.required.length === 1 ? '' : 's'}: ${missing.join(' ')}`);
}

export function bannedHashtagsGate(facts: DraftFacts, brand: Brand): GateCheck {
  const banned = new Set(brand.hashtags.banned.map(hashtagKey));
  const used = facts.hashtags.filter((tag) => banned.has(hashtagKey(tag)));
  if (used.length === 0) return pass('banned-hashtags', brand.hashtags.banned.length ? `none of ${brand.hashtags.banned.join(' ')}` : 'the brand bans no hashtag');
  return fail('banned-hashtags', `uses ${used.length} banned hashtag${used.length === 1 ? '' : 's'}: ${used.join(' ')}`);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const phrasePatterns = new Map<string, RegExp>();

/** A phrase as a whole word or words, in folded text: spaces in it match any run of spaces. Compiled once. */
function phrasePattern(phrase: string): RegExp {
  let pattern = phrasePatterns.get(phrase);
  if (!pattern) {
    pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${foldText(phrase).trim().split(/\s+/).map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}_])`, 'gu');
    phrasePatterns.set(phrase, pattern);
  }
  return pattern;
}

export function bannedWordsGate(facts: DraftFacts, brand: Brand): GateCheck {
  if (brand.avoid.length === 0) return pass('banned-words', 'the brand lists no words to avoid');
  const text = foldText(facts.textWithoutUrls);
  const found = brand.avoid.map((phrase) => ({ phrase, times: text.match(phrasePattern(phrase))?.length ?? 0 })).filter((f) => f.times > 0);
  if (found.length === 0) return pass('banned-words', `none of the ${brand.avoid.length} words to avoid`);
  const detail = found.map((f) => `"${f.phrase}"${f.times > 1 ? ` (${f.times} times)` : ''}`).join(', ');
  return fail('banned-words', `uses ${found.length} word${found.length === 1 ? '' : 's'} the brand avoids: ${detail}`);
}

export function duplicateGate(facts: DraftFacts, recent: RecentIndex): GateCheck {
  const match = recent.nearest(facts.posts.join('\n'));
  const limit = `${Math.round(NEAR_DUPLICATE_THRESHOLD * 100)}%`;
  if (!match) return pass('duplicate', `no recent post is ${limit} similar or more`);
  return fail('duplicate', `${Math.round(match.similarity * 100)}% similar to recent post ${match.id} (limit ${limit}): X refuses duplicate posts`);
}
