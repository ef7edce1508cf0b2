import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { registerSecret } from '../core/redact';
import { recordLicenseEvent } from '../license/audit';
import { LicenseError } from '../license/errors';
import { MAX_KEY_BYTES, splitKey } from '../license/format';
import { readStoredKey, storeKey } from '../license/key-file';
import { localVerifyOptions } from '../license/local';
import { planName } from '../license/plans';
import { stateOfKey } from '../license/state';
import { verifyLicense, type VerifiedLicense, type VerifyOptions } from '../license/verify';
import { printInfo, printWarning } from '../ui/messages';

/** The key itself, or the contents of @file; reads at most one byte past the size limit (so @/dev/stdin works). */
function readKeyArgument(arg: string, cwd: string): string {
  if (!arg.startsWith('@')) return arg;
  const path = resolve(cwd, arg.slice(1));
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new UsageError(`cannot read the license key file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const buffer = Buffer.alloc(MAX_KEY_BYTES + 1);
    let length = 0;
    let read: number;
    do {
      read = readSync(fd, buffer, length, buffer.length - length, null);
      length += read;
    } while (read > 0 && length < buffer.length);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function verifyOrRecordRefusal(ctx: Context, key: string, options: VerifyOptions): VerifiedLicense {
  try {
    return verifyLicense(key, options);
  } catch (err) {
    if (err instanceof LicenseError) recordLicenseEvent(ctx, 'license.refused', { action: 'activate', failure: err.failure, licenseId: err.license?.id ?? null });
    throw err;
  }
}

/** `biz license activate <key|@file>`: verifies the key, then stores it; a refused key changes nothing (exit 4). */
export default async function licenseActivate(args: string[], _flags: Record<string, unknown>, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const key = readKeyArgument(args[0] ?? '', ctx.cwd).trim();
  if (splitKey(key)) registerSecret(key); // masked in any log line or message, should one ever quote it
  const options = localVerifyOptions(ctx);
  const verified = verifyOrRecordRefusal(ctx, key, options);
  const previous = stateOfKey(readStoredKey(ctx.config.paths), options);
  storeKey(ctx.config.paths, key);
  const { license, kid } = verified;
  recordLicenseEvent(ctx, 'license.activated', { licenseId: license.id, kid, plan: license.plan, expiresAt: license.expiresAt, replaced: previous.licenseId });
  if (verified.warning) printWarning(verified.warning);
  printInfo(`Activated license ${license.id}: ${planName(license.plan)} plan for ${license.customer}, ${license.seats} ${license.seats === 1 ? 'seat' : 'seats'}, until ${license.expiresAt.slice(0, 10)}.`);
  return 0;
}
