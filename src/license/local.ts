import type { Context } from '../core/context';
import { registerSecret } from '../core/redact';
import { readStoredKey } from './key-file';
import { advanceLastSeen, readLastSeen } from './last-seen';
import { machineFingerprint } from './machine';
import { stateOfKey, type LicenseState } from './state';
import { TRUSTED_LICENSE_KEYS } from './trusted-keys';
import type { VerifyOptions } from './verify';

/**
 * How keys are verified on this machine now: the compiled-in public keys, this machine's fingerprint, and the last
 * time biz saw, which this call moves forward (a failure to record it is logged, never fatal).
 */
export function localVerifyOptions(ctx: Context): VerifyOptions {
  const now = Date.now();
  const lastSeen = readLastSeen(ctx.config.paths);
  try {
    advanceLastSeen(ctx.config.paths, now);
  } catch (err) {
    ctx.logger.warn('cannot record the license clock check', { error: (err as Error).message });
  }
  return { trustedKeys: TRUSTED_LICENSE_KEYS, now, machine: machineFingerprint(), lastSeen };
}

/** The license in effect: the activated key, verified now, or Community without one. */
export function licenseState(ctx: Context): LicenseState {
  const key = readStoredKey(ctx.config.paths);
  registerSecret(key);
  return stateOfKey(key, localVerifyOptions(ctx));
}
