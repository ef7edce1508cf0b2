import { credentialKind, looksLikeCredential } from '../code/credentials';

/** Shell variables whose names look like credentials but are not: $PWD is the working directory. */
const SHELL_BUILTINS = new Set(['PWD', 'OLDPWD']);

/** True when a variable's name says it holds a password, secret, token or key (DB_PASSWORD, apiKey, CI_JOB_TOKEN). */
export function isSecretName(name: string): boolean {
  return !SHELL_BUILTINS.has(name) && credentialKind(name) !== undefined;
}

/** A literal, real-looking value given to a secret-named variable: not empty, not a `$REFERENCE`, not a placeholder. */
export function isHardcodedSecret(name: string, value: string): boolean {
  const kind = SHELL_BUILTINS.has(name) ? undefined : credentialKind(name);
  return kind !== undefined && !value.trimStart().startsWith('$') && looksLikeCredential(value, name, kind);
}
