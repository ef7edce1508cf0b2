import type { Context } from '../core/context';

export type LicenseEvent = 'license.activated' | 'license.deactivated' | 'license.refused';

/** One line in the tenant's audit log and in the log file. Details name license ids, kids and reasons, never a key. */
export function recordLicenseEvent(ctx: Context, event: LicenseEvent, detail: Record<string, unknown>): void {
  ctx.store().audit.record({ tenant: ctx.tenant, subject: null, runId: null, event, detail });
  ctx.logger.info(event, detail);
}
