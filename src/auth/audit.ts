import type { Context } from '../core/context';
import { redactDeep } from '../core/redact';

export type AuthEvent = 'auth.login' | 'auth.login_failed' | 'auth.logout' | 'auth.refresh_failed' | 'auth.refused';

/** One line in the tenant's audit log and in the log file. Details name issuers, clients, roles and reasons, never a token. */
export function recordAuthEvent(ctx: Context, event: AuthEvent, entry: { subject?: string; runId?: string; detail: Record<string, unknown> }): void {
  const detail = redactDeep(entry.detail);
  ctx.store().audit.record({ tenant: ctx.tenant, subject: entry.subject ?? null, runId: entry.runId ?? null, event, detail });
  ctx.logger.info(event, { subject: entry.subject, runId: entry.runId, ...detail });
}
