import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../config/files';
import type { BizPaths } from '../config/paths';
import { AuthError } from './errors';
import type { TokenSet } from './tokens';

const tokenSetSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  expiresAt: z.number(),
  scope: z.string().optional(),
});

const recordSchema = z.object({
  version: z.literal(1),
  tenant: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  allowHttp: z.boolean(),
  storage: z.enum(['keyring', 'file']),
  savedAt: z.string(),
  /** Present only when storage is "file"; with "keyring" the tokens live in the OS keyring. */
  tokens: tokenSetSchema.optional(),
});

/** A tenant's login: which realm and client, and where the tokens are. One file per tenant, readable only by the user. */
export type LoginRecord = z.infer<typeof recordSchema>;

export const parseTokenSet = (text: string): TokenSet => tokenSetSchema.parse(JSON.parse(text));

export function credentialsDir(paths: BizPaths): string {
  return join(paths.configDir, 'credentials');
}

export function loginRecordPath(paths: BizPaths, tenant: string): string {
  return join(credentialsDir(paths), `${tenant}.json`);
}

export function readLoginRecord(paths: BizPaths, tenant: string): LoginRecord | undefined {
  const path = loginRecordPath(paths, tenant);
  if (!existsSync(path)) return undefined;
  try {
    return recordSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw new AuthError(`the login record ${path} is damaged`, 'Run: biz logout, then biz login');
  }
}

/** Written atomically with mode 0600 in a 0700 directory (both enforced, whatever the umask or an older install left). */
export function writeLoginRecord(paths: BizPaths, record: LoginRecord): void {
  const dir = credentialsDir(paths);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const path = loginRecordPath(paths, record.tenant);
  writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`, 0o600);
  chmodSync(path, 0o600);
}

export function deleteLoginRecord(paths: BizPaths, tenant: string): void {
  rmSync(loginRecordPath(paths, tenant), { force: true });
}
