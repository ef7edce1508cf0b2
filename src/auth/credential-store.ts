import type { BizPaths } from '../config/paths';
import { AuthError, LOGIN_HINT } from './errors';
import { deleteKeyring, KeyringUnavailableError, readKeyring, writeKeyring } from './keyring';
import { deleteLoginRecord, parseTokenSet, readLoginRecord, writeLoginRecord, type LoginRecord } from './login-record';
import { keyringAccount, type AuthTarget } from './target';
import { registerTokens, type TokenSet } from './tokens';

export type Storage = LoginRecord['storage'];

export interface StoredLogin {
  record: LoginRecord;
  tokens: TokenSet;
}

export interface SaveOptions {
  /** Write the file without trying the keyring (--insecure-storage). */
  insecureStorage: boolean;
  /** Called when the keyring could not be used and the file was chosen instead. */
  onKeyringUnavailable(reason: string): void;
}

function recordFor(target: AuthTarget, storage: Storage, tokens?: TokenSet): LoginRecord {
  return { version: 1, tenant: target.tenant, issuer: target.issuer, clientId: target.clientId, allowHttp: target.allowHttp, storage, savedAt: new Date().toISOString(), ...(tokens ? { tokens } : {}) };
}

export function targetOf(record: LoginRecord): AuthTarget {
  return { tenant: record.tenant, issuer: record.issuer, clientId: record.clientId, allowHttp: record.allowHttp };
}

/** Stores a new login: in the OS keyring when it answers, otherwise (or with insecureStorage) in the login file. */
export async function saveLogin(paths: BizPaths, target: AuthTarget, tokens: TokenSet, opts: SaveOptions): Promise<Storage> {
  const previous = readLoginRecord(paths, target.tenant);
  if (!opts.insecureStorage) {
    try {
      await writeKeyring(keyringAccount(target), JSON.stringify(tokens));
      writeLoginRecord(paths, recordFor(target, 'keyring'));
      return 'keyring';
    } catch (err) {
      if (!(err instanceof KeyringUnavailableError)) throw err;
      opts.onKeyringUnavailable(err.message);
    }
  }
  writeLoginRecord(paths, recordFor(target, 'file', tokens));
  if (previous?.storage === 'keyring') await deleteKeyring(keyringAccount(targetOf(previous))).catch(() => undefined);
  return 'file';
}

/** The tenant's login, or undefined when there is none (or its keyring entry is gone). */
export async function loadLogin(paths: BizPaths, tenant: string): Promise<StoredLogin | undefined> {
  const record = readLoginRecord(paths, tenant);
  if (!record) return undefined;
  let tokens: TokenSet | undefined = record.tokens;
  if (record.storage === 'keyring') {
    let secret: string | undefined;
    try {
      secret = await readKeyring(keyringAccount(record));
    } catch (err) {
      throw new AuthError(`cannot read your login for ${tenant}: ${(err as Error).message}`, 'Unlock the OS keyring, or run: biz login --insecure-storage');
    }
    if (secret === undefined) return undefined;
    try {
      tokens = parseTokenSet(secret);
    } catch {
      throw new AuthError(`the keyring entry of your login for ${tenant} is damaged`, LOGIN_HINT);
    }
  }
  if (!tokens) return undefined;
  registerTokens(tokens);
  return { record, tokens };
}

/** Replaces the tokens of an existing login where they already are. */
export async function updateTokens(paths: BizPaths, login: StoredLogin, tokens: TokenSet): Promise<void> {
  const target = targetOf(login.record);
  if (login.record.storage === 'keyring') {
    await writeKeyring(keyringAccount(target), JSON.stringify(tokens)).catch((err: Error) => {
      throw new AuthError(`cannot save the refreshed login: ${err.message}`, 'Unlock the OS keyring, or run: biz login --insecure-storage');
    });
  } else {
    writeLoginRecord(paths, recordFor(target, 'file', tokens));
  }
}

/** Deletes the tenant's tokens from wherever they are. A keyring that does not answer leaves its entry behind: reported. */
export async function deleteLogin(paths: BizPaths, record: LoginRecord): Promise<{ keyringError?: string }> {
  let keyringError: string | undefined;
  if (record.storage === 'keyring') {
    await deleteKeyring(keyringAccount(record)).catch((err: Error) => (keyringError = err.message));
  }
  deleteLoginRecord(paths, record.tenant);
  return keyringError ? { keyringError } : {};
}
