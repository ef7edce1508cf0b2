import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src/license/machine';
import { COMMUNITY_ENTITLEMENTS } from '../../src/license/plans';
import { COMMUNITY_STATE, stateOfKey } from '../../src/license/state';
import { DAY, flipChar, HOUR, NOW, options, testSigner, withPart } from './support';

const signer = testSigner('test-1');
const opts = options(signer.trustedKeys);
const iso = (ms: number) => new Date(ms).toISOString();

describe('stateOfKey: what a stored key (or none) gives', () => {
  it('no key: Community, all four agents, one seat', () => {
    const state = stateOfKey(undefined, opts);
    expect(state).toEqual(COMMUNITY_STATE);
    expect(state.entitlements).toEqual(['agent:security', 'agent:coding', 'agent:marketing', 'agent:bizdev']);
  });

  it('a valid Team key: its entitlements on top of Community, with customer, seats and id', () => {
    const state = stateOfKey(signer.issue({ entitlements: ['team', 'sso', 'tenants'], requiredIssuer: 'https://sso.acme.test/realms/acme' }), opts);
    expect(state).toEqual({
      plan: 'team',
      status: 'valid',
      entitlements: [...COMMUNITY_ENTITLEMENTS, 'team', 'sso', 'tenants'],
      expiresAt: iso(NOW + 365 * DAY),
      daysLeft: 365,
      message: `Team plan for Acme GmbH (5 seats), license lic-0001, valid until ${iso(NOW + 365 * DAY).slice(0, 10)}`,
      requiredIssuer: 'https://sso.acme.test/realms/acme',
      seats: 5,
      customer: 'Acme GmbH',
      licenseId: 'lic-0001',
      kid: 'test-1',
    });
  });

  it('expiring and in grace: entitlements kept, the warning is the message', () => {
    const expiring = stateOfKey(signer.issue({ expiresAt: iso(NOW + 3 * DAY) }), opts);
    expect(expiring).toMatchObject({ status: 'expiring', daysLeft: 3, message: expect.stringMatching(/expires on .* \(in 3 days\)/) });
    expect(expiring.entitlements).toContain('team');
    const grace = stateOfKey(signer.issue({ expiresAt: iso(NOW - DAY), graceDays: 7 }), opts);
    expect(grace).toMatchObject({ status: 'grace', daysLeft: 6, message: expect.stringMatching(/grace period until/) });
    expect(grace.entitlements).toContain('team');
  });

  it('expired past grace: the plan is still named, paid entitlements stop, Community ones stay, SSO enforcement stays', () => {
    const state = stateOfKey(signer.issue({ expiresAt: iso(NOW - 20 * DAY), graceDays: 7, requiredIssuer: 'https://sso.acme.test/realms/acme' }), opts);
    expect(state).toMatchObject({ plan: 'team', status: 'expired', failure: 'past-grace', daysLeft: 0, licenseId: 'lic-0001', customer: 'Acme GmbH', kid: 'test-1' });
    expect(state.entitlements).toEqual([...COMMUNITY_ENTITLEMENTS]);
    expect(state.requiredIssuer).toBe('https://sso.acme.test/realms/acme');
  });

  it('a clock turned back counts as expired, and the key works again once the clock is right', () => {
    const key = signer.issue();
    const lastSeen = NOW + 3 * DAY;
    const back = stateOfKey(key, { ...opts, lastSeen });
    expect(back).toMatchObject({ status: 'expired', failure: 'clock-turned-back', entitlements: [...COMMUNITY_ENTITLEMENTS] });
    expect(stateOfKey(key, { ...opts, lastSeen, now: lastSeen + HOUR }).status).toBe('valid');
  });

  it('an invalid stored key (tampered, or for another machine) grants nothing paid and says why', () => {
    const tampered = stateOfKey(withPart(signer.issue(), 3, (s) => flipChar(s, 3)), opts);
    expect(tampered).toMatchObject({ plan: 'community', status: 'invalid', failure: 'bad-signature', licenseId: null, kid: 'test-1', seats: 1, daysLeft: null });
    expect(tampered.entitlements).toEqual([...COMMUNITY_ENTITLEMENTS]);
    const elsewhere = stateOfKey(signer.issue({ machine: fingerprintOf('machine-id:other') }), opts);
    expect(elsewhere).toMatchObject({ plan: 'team', status: 'invalid', failure: 'wrong-machine', licenseId: 'lic-0001', entitlements: [...COMMUNITY_ENTITLEMENTS] });
    expect(stateOfKey('garbage', opts)).toMatchObject({ status: 'invalid', failure: 'garbage', kid: null });
  });
});
