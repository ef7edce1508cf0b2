import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { LicenseError } from './errors';
import { decodeBase64Url, KEY_VERSION, MAX_KEY_BYTES, SIGNATURE_BYTES, signedText, splitKey } from './format';
import { describeIssues, licensePayloadSchema, type LicensePayload } from './payload';
import { planName } from './plans';

/** kid -> raw Ed25519 public key, base64url (the JWK "x"). */
export type TrustedKeys = Readonly<Record<string, string>>;

export interface VerifyOptions {
  trustedKeys: TrustedKeys;
  now: number; // ms since the epoch
  machine: string; // this machine's fingerprint (machine.ts)
  lastSeen?: number; // the latest time biz has seen on this machine (last-seen.ts)
}

/** valid; expiring: warn, from EXPIRY_WARNING_DAYS before expiry; grace: expired, entitlements kept for graceDays. */
export type LicensePhase = 'valid' | 'expiring' | 'grace';

export interface VerifiedLicense {
  kid: string;
  license: LicensePayload;
  phase: LicensePhase;
  /** Whole days until paid features stop: the expiry, or in grace the end of the grace period. */
  daysLeft: number;
  warning?: string;
}

export const DAY_MS = 86_400_000;
export const EXPIRY_WARNING_DAYS = 14;
export const CLOCK_TOLERANCE_MS = 48 * 3_600_000;

const COPY_AGAIN = 'Copy the key again from your license email; if it still fails, ask your vendor for a new one.';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Verifies a key offline, in this order: size, shape, version and kid, signature, payload, then machine, clock and
 * dates. Returns the license and its phase, or throws a LicenseError (exit 4) that says what is wrong.
 */
export function verifyLicense(key: string, opts: VerifyOptions): VerifiedLicense {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new LicenseError('oversized', `the license key is larger than ${MAX_KEY_BYTES} bytes, so it is not a biz license key`, 'Check that you passed the key itself, or @file naming the file that holds it.');
  }
  const parts = splitKey(key.trim());
  if (!parts) throw new LicenseError('garbage', 'this is not a biz license key (expected biz1.<kid>.<payload>.<signature> on one line)', COPY_AGAIN);
  if (parts.version !== KEY_VERSION) {
    throw new LicenseError('unsupported-version', `license key format "${parts.version}" is not supported by this version of biz`, 'Upgrade biz, then activate the key again.');
  }
  if (!Object.hasOwn(opts.trustedKeys, parts.kid)) {
    throw new LicenseError('unknown-kid', `the license key was signed with key "${parts.kid}", which this version of biz does not trust`, 'If the key is newer than this biz, upgrade biz; otherwise ask your vendor for a new key.');
  }
  const signature = decodeBase64Url(parts.signature);
  if (!signature || signature.length !== SIGNATURE_BYTES) {
    throw new LicenseError('damaged-signature', `the license key's signature is damaged: it is not a ${SIGNATURE_BYTES}-byte Ed25519 signature`, COPY_AGAIN);
  }
  if (!verify(null, Buffer.from(signedText(parts.kid, parts.payload)), publicKey(opts.trustedKeys[parts.kid]), signature)) {
    throw signatureMismatch(parts.payload);
  }
  const license = parsePayload(parts.payload);
  checkMachine(license, opts.machine);
  checkClock(license, opts);
  return { kid: parts.kid, ...checkDates(license, opts.now) };
}

function publicKey(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

/** The signature does not cover this text. Which part changed cannot be known; an unreadable payload is said so. */
function signatureMismatch(payload: string): LicenseError {
  return readsAsJsonObject(payload)
    ? new LicenseError('bad-signature', 'the license key\'s signature does not match its content: the key was forged, or its payload or signature was altered', COPY_AGAIN)
    : new LicenseError('damaged-payload', 'the license key\'s payload is damaged: it was altered after signing and is no longer readable', COPY_AGAIN);
}

function readsAsJsonObject(payload: string): boolean {
  const bytes = decodeBase64Url(payload);
  if (!bytes) return false;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

function parsePayload(payload: string): LicensePayload {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = licensePayloadSchema.safeParse(json);
  if (!parsed.success) {
    throw new LicenseError('invalid-payload', `the license key is signed but its content is not a valid license (${describeIssues(parsed.error)})`, 'Ask your vendor for a new key.');
  }
  return parsed.data;
}

function checkMachine(license: LicensePayload, machine: string): void {
  if (license.machine !== undefined && license.machine !== machine) {
    throw new LicenseError('wrong-machine', `license ${license.id} is bound to another machine`, `This machine's fingerprint is ${machine} (biz license status shows it); ask your vendor for a key bound to it.`, license);
  }
}

function checkClock(license: LicensePayload, { now, lastSeen }: VerifyOptions): void {
  if (lastSeen !== undefined && lastSeen - now > CLOCK_TOLERANCE_MS) {
    throw new LicenseError(
      'clock-turned-back',
      `the system clock (${new Date(now).toISOString()}) is more than 48 hours behind the last time biz ran (${new Date(lastSeen).toISOString()}); license ${license.id} counts as expired until the clock is right`,
      'Set the system clock right (enable NTP); nothing else needs to change.',
      license,
    );
  }
}

function checkDates(license: LicensePayload, now: number): Omit<VerifiedLicense, 'kid'> {
  const notBefore = Date.parse(license.notBefore);
  const expiresAt = Date.parse(license.expiresAt);
  const graceEndsAt = expiresAt + license.graceDays * DAY_MS;
  const daysUntil = (t: number) => Math.ceil((t - now) / DAY_MS);
  if (now < notBefore) {
    throw new LicenseError('not-yet-valid', `license ${license.id} is not valid before ${new Date(notBefore).toISOString()}`, 'Activate it on or after that date, or check the system clock.', license);
  }
  if (now >= graceEndsAt) {
    const renew = `Renew the ${planName(license.plan)} license, then run: biz license activate <key|@file>`;
    if (license.graceDays === 0) throw new LicenseError('expired', `license ${license.id} expired on ${day(expiresAt)}`, renew, license);
    throw new LicenseError('past-grace', `license ${license.id} expired on ${day(expiresAt)} and its ${license.graceDays}-day grace period ended on ${day(graceEndsAt)}`, renew, license);
  }
  if (now >= expiresAt) {
    const daysLeft = daysUntil(graceEndsAt);
    return { license, phase: 'grace', daysLeft, warning: `license ${license.id} expired on ${day(expiresAt)}; paid features keep working in the grace period until ${day(graceEndsAt)} (${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left); renew it` };
  }
  const daysLeft = daysUntil(expiresAt);
  if (daysLeft <= EXPIRY_WARNING_DAYS) {
    return { license, phase: 'expiring', daysLeft, warning: `license ${license.id} expires on ${day(expiresAt)} (in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}); renew it to keep the ${planName(license.plan)} features` };
  }
  return { license, phase: 'valid', daysLeft };
}
