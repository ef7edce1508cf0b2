import type { SecretAllowlist, SecretRule } from './rule';

/** Values people write where a real secret would go: documentation, templates, variables, test stand-ins. */
const PLACEHOLDERS: RegExp[] = [
  /example/i, // AKIAIOSFODNN7EXAMPLE and friends
  /your[_-]/i,
  /^<[^>]*>$/,
  /\$\{[^}]*\}/,
  /\{\{[^}]*\}\}/,
  /^\$[A-Za-z_]\w*$/,
  /%\(\w+\)s|^%s$/,
  /process\.env|os\.environ|getenv/i,
  /changeme|change_me|replace[_-]?me|dummy|fake|placeholder|redacted|sample/i,
  // Tokens printed in specifications and vendor documentation (RFC 6749, jwt.io).
  /^(?:2YotnFZFEjr1zCsicMWpAA|tGzv3JOkF0XG5Qx2TlKWIA)$/,
  /SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c$/,
];

/** Filler that no generator of random tokens produces, but that encoded binary data (keys) legitimately does. */
const FILLER: RegExp[] = [/(.)\1{5,}/, /x{4,}|\*{3,}|\.{3,}/i, /0123456789|123456789|abcdefghij/i];

export interface HitContext {
  secret: string;
  match: string;
  line: string;
  path: string;
}

export function isPlaceholder(secret: string, repeatsAllowed = false): boolean {
  return PLACEHOLDERS.some((p) => p.test(secret)) || (!repeatsAllowed && FILLER.some((p) => p.test(secret)));
}

function containsStopword(secret: string, stopwords: readonly string[]): boolean {
  const lower = secret.toLowerCase();
  return stopwords.some((word) => lower.includes(word));
}

function allowedByList(list: SecretAllowlist, hit: HitContext): boolean {
  const verdicts: boolean[] = [];
  if (list.regexes?.length) {
    const target = list.regexTarget === 'match' ? hit.match : list.regexTarget === 'line' ? hit.line : hit.secret;
    verdicts.push(list.regexes.some((r) => r.test(target)));
  }
  if (list.paths?.length) verdicts.push(list.paths.some((r) => r.test(hit.path)));
  if (list.stopwords?.length) verdicts.push(containsStopword(hit.secret, list.stopwords));
  if (verdicts.length === 0) return false;
  return list.condition === 'AND' ? verdicts.every(Boolean) : verdicts.some(Boolean);
}

/** True when the hit is a placeholder or allowed by the rule's or the configuration's allowlists. */
export function isAllowed(rule: SecretRule, hit: HitContext, global: readonly SecretAllowlist[]): boolean {
  return (
    isPlaceholder(hit.secret, rule.repeatsAllowed) ||
    (rule.allow?.some((p) => p.test(hit.secret)) ?? false) ||
    (rule.stopwords !== undefined && containsStopword(hit.secret, rule.stopwords)) ||
    (rule.allowlists?.some((list) => allowedByList(list, hit)) ?? false) ||
    global.some((list) => allowedByList(list, hit))
  );
}
