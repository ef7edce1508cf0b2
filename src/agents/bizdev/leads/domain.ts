// Country domains that register names one level down (acme.co.uk, acme.com.au): second-level labels that are a
// public suffix under a two-letter top-level domain. A full public-suffix list would be exact; this covers the
// business addresses that leads carry.
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ne', 'or', 'go', 'gob', 'ltd', 'plc', 'nom', 'gen', 'biz', 'inf', 'info']);

/** The part of a host name a company registers: "mail.eu.acme.co.uk" -> "acme.co.uk". */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().split('.');
  const suffixLength = labels.length >= 3 && labels.at(-1)!.length === 2 && SECOND_LEVEL.has(labels.at(-2)!) ? 2 : 1;
  return labels.slice(-(suffixLength + 1)).join('.');
}

/** A company name guessed from its domain: "acme-corp.co.uk" -> "Acme Corp". */
export function companyNameFromDomain(domain: string): string {
  const name = registrableDomain(domain).split('.')[0]!;
  return name
    .split(/[-_]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The host of a website written as a URL or a bare name ("https://www.acme.com/about", "acme.com"), or undefined. */
export function websiteHost(website: string): string | undefined {
  const host = website
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#:].*$/, '')
    .replace(/^www\./, '');
  return HOST.test(host) ? host : undefined;
}
