import { generateKeyPairSync, sign } from 'node:crypto';
import { signedText } from '../../src/license/format';
import { fingerprintOf } from '../../src/license/machine';
import type { LicensePayload } from '../../src/license/payload';
import { generateSigningKeyPair, issueLicense } from '../../src/license/signing';
import type { VerifyOptions } from '../../src/license/verify';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** "Now" for every verification in these tests; nothing depends on the real clock. */
export const NOW = Date.parse('2026-06-01T12:00:00.000Z');
export const MACHINE = fingerprintOf('machine-id:this-test-machine');

const iso = (ms: number) => new Date(ms).toISOString();

export function payload(overrides: Partial<LicensePayload> = {}): LicensePayload {
  return {
    id: 'lic-0001',
    customer: 'Acme GmbH',
    plan: 'team',
    entitlements: ['agent:security', 'agent:coding', 'agent:marketing', 'agent:bizdev', 'team', 'sso', 'tenants'],
    seats: 5,
    issuedAt: iso(NOW - 30 * DAY),
    notBefore: iso(NOW - 30 * DAY),
    expiresAt: iso(NOW + 365 * DAY),
    graceDays: 7,
    ...overrides,
  };
}

/** A throwaway signing key made in the test, and the trusted-keys map that trusts it. */
export function testSigner(kid = 'test-1') {
  const pair = generateSigningKeyPair();
  return {
    kid,
    privateKeyPem: pair.privateKeyPem,
    publicKey: pair.publicKey,
    trustedKeys: { [kid]: pair.publicKey } as Record<string, string>,
    issue: (overrides: Partial<LicensePayload> = {}) => issueLicense(payload(overrides), pair.privateKeyPem, kid),
  };
}

export function options(trustedKeys: Record<string, string>, overrides: Partial<VerifyOptions> = {}): VerifyOptions {
  return { trustedKeys, now: NOW, machine: MACHINE, ...overrides };
}

/** Signs any text as a payload, valid license or not, with a fresh key under `kid`: for keys no vendor would issue. */
export function signRaw(payloadText: string, kid: string, privateKeyPem?: string): string {
  const key = privateKeyPem ?? generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const encoded = Buffer.from(payloadText, 'utf8').toString('base64url');
  return `${signedText(kid, encoded)}.${sign(null, Buffer.from(signedText(kid, encoded)), key).toString('base64url')}`;
}

/** Replaces one of the four dot-separated parts. */
export function withPart(key: string, index: number, replace: (part: string) => string): string {
  const parts = key.split('.');
  parts[index] = replace(parts[index]);
  return parts.join('.');
}

/** Changes the character at `at` to another base64url character. */
export function flipChar(text: string, at: number): string {
  const c = text[at];
  return `${text.slice(0, at)}${c === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
}
