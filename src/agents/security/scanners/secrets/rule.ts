import type { RuleMeta, Severity } from '../../findings';

/** Extra conditions under which a hit is not reported (gitleaks' allowlist, minus commits). */
export interface SecretAllowlist {
  regexes?: RegExp[];
  /** What `regexes` are tested against: the secret (default), the whole match, or the line it starts on. */
  regexTarget?: 'secret' | 'match' | 'line';
  paths?: RegExp[];
  /** Lower-case words: a secret containing one is not reported. */
  stopwords?: string[];
  /** OR (default): any one listed check allows the hit. AND: every listed check must agree. */
  condition?: 'OR' | 'AND';
}

export interface SecretRule {
  meta: RuleMeta;
  /** Lower-case literals; the regex only runs where one occurs. No keywords: the regex always runs. */
  keywords: string[];
  /** Global regex. The secret is `secretGroup`, else the first capture group that took part in the match. */
  regex: RegExp;
  secretGroup?: number;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Secret-level placeholders specific to this rule. */
  allow?: RegExp[];
  stopwords?: string[];
  allowlists?: SecretAllowlist[];
  /** The rule only applies to files whose path matches. */
  path?: RegExp;
  /** Structural validation of the secret beyond the regex (e.g. a JWT header that decodes to JSON). */
  check?: (secret: string) => boolean;
  /** Hits are kept only if this also occurs somewhere in the same text (e.g. an account id next to its token). */
  requires?: RegExp;
  /**
   * Run the regex over the whole text rather than over the lines holding a keyword: for matches that span lines
   * and for imported rules whose keywords need not sit inside the match.
   */
  wholeText?: boolean;
  /** Encoded binary payloads (private keys) legitimately repeat characters: skip the filler-run placeholder test. */
  repeatsAllowed?: boolean;
  /** Catch-all rules: dropped where a provider-specific rule reported an overlapping secret. */
  generic?: boolean;
}

export interface RuleText {
  title: string;
  description: string;
  fix: string;
  severity: Severity;
}

/** A built-in rule: every one is a hard-coded credential (CWE-798, OWASP A07:2021). */
export function secretRule(name: string, text: RuleText, detection: Omit<SecretRule, 'meta'>): SecretRule {
  const meta: RuleMeta = { id: `secret/${name}`, scanner: 'secrets', cwe: ['CWE-798'], owasp: ['A07:2021'], ...text };
  return { meta, ...detection };
}
