import { TLD_ALTERNATION } from './tlds';

// The URLs X finds in a post (twitter-text's extractUrl, reduced to what posts contain): http(s) URLs and bare
// domains ending in a known TLD, with an optional port, path and query. A path or query never ends in punctuation
// that usually closes a sentence.

const LATIN_ACCENTS = '\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u00FF\\u0100-\\u024F\\u0253\\u0254\\u0256\\u0257\\u0259\\u025B\\u0263\\u0268\\u026F\\u0272\\u0289\\u028B\\u02BB\\u0300-\\u036F\\u1E00-\\u1EFF';
const CYRILLIC = '\\u0400-\\u04FF';
/** Punctuation, spaces, invalid characters and direction marks: what cannot be part of a domain label. */
const NOT_IN_DOMAIN = "!'#%&()*+,\\\\\\-./:;<=>?@\\[\\]^_{|}~$\\s\\u0085\\u00A0\\u1680\\u180E\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFFFE\\uFEFF\\uFFFF\\u202A-\\u202E\\u061C\\u200E\\u200F\\u2066-\\u2069";

const DOMAIN_CHAR = `[^${NOT_IN_DOMAIN}]`;
const ASCII_DOMAIN_CHAR = `[a-z0-9${LATIN_ACCENTS}]`;
const TLD = `(?:${TLD_ALTERNATION})(?=[^0-9a-z@+-]|$)`;
/** Labels may hold hyphens (and, below the registered domain, underscores) but not start or end with one. */
const ANY_DOMAIN = `(?:${DOMAIN_CHAR}(?:[_-]|${DOMAIN_CHAR})*)?${DOMAIN_CHAR}\\.`;
const UNICODE_HOST = `(?:${ANY_DOMAIN})+${TLD}`;
const ASCII_HOST = `(?:(?:${ASCII_DOMAIN_CHAR}(?:-|${ASCII_DOMAIN_CHAR})*)?${ASCII_DOMAIN_CHAR}\\.)+${TLD}`;

const PATH_CHAR = `[a-z${CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\\u2013_~@|&${LATIN_ACCENTS}]`;
const BALANCED_PARENS = `\\((?:${PATH_CHAR}+|${PATH_CHAR}*\\(${PATH_CHAR}+\\)${PATH_CHAR}*)\\)`;
const PATH_END = `(?:[+\\-a-z${CYRILLIC}0-9=_#/${LATIN_ACCENTS}]|${BALANCED_PARENS})`;
const PATH_SEGMENT = `(?:${PATH_CHAR}*(?:${BALANCED_PARENS}${PATH_CHAR}*)*${PATH_END}|@${PATH_CHAR}+/)`;
const PATH = `(?:/${PATH_SEGMENT}*)?`;
const QUERY = "(?:\\?[a-z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|]*[a-z0-9\\-_&=#/])?";

/** A URL never follows a letter, digit, @, $ or #; a bare domain also never follows - _ . or /. */
const AFTER_WORD = '(?<![a-z0-9@＠$#＃\\uFFFE\\uFEFF\\uFFFF])';
const URL_PATTERN = new RegExp(`${AFTER_WORD}(?:https?://${UNICODE_HOST}|(?<![-_./])${ASCII_HOST})(?::[0-9]+)?${PATH}${QUERY}`, 'giu');

/** X keeps only the slug (and a query) of a t.co link, and refuses a slug over 40 characters. */
const TCO = /^https?:\/\/t\.co\/([a-z0-9]+)(?:\?[a-z0-9!?*'@();:&=+$/%#[\]\-_.,~|]*[a-z0-9\-_&=#/])?/i;
const MAX_TCO_SLUG = 40;

export interface UrlSpan {
  url: string;
  /** UTF-16 offsets in the text, end exclusive. */
  start: number;
  end: number;
}

/** Spaces that may come before a URL: a URL never holds one, so the text can be searched a word at a time. */
const SPACE = /[\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;
/** A dot before a letter: only a word that has one can hold a URL. */
const DOT_LETTER = /\.[a-z]/gi;

/**
 * The words around each dot before a letter. Matching the long URL pattern within such a word gives what matching the
 * whole text would, and spares it the rest of the text.
 */
function candidateWords(text: string): Array<{ word: string; start: number }> {
  const words: Array<{ word: string; start: number }> = [];
  DOT_LETTER.lastIndex = 0;
  for (let dot = DOT_LETTER.exec(text); dot; dot = DOT_LETTER.exec(text)) {
    let start = dot.index;
    while (start > 0 && !SPACE.test(text[start - 1])) start--;
    let end = dot.index + 1;
    while (end < text.length && !SPACE.test(text[end])) end++;
    words.push({ word: text.slice(start, end), start });
    DOT_LETTER.lastIndex = end;
  }
  return words;
}

export function findUrls(text: string): UrlSpan[] {
  const spans: UrlSpan[] = [];
  for (const { word, start: wordStart } of candidateWords(text)) {
    // exec on the shared pattern, not matchAll: matchAll copies the pattern, which costs more than the match.
    URL_PATTERN.lastIndex = 0;
    for (let match = URL_PATTERN.exec(word); match; match = URL_PATTERN.exec(word)) {
      let url = match[0];
      const tco = TCO.exec(url);
      if (tco) {
        if (tco[1].length > MAX_TCO_SLUG) continue;
        url = tco[0];
      }
      const start = wordStart + match.index;
      spans.push({ url, start, end: start + url.length });
    }
  }
  return spans;
}

const SCHEME_URL = /\bhttps?:\/\/\S+/gi;

/** The text with every URL replaced by a space: what X finds, and anything else that starts with http(s)://. */
export function withoutUrls(text: string): string {
  let rest = '';
  let at = 0;
  for (const url of findUrls(text)) {
    rest += `${text.slice(at, url.start)} `;
    at = url.end;
  }
  return (rest + text.slice(at)).replace(SCHEME_URL, ' ');
}

/** A host name as URL gives it (lower case, international names in punycode) that ends in a top-level domain. */
const HOST_WITH_TLD = /^(?:[a-z0-9_-]+\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/;

/**
 * What is wrong with a link a post is to carry, or undefined when it is an absolute http(s) URL to a named host
 * (not javascript:, data: or any other scheme, not an IP address or a bare name like localhost).
 */
export function linkProblem(link: string): string | undefined {
  if (/\s/.test(link)) return `"${link}" contains a space`;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return `"${link}" is not an absolute URL (it needs https:// and a host)`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${link}" has the scheme ${url.protocol}; only http and https links can be posted`;
  if (!HOST_WITH_TLD.test(url.hostname)) return `"${link}" has no host with a top-level domain (${url.hostname || 'empty host'})`;
  return undefined;
}
