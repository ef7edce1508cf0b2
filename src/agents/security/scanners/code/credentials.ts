/** What a name says it holds: a human password, a secret of any shape, or a machine token. */
export type CredentialKind = 'password' | 'secret' | 'token';

/** dbPassword, DB_PASSWORD and db-password all become db_password. */
function snakeCase(name: string): string {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z\d]+/g, '_')
    .toLowerCase();
}

const CREDENTIAL_SUFFIX: [RegExp, CredentialKind][] = [
  [/(?:^|_)(?:password|passwd|passphrase|pwd)$/, 'password'],
  [/(?:^|_)(?:secret|secret_key|client_secret|private_key)$/, 'secret'],
  [/(?:^|_)(?:token|api_?key|access_key|auth_key)$/, 'token'],
];

const MAYBE_CREDENTIAL = /pass|pwd|secret|token|key/i;

export function credentialKind(name: string): CredentialKind | undefined {
  if (!MAYBE_CREDENTIAL.test(name)) return undefined;
  const normalised = snakeCase(name);
  return CREDENTIAL_SUFFIX.find(([suffix]) => suffix.test(normalised))?.[1];
}

const PASSWORD_WORD = /pass(?:w(?:or)?d|phrase)|pwd/i;

export function isPasswordName(name: string): boolean {
  return PASSWORD_WORD.test(name);
}

const PLACEHOLDER_WORDS =
  /^(?:change[_-]?me|changeit|password\d*|passwd|secret|token|api[_-]?key|test(?:ing)?|dummy|example|sample|placeholder|default|none|null|nil|undefined|empty|foo|bar|baz|fake|mock|redacted|hidden|todo|tbd|bearer|basic|required|optional|string|xxx\w*|(?:your|my|enter)\b.*)$/i;
const PLACEHOLDER_PART = /example|placeholder|changeme|dummy|your[_-]|<[^>]*>|\$\{|\{\{|%\(|process\.env|os\.environ/i;
const FILLER = /^(.)\1*$/;
const ENVIRONMENT_NAME = /^[A-Z][A-Z\d]*(?:_[A-Z\d]+)+$/;
const TOKEN_SHAPE = /^[\w\-.+/=~:]{8,}$/;

/**
 * True when a string assigned to a credential name is a real-looking value rather than a label, a placeholder, an
 * environment variable's name or a path.
 */
export function looksLikeCredential(value: string, name: string, kind: CredentialKind): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 6 || FILLER.test(trimmed)) return false;
  if (PLACEHOLDER_WORDS.test(trimmed) || PLACEHOLDER_PART.test(trimmed)) return false;
  if (snakeCase(trimmed) === snakeCase(name) || ENVIRONMENT_NAME.test(trimmed)) return false;
  if (/^\.{0,2}\//.test(trimmed) || trimmed.split(/\s+/).length >= 3) return false;
  if (kind === 'token') return TOKEN_SHAPE.test(trimmed) && (/\d/.test(trimmed) || trimmed.length >= 16);
  return true;
}

