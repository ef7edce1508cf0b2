export type CheckedEmail = { ok: true; email: string; local: string; domain: string } | { ok: false; problem: string };

// A practical subset of RFC 5322: dot-atom local parts only (no quoted strings, no comments) and ASCII host names.
const LOCAL_CHARS = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Lower-cases an address and checks its syntax; a problem says what is wrong in words a person can act on. */
export function checkEmail(value: string): CheckedEmail {
  const email = value.trim().toLowerCase().replace(/^mailto:/, '');
  if (/\s/.test(email)) return { ok: false, problem: 'it contains a space' };
  const at = email.split('@');
  if (at.length === 1) return { ok: false, problem: 'it has no @' };
  if (at.length > 2) return { ok: false, problem: 'it has more than one @' };
  const [local, domain] = at as [string, string];
  const localProblem = checkLocal(local);
  if (localProblem) return { ok: false, problem: localProblem };
  const domainProblem = checkDomain(domain);
  if (domainProblem) return { ok: false, problem: domainProblem };
  return { ok: true, email, local, domain };
}

function checkLocal(local: string): string | undefined {
  if (!local) return 'nothing comes before the @';
  if (local.length > 64) return 'the part before the @ is longer than 64 characters';
  if (!LOCAL_CHARS.test(local)) return `the part before the @ has a character an address cannot have ("${local}")`;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return 'the part before the @ starts or ends with a dot, or has two dots in a row';
  return undefined;
}

function checkDomain(domain: string): string | undefined {
  if (!domain) return 'nothing comes after the @';
  if (domain.length > 253) return 'the domain is longer than 253 characters';
  const labels = domain.split('.');
  if (labels.length < 2) return `the domain "${domain}" has no dot`;
  const bad = labels.find((l) => !DOMAIN_LABEL.test(l));
  if (bad !== undefined) return bad ? `the domain "${domain}" has an invalid part "${bad}"` : `the domain "${domain}" has an empty part`;
  if (!TOP_LEVEL.test(labels.at(-1)!)) return `the domain "${domain}" does not end in a valid top-level domain`;
  return undefined;
}
