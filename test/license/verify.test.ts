import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../src/core/errors';
import { LicenseError, type LicenseFailure } from '../../src/license/errors';
import { fingerprintOf } from '../../src/license/machine';
import { verifyLicense, type VerifyOptions } from '../../src/license/verify';
import { DAY, flipChar, HOUR, MACHINE, NOW, options, payload, signRaw, testSigner, withPart } from './support';

const signer = testSigner('test-1');
const trusted = signer.trustedKeys;

function refusal(key: string, opts: VerifyOptions = options(trusted)): LicenseError {
  try {
    verifyLicense(key, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(LicenseError);
    expect(exitCodeOf(err)).toBe(4);
    return err as LicenseError;
  }
  throw new Error('the key was accepted');
}

function expectRefused(key: string, failure: LicenseFailure, message: RegExp, opts?: VerifyOptions): LicenseError {
  const err = refusal(key, opts);
  expect(err.failure).toBe(failure);
  expect(err.message).toMatch(message);
  if (key.length > 8) expect(err.message).not.toContain(key);
  return err;
}

const MISMATCH = /^the license key's signature does not match its content: the key was forged, or its payload or signature was altered$/;

describe('verifyLicense: a good key', () => {
  it('accepts a key signed by a trusted kid and returns its payload, phase and days left', () => {
    const verified = verifyLicense(signer.issue(), options(trusted));
    expect(verified).toEqual({ kid: 'test-1', license: payload(), phase: 'valid', daysLeft: 365 });
  });

  it('accepts surrounding whitespace (a key pasted from an email) and a key bound to this machine', () => {
    expect(verifyLicense(`\n  ${signer.issue({ machine: MACHINE })}\n`, options(trusted)).phase).toBe('valid');
  });

  it('rotation: the map can hold several kids, and each key verifies against its own', () => {
    const next = testSigner('test-2');
    const both = { ...trusted, ...next.trustedKeys };
    expect(verifyLicense(signer.issue(), options(both)).kid).toBe('test-1');
    expect(verifyLicense(next.issue(), options(both)).kid).toBe('test-2');
  });
});

describe('verifyLicense: refusals, each with its own message and exit code 4', () => {
  it('forged: signed by an unknown key under a known kid', () => {
    const forger = testSigner('test-1');
    const err = expectRefused(forger.issue({ plan: 'enterprise', seats: 1000 }), 'bad-signature', MISMATCH);
    expect(err.hint).toMatch(/Copy the key again/);
    expect(err.license).toBeUndefined();
  });

  it('tampered payload: an edited payload fails the signature; an unreadable one is called damaged', () => {
    const key = signer.issue();
    const edited = withPart(key, 2, () => Buffer.from(JSON.stringify(payload({ seats: 500 }))).toString('base64url'));
    expectRefused(edited, 'bad-signature', MISMATCH);
    expectRefused(withPart(key, 2, (p) => flipChar(p, 5)), 'damaged-payload', /^the license key's payload is damaged: it was altered after signing and is no longer readable$/);
  });

  it('tampered signature: a changed byte fails the signature; a cut one is not a signature at all', () => {
    const key = signer.issue();
    expectRefused(withPart(key, 3, (s) => flipChar(s, 10)), 'bad-signature', MISMATCH);
    expectRefused(withPart(key, 3, (s) => s.slice(0, 80)), 'damaged-signature', /^the license key's signature is damaged: it is not a 64-byte Ed25519 signature$/);
  });

  it('unknown kid, named in the message, with advice to upgrade', () => {
    const err = expectRefused(testSigner('other-9').issue(), 'unknown-kid', /^the license key was signed with key "other-9", which this version of biz does not trust$/);
    expect(err.hint).toMatch(/upgrade biz/);
    expectRefused(signRaw('{}', 'constructor'), 'unknown-kid', /key "constructor"/);
  });

  it('an unknown format version', () => {
    expectRefused(withPart(signer.issue(), 0, () => 'biz2'), 'unsupported-version', /^license key format "biz2" is not supported by this version of biz$/);
  });

  it('expired, with no grace period', () => {
    const err = expectRefused(signer.issue({ expiresAt: new Date(NOW - DAY).toISOString(), graceDays: 0 }), 'expired', /^license lic-0001 expired on 2026-05-31$/);
    expect(err.license?.id).toBe('lic-0001');
    expect(err.hint).toMatch(/Renew the Team license, then run: biz license activate/);
  });

  it('past the grace period', () => {
    const key = signer.issue({ expiresAt: new Date(NOW - 10 * DAY).toISOString(), graceDays: 7 });
    expectRefused(key, 'past-grace', /^license lic-0001 expired on 2026-05-22 and its 7-day grace period ended on 2026-05-29$/);
  });

  it('not yet valid', () => {
    const key = signer.issue({ notBefore: new Date(NOW + 2 * DAY).toISOString() });
    expectRefused(key, 'not-yet-valid', /^license lic-0001 is not valid before 2026-06-03T12:00:00.000Z$/);
  });

  it('oversized, before anything else is looked at', () => {
    expectRefused(`biz1.test-1.${'A'.repeat(9000)}.sig`, 'oversized', /^the license key is larger than 8192 bytes, so it is not a biz license key$/);
    expectRefused('x'.repeat(8193), 'oversized', /larger than 8192 bytes/);
  });

  it('garbage: anything without the four-part shape', () => {
    for (const key of ['', 'hello', 'biz1.test-1.abc', 'biz1.TEST.abc.def', 'biz1.test-1.a+b.c/d', 'a.b.c.d.e', 'eyJhbGciOiJIUzI1NiJ9.e30.sig']) {
      expectRefused(key, 'garbage', /^this is not a biz license key \(expected biz1\.<kid>\.<payload>\.<signature> on one line\)$/);
    }
  });

  it('a clock turned back more than 48 hours behind the last time biz ran, until it is right again', () => {
    const key = signer.issue();
    const lastSeen = NOW + 49 * HOUR;
    const err = expectRefused(key, 'clock-turned-back', /^the system clock \(2026-06-01T12:00:00\.000Z\) is more than 48 hours behind the last time biz ran \(2026-06-03T13:00:00\.000Z\); license lic-0001 counts as expired until the clock is right$/, options(trusted, { lastSeen }));
    expect(err.hint).toMatch(/Set the system clock right/);
    expect(verifyLicense(key, options(trusted, { lastSeen: NOW + 47 * HOUR })).phase).toBe('valid');
    expect(verifyLicense(key, options(trusted, { lastSeen, now: lastSeen })).phase).toBe('valid');
  });

  it('a key bound to another machine, naming this machine\'s fingerprint for the vendor', () => {
    const err = expectRefused(signer.issue({ machine: fingerprintOf('machine-id:elsewhere') }), 'wrong-machine', /^license lic-0001 is bound to another machine$/);
    expect(err.hint).toContain(MACHINE);
  });

  it('a signed payload that is not a valid license names the fields', () => {
    const key = signRaw(JSON.stringify({ ...payload(), plan: 'platinum', seats: 0 }), 'test-1', signer.privateKeyPem);
    expectRefused(key, 'invalid-payload', /^the license key is signed but its content is not a valid license \(plan: .+; seats: .+\)$/);
    expectRefused(signRaw('not json', 'test-1', signer.privateKeyPem), 'invalid-payload', /not a valid license/);
  });
});

describe('verifyLicense: the check order', () => {
  it('size, then shape, then version and kid, then signature, then payload, then dates', () => {
    expectRefused(`${'x'.repeat(9000)}`, 'oversized', /larger/);
    expectRefused(withPart(signer.issue(), 0, () => 'biz2').replace('test-1', 'nobody'), 'unsupported-version', /biz2/);
    expectRefused(withPart(testSigner('nobody').issue(), 3, () => 'AAAA'), 'unknown-kid', /nobody/);
    expectRefused(signRaw('not json', 'test-1'), 'damaged-payload', /damaged/);
    const expiredAndForged = testSigner('test-1').issue({ expiresAt: new Date(NOW - 30 * DAY).toISOString(), graceDays: 0 });
    expectRefused(expiredAndForged, 'bad-signature', MISMATCH);
  });
});

describe('verifyLicense: warnings that keep the entitlements', () => {
  it('in grace: expired, still working, with the end of the grace period', () => {
    const verified = verifyLicense(signer.issue({ expiresAt: new Date(NOW - 2 * DAY).toISOString(), graceDays: 7 }), options(trusted));
    expect(verified.phase).toBe('grace');
    expect(verified.daysLeft).toBe(5);
    expect(verified.warning).toBe('license lic-0001 expired on 2026-05-30; paid features keep working in the grace period until 2026-06-06 (5 days left); renew it');
  });

  it('expiring: the warning starts 14 days before expiry', () => {
    const soon = verifyLicense(signer.issue({ expiresAt: new Date(NOW + 10 * DAY).toISOString() }), options(trusted));
    expect(soon.phase).toBe('expiring');
    expect(soon.warning).toBe('license lic-0001 expires on 2026-06-11 (in 10 days); renew it to keep the Team features');
    expect(verifyLicense(signer.issue({ expiresAt: new Date(NOW + 14 * DAY).toISOString() }), options(trusted)).phase).toBe('expiring');
    const later = verifyLicense(signer.issue({ expiresAt: new Date(NOW + 15 * DAY).toISOString() }), options(trusted));
    expect(later.phase).toBe('valid');
    expect(later.warning).toBeUndefined();
  });
});
