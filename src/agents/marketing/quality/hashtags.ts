import { foldText } from './fold';

/** A hashtag as X sees one: # after a non-word character, then word characters with at least one letter. */
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&])[#＃]([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*)/gu;

/** The hashtags of a text whose URLs are taken out (a # in a URL is no hashtag), "#" first, in order, repeats included. */
export function hashtagsIn(textWithoutUrls: string): string[] {
  const tags: string[] = [];
  // exec on the shared pattern, not matchAll: matchAll copies the pattern, which costs more than the match.
  HASHTAG.lastIndex = 0;
  for (let m = HASHTAG.exec(textWithoutUrls); m; m = HASHTAG.exec(textWithoutUrls)) tags.push(`#${m[1]}`);
  return tags;
}

/** Hashtags compare without case or accents: #Café is #cafe. */
export const hashtagKey = (tag: string): string => foldText(tag.replace(/^[#＃]?/, '#'));
