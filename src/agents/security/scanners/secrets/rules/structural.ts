import { caseless, regex } from '../patterns';
import { secretRule, type SecretRule } from '../rule';

const KEY_KIND = '(?:[A-Z0-9]+ ){0,3}';

/** A JWT only if its first part is base64url JSON naming a signing algorithm. */
function hasJwtHeader(token: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

/** Values a generic assignment holds that are code, not credentials: references, paths, versions, words. */
function looksLikeCredential(value: string): boolean {
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false; // this.config.key1
  if (/^\.{0,2}\//.test(value) || value.includes('://')) return false;
  if (/^v?\d+(?:\.\d+)+(?:[-+.][\w.]+)?$/.test(value)) return false;
  return !/^[a-z]+(?:[_.-][a-z0-9]+)+$/i.test(value); // snake_case or kebab-case names
}

/** Words that turn up in assigned values of ordinary code, never inside a random credential. */
const GENERIC_STOPWORDS = [
  'function', 'return', 'undefined', 'null', 'localhost', 'example', 'process', 'config', 'settings', 'bearer',
  'password', 'secret', 'token', 'apikey', 'api_key', 'client', 'string', 'number', 'boolean', 'default', 'required',
  'optional', 'header', 'cookie', 'session', 'request', 'response', 'value', 'input', 'field', 'label', 'message',
  'error', 'invalid', 'missing', 'expired', 'length', 'format', 'enter', 'please', 'hidden', 'display', 'button',
];

const ASSIGN = `[\\w.-]{0,20}["'\\x60]?\\s*(?:=|:=|=>|:|\\?\\?=|\\|\\|=)\\s*(?:[rbu]?["'\\x60])?`;
const VALUE_END = `(?=["'\\x60\\s;,)]|$)`;

export const STRUCTURAL_RULES: SecretRule[] = [
  secretRule(
    'private-key',
    {
      title: 'Private key',
      description: 'A PEM or PGP private key (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted) is committed with its body.',
      fix: 'Treat the key as compromised: revoke its certificate or remove it from authorized_keys and the services that trust it, then generate a new one kept out of the repository.',
      severity: 'critical',
    },
    {
      keywords: ['-----begin'],
      regex: regex(
        `(-----BEGIN ${KEY_KIND}PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\\s:,.()'-]{64,}?-----END ${KEY_KIND}PRIVATE KEY(?: BLOCK)?-----)`,
      ),
      entropy: 4,
      wholeText: true,
      repeatsAllowed: true,
    },
  ),
  secretRule(
    'jwt',
    {
      title: 'JSON Web Token',
      description: 'A signed JSON Web Token is committed: until it expires it authenticates as its subject.',
      fix: 'Invalidate the token (revoke the session or rotate the signing key if it never expires) and obtain tokens at run time.',
      severity: 'medium',
    },
    {
      keywords: ['eyj'],
      regex: regex(`\\b(eyJ[\\w-]{10,}\\.[\\w-]{10,}\\.[\\w-]{16,})(?![\\w.-])`),
      check: hasJwtHeader,
      entropy: 3,
    },
  ),
  secretRule(
    'database-url-password',
    {
      title: 'Password in a connection string',
      description: 'A database or message-broker URL (PostgreSQL, MySQL, MongoDB, Redis, AMQP, SQL Server, JDBC) carries its password in clear.',
      fix: 'Change the password on the server, and build the URL at run time from a secret store or environment variable.',
      severity: 'high',
    },
    {
      keywords: [
        'postgres://', 'postgresql://', 'mysql://', 'mariadb://', 'mongodb://', 'mongodb+srv://', 'redis://',
        'rediss://', 'amqp://', 'amqps://', 'mssql://', 'sqlserver://', 'jdbc:',
      ],
      regex: regex(
        `\\b(?:jdbc:[a-z0-9]+|postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver)://` +
          `[^\\s:@/'"\\x60<>]*:([^\\s@/'"\\x60<>]+)@[^\\s/'"\\x60@]+`,
      ),
      allow: [
        /^(?:pass(?:w(?:or)?d)?|pwd|secret|changeme|root|admin|guest|user(?:name)?|test|postgres|mysql|redis|rabbitmq|mongo|sa)$/i,
      ],
    },
  ),
  secretRule(
    'generic-api-key',
    {
      title: 'Generic API key or token',
      description: 'A high-entropy value is assigned to a name that says it is a secret, token or API key.',
      fix: 'If it is a credential, revoke it with its issuer and load the new one from the environment or a secret store.',
      severity: 'medium',
    },
    {
      keywords: ['secret', 'token', 'api_key', 'apikey', 'api-key', 'credential', 'private_key', 'privatekey', 'access_key', 'accesskey'],
      regex: regex(
        `${caseless('(?:api[_.-]?key|secret|token|credential|private[_.-]?key|access[_.-]?key)')}${ASSIGN}` +
          `([A-Za-z0-9_.~+/=!@#$%^&*-]{12,200})${VALUE_END}`,
      ),
      entropy: 3.5,
      check: looksLikeCredential,
      stopwords: GENERIC_STOPWORDS,
      generic: true,
    },
  ),
  secretRule(
    'generic-password',
    {
      title: 'Hard-coded password',
      description: 'A literal value is assigned to a name that says it is a password.',
      fix: 'Change the password where it is used and read it from the environment or a secret store at run time.',
      severity: 'low',
    },
    {
      keywords: ['password', 'passwd', 'passphrase', 'pwd'],
      regex: regex(`${caseless('(?:pass(?:word|wd|phrase)|pwd)')}${ASSIGN}([A-Za-z0-9_.~+/=!@#$%^&*?-]{10,200})${VALUE_END}`),
      entropy: 3.2,
      check: looksLikeCredential,
      stopwords: GENERIC_STOPWORDS,
      generic: true,
    },
  ),
];
