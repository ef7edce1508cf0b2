import { LicenseError, type LicenseFailure } from './errors';
import { splitKey } from './format';
import type { LicensePayload } from './payload';
import { COMMUNITY_ENTITLEMENTS, planName, type Plan } from './plans';
import { verifyLicense, type VerifyOptions } from './verify';

/**
 * community: no key. valid, expiring (warning from 14 days before expiry), grace (expired, paid entitlements kept
 * for graceDays with a warning): the key's entitlements apply. expired (past grace, or the clock turned back) and
 * invalid (the stored key fails verification): only Community entitlements apply, so Community features keep working.
 */
export type LicenseStatus = 'community' | 'valid' | 'expiring' | 'grace' | 'expired' | 'invalid';

export interface LicenseState {
  /** The key's plan when its signature holds (even expired); community without a key or with an unreadable one. */
  plan: Plan;
  status: LicenseStatus;
  /** The entitlements in effect now. */
  entitlements: string[];
  expiresAt: string | null;
  /** Whole days until paid features stop (the grace period's end while in grace); null without a key. */
  daysLeft: number | null;
  /** One line for people: the plan, or the warning or problem. */
  message: string;
  /** Login against this issuer is mandatory. Kept while the signature holds: expiry never loosens SSO enforcement. */
  requiredIssuer?: string;
  seats: number;
  customer: string | null;
  licenseId: string | null;
  kid: string | null;
  /** Why an expired or invalid key is not in effect. */
  failure?: LicenseFailure;
}

const EXPIRED_FAILURES: ReadonlySet<LicenseFailure> = new Set(['expired', 'past-grace', 'clock-turned-back']);

export const COMMUNITY_STATE: Readonly<LicenseState> = Object.freeze({
  plan: 'community',
  status: 'community',
  entitlements: [...COMMUNITY_ENTITLEMENTS],
  expiresAt: null,
  daysLeft: null,
  message: 'Community plan (no license key): all four agents, single user, local store',
  seats: 1,
  customer: null,
  licenseId: null,
  kid: null,
});

function fromLicense(license: LicensePayload, kid: string | null): Omit<LicenseState, 'status' | 'entitlements' | 'daysLeft' | 'message'> {
  return {
    plan: license.plan,
    expiresAt: license.expiresAt,
    ...(license.requiredIssuer === undefined ? {} : { requiredIssuer: license.requiredIssuer }),
    seats: license.seats,
    customer: license.customer,
    licenseId: license.id,
    kid,
  };
}

/** The state a stored key (or none) gives under these options. Never throws for a bad key: it reports it. */
export function stateOfKey(key: string | undefined, opts: VerifyOptions): LicenseState {
  if (key === undefined) return { ...COMMUNITY_STATE, entitlements: [...COMMUNITY_ENTITLEMENTS] };
  try {
    const verified = verifyLicense(key, opts);
    const { license } = verified;
    return {
      ...fromLicense(license, verified.kid),
      status: verified.phase,
      entitlements: [...new Set([...COMMUNITY_ENTITLEMENTS, ...license.entitlements])],
      daysLeft: verified.daysLeft,
      message: verified.warning ?? `${planName(license.plan)} plan for ${license.customer} (${license.seats} ${license.seats === 1 ? 'seat' : 'seats'}), license ${license.id}, valid until ${license.expiresAt.slice(0, 10)}`,
    };
  } catch (err) {
    if (!(err instanceof LicenseError)) throw err;
    const kid = splitKey(key.trim())?.kid ?? null;
    const expired = EXPIRED_FAILURES.has(err.failure);
    return {
      ...(err.license ? fromLicense(err.license, kid) : { ...COMMUNITY_STATE, kid }),
      status: expired ? 'expired' : 'invalid',
      entitlements: [...COMMUNITY_ENTITLEMENTS],
      daysLeft: expired ? 0 : null,
      message: err.message,
      failure: err.failure,
    };
  }
}
