import type { CountryCode } from 'libphonenumber-js';
import { isDisposable } from './disposable';
import { companyNameFromDomain, registrableDomain, websiteHost } from './domain';
import { checkEmail } from './email';
import { isFreeMail } from './free-mail';
import type { Lead, LeadFlag, Normalized, RawLead } from './lead';
import { nameFromEmailLocal, recaseName, splitName, type PersonName } from './person-name';
import { toE164 } from './phone';

export interface NormalizeOptions {
  /** The country of phone numbers written without a country code. */
  defaultCountry?: CountryCode;
}

/** Checks and cleans one lead; a rejection says which field is wrong and how to fix it. */
export function normalizeLead(raw: RawLead, opts: NormalizeOptions = {}): Normalized {
  const emailText = tidy(raw.email);
  if (!emailText) return reject('email is missing: every lead needs an email address; fill the email field, or map the email column with --map "<column>=email"');
  const email = checkEmail(emailText);
  if (!email.ok) return reject(`email "${emailText}" is not a valid address: ${email.problem}; correct the email field`);

  const flags: LeadFlag[] = [];
  const freeMail = isFreeMail(email.domain);
  const disposable = !freeMail && isDisposable(email.domain);
  if (freeMail) flags.push('free-mail');
  if (disposable) flags.push('disposable');

  const name = personName(tidy(raw.name), tidy(raw.firstName), tidy(raw.lastName), email.local);
  if ('reason' in name) return reject(name.reason);
  if (name.fromEmail) flags.push('name-from-email');

  const website = tidy(raw.website);
  const otherDomain = website ? websiteHost(website) : undefined;
  const companyDomain = freeMail || disposable ? otherDomain && registrableDomain(otherDomain) : registrableDomain(email.domain);
  let company = tidy(raw.company);
  if (!company) {
    if (!companyDomain) {
      const kind = freeMail ? 'a free-mail' : 'a disposable';
      return reject(`company is missing, and ${email.email} is ${kind} address, so the company cannot be derived from it: fill the company field (or the website field)`);
    }
    company = companyNameFromDomain(companyDomain);
    flags.push('company-from-domain');
  }

  const phoneText = tidy(raw.phone);
  const phone = phoneText ? toE164(phoneText, opts.defaultCountry) : undefined;
  if (phoneText && !phone) flags.push('phone-unparsed');

  const lead: Lead = { lastName: name.lastName, email: email.email, company, flags };
  if (name.firstName) lead.firstName = name.firstName;
  if (companyDomain) lead.companyDomain = companyDomain;
  const title = tidy(raw.title);
  if (title) lead.title = title;
  if (phone) lead.phone = phone;
  const source = tidy(raw.source);
  if (source) lead.source = source;
  const owner = tidy(raw.owner);
  if (owner) lead.owner = owner;
  const notes = tidyNotes(raw.notes);
  if (notes) lead.notes = notes;
  return { ok: true, lead };
}

const reject = (reason: string): Normalized => ({ ok: false, reason });

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Trimmed, inner whitespace collapsed to one space; undefined when nothing is left. */
function tidy(value: string | undefined): string | undefined {
  return value?.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim() || undefined;
}

/** Notes keep their line breaks (at most one blank line in a row); each line is tidied. */
function tidyNotes(value: string | undefined): string | undefined {
  const lines = value?.replace(INVISIBLE, '').split(/\r\n|\r|\n/).map((line) => line.replace(/\s+/g, ' ').trim());
  return lines?.join('\n').replace(/\n{3,}/g, '\n\n').trim() || undefined;
}

function personName(
  name: string | undefined,
  firstName: string | undefined,
  lastName: string | undefined,
  emailLocal: string,
): (PersonName & { fromEmail?: true }) | { reason: string } {
  const split = name ? splitName(name) : undefined;
  if (lastName) {
    const first = firstName ?? split?.firstName;
    return first ? { firstName: recaseName(first), lastName: recaseName(lastName) } : { lastName: recaseName(lastName) };
  }
  if (split) return firstName ? { firstName: recaseName(firstName), lastName: split.lastName } : split;
  const guessed = nameFromEmailLocal(emailLocal);
  if (guessed && (!firstName || guessed.firstName!.toLowerCase() === firstName.toLowerCase())) {
    return { firstName: firstName ? recaseName(firstName) : guessed.firstName, lastName: guessed.lastName, fromEmail: true };
  }
  return firstName
    ? { reason: `lastName is missing (firstName "${firstName}" alone is not enough): fill lastName or name` }
    : { reason: 'name is missing, and the email address does not show one: fill name, or firstName and lastName' };
}
