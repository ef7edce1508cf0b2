export interface PersonName {
  firstName?: string;
  lastName: string;
}

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'herr', 'frau', 'mme', 'mlle']);
/** Dropped: they are not part of the name a CRM keeps. */
const CREDENTIALS = new Set(['phd', 'md', 'mba', 'esq', 'cpa', 'rn', 'dds', 'jd', 'msc', 'bsc', 'cfa']);
/** Kept, after the last name. */
const GENERATIONS = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
/** Words that belong to the last name that follows them: Ludwig van Beethoven, Juan de la Cruz. */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'dos', 'das', 'la', 'le', 'ter', 'ten', 'bin', 'al']);

const bare = (token: string) => token.toLowerCase().replace(/\./g, '');

/**
 * Splits a full name: "Jane Doe", "Doe, Jane", "Mary Ann Smith" (middle names stay with the first name), "Ludwig van
 * Beethoven", "Dr. John Smith Jr., PhD". One word is a last name. Names written all in upper or lower case get
 * capitals; any other casing (McDonald, DeVito) is kept as written.
 */
export function splitName(full: string): PersonName | undefined {
  const generation: string[] = [];
  const named: string[] = [];
  for (const part of full.split(',').map((p) => p.trim()).filter(Boolean)) {
    const words = part.split(/\s+/);
    if (named.length > 0 && words.every(isSuffix)) generation.push(...words.filter((w) => GENERATIONS.has(bare(w))));
    else named.push(part);
  }
  if (named.length === 0) return undefined;
  // "Doe, Jane": a comma between two parts puts the last name first.
  const lastFirst = named.length === 2;
  const words = recase((lastFirst ? `${named[1]} ${named[0]}` : named.join(' ')).split(/\s+/));
  while (words.length > 1 && HONORIFICS.has(bare(words[0]!))) words.shift();
  let lastNameWords = lastFirst ? named[0]!.split(/\s+/).length : 1;
  while (words.length > 1 && isSuffix(words.at(-1)!)) {
    const word = words.pop()!;
    if (GENERATIONS.has(bare(word))) generation.unshift(word);
    lastNameWords--;
  }
  let lastStart = Math.max(0, words.length - Math.max(1, lastNameWords));
  if (!lastFirst) while (lastStart > 1 && PARTICLES.has(words[lastStart - 1]!.toLowerCase())) lastStart--;
  const lastName = [...words.slice(lastStart), ...generation].join(' ');
  const firstName = words.slice(0, lastStart).join(' ');
  return firstName ? { firstName, lastName } : { lastName };
}

const isSuffix = (word: string) => CREDENTIALS.has(bare(word)) || GENERATIONS.has(bare(word));

function recase(words: string[]): string[] {
  const letters = words.join('');
  if (letters !== letters.toUpperCase() && letters !== letters.toLowerCase()) return words;
  return words.map((w, i) => (i > 0 && PARTICLES.has(w.toLowerCase()) ? w.toLowerCase() : capitalize(w)));
}

/** "o'brien" -> "O'Brien", "jean-luc" -> "Jean-Luc". */
function capitalize(word: string): string {
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Mailboxes of a function, not a person. */
const ROLE_WORDS = new Set([
  'info', 'sales', 'admin', 'contact', 'support', 'hello', 'hi', 'team', 'office', 'marketing', 'hr', 'jobs', 'careers',
  'billing', 'accounts', 'finance', 'noreply', 'no', 'reply', 'help', 'service', 'enquiries', 'inquiries', 'mail', 'press',
]);

/** A name from an address like jane.doe@, jane_doe@ or jane-doe@; undefined when the address is not shaped like one. */
export function nameFromEmailLocal(local: string): PersonName | undefined {
  const words = local.replace(/\+.*$/, '').split(/[._-]/);
  if (words.length !== 2 || !words.every((w) => /^[a-z]{2,}$/.test(w) && !ROLE_WORDS.has(w))) return undefined;
  return { firstName: capitalize(words[0]!), lastName: capitalize(words[1]!) };
}

/** A name field as a person would write it: capitals added only when it is all upper or all lower case. */
export function recaseName(name: string): string {
  return recase(name.split(' ')).join(' ');
}
