/** Building blocks for rule regexes (as regex source text). */

/** The token must not continue: no word character or dash right after it. */
export const END = '(?![\\w-])';

/** `auth[_-]?token` -> `[aA][uU]...`: letters match either case without making the whole regex case-insensitive. */
export function caseless(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i++;
    } else if (/[a-z]/.test(ch)) {
      out += `[${ch}${ch.toUpperCase()}]`;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * An assignment of a value to a name that says what it is (gitleaks' semi-generic shape): `discord_token = "..."`,
 * `DISCORD_TOKEN: ...`, `"discordToken" => '...'`. `names` is lower-case regex source, matched in either case;
 * the value becomes capture group 1.
 */
export function assigned(names: string, value: string): string {
  return (
    `${caseless(`(?:${names})`)}[ \\t\\w.-]{0,20}[\\s'"]{0,3}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[\\x60'"\\s=]{0,5}` +
    `(${value})(?:[\\x60'"\\s;,)\\]}]|\\\\[nr]|$)`
  );
}

export function regex(source: string, flags = ''): RegExp {
  return new RegExp(source, `g${flags}`);
}
