import type { Context } from '../core/context';
import { recordLicenseEvent } from '../license/audit';
import { licenseState } from '../license/entitlements';
import { removeStoredKey } from '../license/key-file';
import { printInfo } from '../ui/messages';

/** `biz license deactivate`: removes the activated key; biz is on the Community plan again. */
export default async function licenseDeactivate(_args: string[], _flags: Record<string, unknown>, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const state = licenseState(ctx);
  if (!removeStoredKey(ctx.config.paths)) {
    printInfo('No license key is activated; this is the Community plan.');
    return 0;
  }
  recordLicenseEvent(ctx, 'license.deactivated', { licenseId: state.licenseId, kid: state.kid, status: state.status });
  printInfo(`Deactivated ${state.licenseId ? `license ${state.licenseId}` : 'the license key'}; back to the Community plan.`);
  return 0;
}
