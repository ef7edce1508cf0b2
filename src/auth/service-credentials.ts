import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../config/files';
import type { BizPaths } from '../config/paths';
import { registerSecret } from '../core/redact';
import { AuthError } from './errors';
import { deleteKeyring, KeyringUnavailableError, readKeyring, writeKeyring } from './keyring';
import { credentialsDir } from './login-record';
import type { SaveOptions, Storage } from './credential-store';

/** Third-party services whose credentials `biz market connect` and `biz lead connect` keep. */
export type ServiceName = 'x' | 'slack' | 'salesforce';

/** A service's credential fields, e.g. {appKey, appSecret, accessToken, accessSecret} for X. All values are secret. */
export type ServiceSecret = Record<string, string>;

const secretSchema = z.record(z.string(), z.string());
/** `settings` are what is not secret (an instance URL, the account's name); `secret` is present only with file storage. */
const entrySchema = z.object({ storage: z.enum(['keyring', 'file']), savedAt: z.string(), settings: secretSchema.default({}), secret: secretSchema.optional() });
const fileSchema = z.object({ version: z.literal(1), services: z.record(z.string(), entrySchema) });
type ServicesFile = z.infer<typeof fileSchema>;
export type ServiceEntry = z.infer<typeof entrySchema>;
export interface StoredService {
  secret: ServiceSecret;
  settings: Record<string, string>;
}

const filePath = (paths: BizPaths, tenant: string) => join(credentialsDir(paths), `${tenant}.services.json`);
const account = (tenant: string, service: ServiceName) => `${tenant}:service:${service}`;

function readFile(paths: BizPaths, tenant: string): ServicesFile {
  const path = filePath(paths, tenant);
  if (!existsSync(path)) return { version: 1, services: {} };
  try {
    return fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw new AuthError(`the service credentials file ${path} is damaged`, 'Delete it, then connect the services again (biz market connect, biz lead connect).');
  }
}

function writeFile(paths: BizPaths, tenant: string, file: ServicesFile): void {
  const dir = credentialsDir(paths);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const path = filePath(paths, tenant);
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, 0o600);
  chmodSync(path, 0o600);
}

/** Stores a service's credentials: in the OS keyring when it answers, otherwise (or with insecureStorage) in the 0600 file. */
export async function saveServiceSecret(
  paths: BizPaths,
  tenant: string,
  service: ServiceName,
  secret: ServiceSecret,
  opts: SaveOptions & { settings?: Record<string, string> },
): Promise<Storage> {
  let storage: Storage = 'file';
  if (!opts.insecureStorage) {
    try {
      await writeKeyring(account(tenant, service), JSON.stringify(secret));
      storage = 'keyring';
    } catch (err) {
      if (!(err instanceof KeyringUnavailableError)) throw err;
      opts.onKeyringUnavailable(err.message);
    }
  }
  const file = readFile(paths, tenant);
  const previous = file.services[service];
  file.services[service] = { storage, savedAt: new Date().toISOString(), settings: opts.settings ?? {}, ...(storage === 'file' ? { secret } : {}) };
  writeFile(paths, tenant, file);
  if (storage === 'file' && previous?.storage === 'keyring') await deleteKeyring(account(tenant, service)).catch(() => undefined);
  return storage;
}

/** The stored credentials of a service, or undefined when it was never connected (or its keyring entry is gone). */
export async function loadService(paths: BizPaths, tenant: string, service: ServiceName): Promise<StoredService | undefined> {
  const entry = readFile(paths, tenant).services[service];
  if (!entry) return undefined;
  let secret = entry.secret;
  if (entry.storage === 'keyring') {
    let text: string | undefined;
    try {
      text = await readKeyring(account(tenant, service));
    } catch (err) {
      throw new AuthError(`cannot read the ${service} credentials of ${tenant}: ${(err as Error).message}`, 'Unlock the OS keyring, or connect again with --insecure-storage.');
    }
    if (text === undefined) return undefined;
    secret = secretSchema.parse(JSON.parse(text));
  }
  if (!secret) return undefined;
  for (const value of Object.values(secret)) registerSecret(value);
  return { secret, settings: entry.settings };
}

/** Where each connected service's credentials are kept (no secrets): for `connect --status` and doctor. */
export function listServices(paths: BizPaths, tenant: string): Record<string, Omit<ServiceEntry, 'secret'>> {
  const out: Record<string, Omit<ServiceEntry, 'secret'>> = {};
  for (const [name, { storage, savedAt, settings }] of Object.entries(readFile(paths, tenant).services)) out[name] = { storage, savedAt, settings };
  return out;
}

/** Forgets a service's credentials wherever they are; true when there were any. */
export async function deleteServiceSecret(paths: BizPaths, tenant: string, service: ServiceName): Promise<boolean> {
  const file = readFile(paths, tenant);
  const entry = file.services[service];
  if (!entry) return false;
  if (entry.storage === 'keyring') await deleteKeyring(account(tenant, service)).catch(() => undefined);
  delete file.services[service];
  writeFile(paths, tenant, file);
  return true;
}
