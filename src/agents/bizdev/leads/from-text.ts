import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import { isDisposable } from './disposable';
import { companyNameFromDomain, websiteHost } from './domain';
import { checkEmail } from './email';
import { isFreeMail } from './free-mail';
import type { RawLead } from './lead';
import { matchSeniority } from './seniority';

export interface ExtractedLead {
  fields: RawLead;
  /** The fields found, in a fixed order: email, name, title, company, phone, website. */
  found: string[];
}

/**
 * The lead in an email, an email signature or notes, as far as rules can be sure of it: the sender's address (never
 * a no-reply one, nor one on a To or Cc line), the first valid phone number, the company website, and the name,
 * title and company of a "From:" header or a signature block. What is not certain is left out for the model.
 */
export function extractLeadFromText(text: string, opts: { defaultCountry?: CountryCode } = {}): ExtractedLead {
  const lines = text.split(/\r\n|\n|\r/).map((l) => l.replace(/^(?:>\s?)+/, '').trim());
  const fields: RawLead = {};
  const from = fromHeader(lines);
  const email = from?.email ?? firstEmail(lines);
  if (email) fields.email = email;
  const signature = signatureOf(lines, email);
  const name = from?.name ?? signature.name;
  if (name) fields.name = name;
  if (signature.title) fields.title = signature.title;
  const company = signature.company ?? (email ? companyOfDomain(email) : undefined);
  if (company) fields.company = company;
  const phone = findPhoneNumbersInText(text, opts.defaultCountry ? { defaultCountry: opts.defaultCountry } : undefined).find((p) => p.number.isValid());
  if (phone) fields.phone = phone.number.number;
  const website = firstWebsite(text);
  if (website) fields.website = website;
  return { fields, found: ['email', 'name', 'title', 'company', 'phone', 'website'].filter((f) => fields[f]) };
}

const NO_REPLY = /^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?|notifications?)(?:[+.-].*)?$/;
const EMAIL = /[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9.-]+\.[a-z]{2,63}/gi;
/** Header lines whose addresses are the recipients', not the lead's. */
const RECIPIENT_LINE = /^(?:to|cc|bcc|an|à)\s*:/i;

function usableEmail(candidate: string): string | undefined {
  const checked = checkEmail(candidate);
  return checked.ok && !NO_REPLY.test(checked.local) ? checked.email : undefined;
}

/** "From: Jane Doe <jane@acme.com>" (or a bare address); a no-reply sender does not count. */
function fromHeader(lines: string[]): { email: string; name?: string } | undefined {
  for (const line of lines) {
    const m = /^(?:from|von|de)\s*:\s*(?:"?([^"<]*?)"?\s*<([^>\s]+)>|(\S+@\S+))\s*$/i.exec(line);
    const email = m && usableEmail(m[2] ?? m[3]!);
    if (!email) continue;
    const name = m[1] && isNameLike(m[1].replace(',', '')) ? m[1] : undefined;
    return name ? { email, name } : { email };
  }
  return undefined;
}

function firstEmail(lines: string[]): string | undefined {
  for (const line of lines) {
    if (RECIPIENT_LINE.test(line)) continue;
    for (const [candidate] of line.matchAll(EMAIL)) {
      const email = usableEmail(candidate);
      if (email) return email;
    }
  }
  return undefined;
}

function companyOfDomain(email: string): string | undefined {
  const domain = email.slice(email.indexOf('@') + 1);
  return isFreeMail(domain) || isDisposable(domain) ? undefined : companyNameFromDomain(domain);
}

/** Hosts of profiles, meetings and short links: a URL there is not the company's website. */
const NOT_A_COMPANY_SITE = /(?:^|\.)(?:linkedin\.com|twitter\.com|x\.com|facebook\.com|instagram\.com|youtube\.com|tiktok\.com|github\.com|medium\.com|calendly\.com|zoom\.us|google\.com|microsoft\.com|bit\.ly|t\.co|goo\.gl|aka\.ms|lnkd\.in)$/;

function firstWebsite(text: string): string | undefined {
  for (const [url] of text.matchAll(/\bhttps?:\/\/[^\s<>"'()]+|\bwww\.[^\s<>"'()]+/gi)) {
    const trimmed = url.replace(/[.,;:!?]+$/, '');
    const host = websiteHost(trimmed);
    if (host && !NOT_A_COMPANY_SITE.test(host) && !isFreeMail(host)) return trimmed;
  }
  return undefined;
}

const SIGN_OFF =
  /^(?:--|—|(?:best|kind|warm|warmest|many thanks and)?\s*regards|best(?: wishes)?|all the best|thanks(?: again| so much)?|many thanks|thank you|cheers|sincerely(?: yours)?|yours(?: truly| sincerely)?|cordially|respectfully|talk soon|mit freundlichen grüßen|viele grüße|beste grüße|cordialement|saludos)[,.!]*$/i;
/** Where a quoted earlier message starts: the signature above it has ended. */
const QUOTED_MESSAGE = /^(?:on .+ wrote:|-+\s*original message\s*-+|from\s*:)/i;
/** Signature lines are split at these: "Jane Doe | VP Sales | Acme". */
const SEGMENT = /\s*[|•·]\s*|,\s+/;
/** Words that follow a rank in a title ("VP, Sales") and are not a company. */
const DEPARTMENTS =
  /^(?:sales|marketing|engineering|product|operations|finance|hr|people|legal|it|growth|partnerships|business development|customer success|support|security|data|design|research|emea|apac|americas|north america|latam|europe|dach|uk|us)$/i;
const LEGAL_FORM = /\b(?:inc|llc|ltd|limited|gmbh|ag|sa|sas|bv|nv|plc|corp|corporation|co|pty|srl|spa|oy|ab|kg)\.?$/i;

interface Signature {
  name?: string;
  title?: string;
  company?: string;
}

/** The name, title and company of the first signature block: the lines after a sign-off, or a "Name | Title | Company" line. */
function signatureOf(lines: string[], email: string | undefined): Signature {
  const domainWord = email ? companyNameFromDomain(email.slice(email.indexOf('@') + 1)).toLowerCase() : undefined;
  const signOff = lines.findIndex((l) => SIGN_OFF.test(l));
  if (signOff !== -1) {
    const block: string[] = [];
    for (const line of lines.slice(signOff + 1)) {
      if (QUOTED_MESSAGE.test(line) || block.length === 4) break;
      if (line) block.push(line);
    }
    const found = readBlock(block, domainWord);
    if (found.name) return found;
  }
  for (const line of lines) {
    if (line.split(/\s*[|•·]\s*/).length < 3) continue;
    const found = readBlock([line], domainWord);
    if (found.name && found.title) return found;
  }
  return {};
}

const AT_COMPANY = /\s+(?:at|@)\s*/i;

function readBlock(block: string[], domainWord: string | undefined): Signature {
  const [first, ...rest] = block;
  const segments = first ? first.split(SEGMENT) : [];
  const name = segments[0];
  if (!name || !isNameLike(name)) return {};
  const after = segments.length > 1 ? segments.slice(1) : (rest.shift()?.split(SEGMENT) ?? []);
  const rank = after.findIndex((s) => matchSeniority(s.split(AT_COMPANY)[0]!));
  if (rank === -1) return { name };
  const [rankWords, atCompany] = after[rank]!.split(AT_COMPANY);
  const title = [rankWords!];
  let next = rank + 1;
  while (next < after.length && DEPARTMENTS.test(after[next]!)) title.push(after[next++]!);
  const candidate = atCompany ?? after[next] ?? (looksLikeCompany(rest[0], domainWord) ? rest[0] : undefined);
  const company = candidate && isCompanyText(candidate) ? candidate : undefined;
  return { name, title: title.join(', '), ...(company && { company }) };
}

/** A line under a signature's title is the company only with a legal form or the name of the email's domain in it. */
function looksLikeCompany(line: string | undefined, domainWord: string | undefined): boolean {
  if (!line || !isCompanyText(line)) return false;
  return LEGAL_FORM.test(line) || (domainWord !== undefined && line.toLowerCase().includes(domainWord));
}

const isCompanyText = (text: string) => !/@|https?:|www\.|\d{3}/.test(text) && text.split(/\s+/).length <= 6;

/** Two to four capitalized words, initials allowed, nothing that is a rank or a sign-off. */
function isNameLike(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  if (!words.every((w) => /^(?:\p{Lu}[\p{L}'’-]*|\p{Lu}\.|van|von|de|der|den|da|di|du|la|le)$/u.test(w))) return false;
  return !matchSeniority(text) && !SIGN_OFF.test(text);
}
