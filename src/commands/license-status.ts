import type { Context } from '../core/context';
import { EXIT } from '../core/errors';
import { licenseState, type LicenseState } from '../license/entitlements';
import { licenseKeyPath } from '../license/key-file';
import { machineFingerprint } from '../license/machine';
import { planName } from '../license/plans';
import { printJson, printWarning } from '../ui/messages';

function expiryLine(state: LicenseState): string {
  if (!state.expiresAt) return 'never (no key)';
  const left = state.daysLeft === null ? '' : ` (${state.daysLeft} ${state.daysLeft === 1 ? 'day' : 'days'} of paid features left)`;
  return `${state.expiresAt}${left}`;
}

function lines(state: LicenseState, machine: string, keyFile: string): string[] {
  const out = [`plan:          ${planName(state.plan)} (${state.status})`];
  if (state.licenseId) out.push(`license:       ${state.licenseId} (signing key ${state.kid}), stored in ${keyFile}`);
  if (state.customer) out.push(`customer:      ${state.customer}`);
  out.push(`seats:         ${state.seats}`, `entitlements:  ${state.entitlements.join(', ')}`, `expires:       ${expiryLine(state)}`);
  if (state.requiredIssuer) out.push(`login:         required, at ${state.requiredIssuer}`);
  out.push(`machine:       ${machine}`);
  return out;
}

/**
 * `biz license status [--json]`: the license in effect. Exit 0 while it works (community, valid, expiring, grace),
 * 4 when an activated key is expired or invalid (Community features keep working).
 */
export default async function licenseStatus(_args: string[], flags: { json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const state = licenseState(ctx);
  const machine = machineFingerprint();
  const keyFile = licenseKeyPath(ctx.config.paths);
  if (flags.json) printJson({ ...state, machine, keyFile: state.status === 'community' ? null : keyFile });
  else process.stdout.write(`${lines(state, machine, keyFile).join('\n')}\n`);
  const failed = state.status === 'expired' || state.status === 'invalid';
  if (failed) printWarning(`${state.message}; paid features are off, Community features keep working`);
  else if (state.status !== 'community' && state.status !== 'valid') printWarning(state.message);
  return failed ? EXIT.license : EXIT.ok;
}
