import type { Lead } from './lead';

// Gmail ignores dots and +tags in the local part; the other providers listed deliver +tags to the plain mailbox but
// keep dots; any other domain is left as written, since only its own server knows what it ignores.
const IGNORES_DOTS = new Set(['gmail.com', 'googlemail.com']);
const IGNORES_PLUS_TAGS = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'fastmail.com', 'proton.me', 'protonmail.com', 'pm.me']);

/** One key per mailbox: "J.Doe+news@googlemail.com" and "jdoe@gmail.com" share one. */
export function emailKey(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  if (IGNORES_PLUS_TAGS.has(domain)) local = local.replace(/\+.*$/, '');
  if (IGNORES_DOTS.has(domain)) local = local.replace(/\./g, '');
  if (domain === 'googlemail.com') domain = 'gmail.com';
  return `${local}@${domain}`;
}

const LEGAL_FORMS = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc', 'corp', 'corporation', 'co', 'company',
  'gmbh', 'ag', 'kg', 'ug', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'pty', 'kk',
]);

/** Letters NFKD does not take apart. */
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Case, accents and punctuation folded away: "Müller-Lüdenscheidt" and "muller ludenscheidt" fold alike. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (ch) => FOLD[ch]!)
    .replace(/\./g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The company without its legal form: "ACME, Inc.", "Acme GmbH & Co. KG" and "Acme" share "acme". */
function companyKey(company: string): string {
  const words = fold(company).split(' ');
  const isLegalForm = (i: number) => LEGAL_FORMS.has(words[i]!) || (words[i] === 'and' && LEGAL_FORMS.has(words[i - 1] ?? '')); // GmbH & Co. KG
  while (words.length > 1 && isLegalForm(words.length - 1)) words.pop();
  return words.join(' ');
}

/** One key per person at a company, for leads whose addresses differ: "jane doe|acme". */
export function nameCompanyKey(lead: Pick<Lead, 'firstName' | 'lastName' | 'company'>): string {
  const name = fold([lead.firstName, lead.lastName].filter(Boolean).join(' '));
  return `${name}|${companyKey(lead.company)}`;
}
