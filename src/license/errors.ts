import { BizError, EXIT } from '../core/errors';
import type { LicensePayload } from './payload';

/** Why a key was refused or an entitlement withheld. */
export type LicenseFailure =
  | 'oversized'
  | 'garbage'
  | 'unsupported-version'
  | 'unknown-kid'
  | 'damaged-signature'
  | 'damaged-payload'
  | 'bad-signature'
  | 'invalid-payload'
  | 'wrong-machine'
  | 'clock-turned-back'
  | 'not-yet-valid'
  | 'expired'
  | 'past-grace'
  | 'missing-entitlement';

export const ACTIVATE_HINT = 'Activate a key with: biz license activate <key|@file>';

/** A license missing, invalid or lacking the entitlement: exit 4. */
export class LicenseError extends BizError {
  constructor(
    readonly failure: LicenseFailure,
    message: string,
    hint?: string,
    /** The signed payload, when the signature held and only the dates, clock or machine refused it. */
    readonly license?: LicensePayload,
  ) {
    super(message, EXIT.license, hint);
  }
}
