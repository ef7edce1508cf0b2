import type { Context } from '../core/context';
import { recordLicenseEvent } from './audit';
import { ACTIVATE_HINT, LicenseError } from './errors';
import { licenseState } from './local';
import { featureName, planName, plansOffering } from './plans';
import type { LicenseState } from './state';

export { licenseState } from './local';
export type { LicenseState, LicenseStatus } from './state';

/**
 * The one entitlement check every command makes: returns the license state when `entitlement` is in effect;
 * otherwise records the refusal and throws a LicenseError (exit 4) that names the plan that has it.
 */
export function requireEntitlement(ctx: Context, entitlement: string): LicenseState {
  const state = licenseState(ctx);
  if (state.entitlements.includes(entitlement)) return state;
  recordLicenseEvent(ctx, 'license.refused', { entitlement, plan: state.plan, status: state.status, licenseId: state.licenseId, kid: state.kid });
  throw refusal(state, entitlement);
}

function refusal(state: LicenseState, entitlement: string): LicenseError {
  const needs = `${featureName(entitlement)} needs ${plansOffering(entitlement) ?? `a license with the "${entitlement}" entitlement`}`;
  switch (state.status) {
    case 'community':
      return new LicenseError('missing-entitlement', `${needs}; activate a key with biz license activate`, ACTIVATE_HINT);
    case 'expired':
    case 'invalid':
      return new LicenseError('missing-entitlement', `${needs}, and the activated key is not in effect: ${state.message}`, `Community features keep working. ${ACTIVATE_HINT}`);
    default:
      return new LicenseError('missing-entitlement', `${needs}; license ${state.licenseId} (${planName(state.plan)} plan) does not include it`, 'Ask your vendor for a key that includes it, then run: biz license activate <key|@file>');
  }
}
