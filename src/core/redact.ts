/**
 * Masks secrets before anything is logged, stored or printed. Two nets: values we know are secret (API keys and
 * tokens from the environment and credential store, registered at start-up), and shapes that are always secret
 * (bearer tokens, keys with well-known prefixes, passwords in URLs).
 */
const known = new Set<string>();

const SHAPES: RegExp[] = [
  /\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{12,}/gi,
  /\b(sk-(?:proj-|ant-|svcacct-)?|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|AKIA|AIza|npm_|hf_)[A-Za-z0-9_-]{8,}/g,
  /(\/\/[^/\s:@]+:)[^@\s/]+(@)/g,
];

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) known.add(value);
}

export function mask(value: string): string {
  return value.length <= 8 ? '****' : `${value.slice(0, 4)}****`;
}

export function redact(text: string): string {
  let out = text;
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(mask(secret));
  out = out.replace(SHAPES[0], (_m, scheme: string) => `${scheme} ****`);
  out = out.replace(SHAPES[1], (m) => mask(m));
  out = out.replace(SHAPES[2], '$1****$2');
  return out;
}

/** Redacts every string inside a JSON-able value. */
export function redactDeep<T>(value: T): T {
  return JSON.parse(redact(JSON.stringify(value) ?? 'null')) as T;
}
