import type { Context } from '../core/context';
import { recordAuthEvent } from './audit';
import { AuthError } from './errors';
import type { Identity } from './identity';
import { currentIdentity } from './session';

export interface RoleOptions {
  /** Login is mandatory (config auth.required, or a license that requires an issuer): the caller decides. */
  enforced: boolean;
  runId?: string;
}

/**
 * Enforced: returns the verified identity holding `role`; no login, an unusable one, or a missing role exits 3
 * and is audited. Not enforced: the identity when there is a usable login, else undefined (local use needs none).
 */
export async function requireRole(ctx: Context, role: string, opts: RoleOptions): Promise<Identity | undefined> {
  if (!opts.enforced) return currentIdentity(ctx).catch(() => undefined);
  const refuse = (reason: string, subject?: string) => recordAuthEvent(ctx, 'auth.refused', { subject, runId: opts.runId, detail: { role, reason } });
  let identity: Identity | undefined;
  try {
    identity = await currentIdentity(ctx);
  } catch (err) {
    if (err instanceof AuthError) refuse(err.message);
    throw err;
  }
  if (!identity) {
    refuse('not logged in');
    throw new AuthError('login required: run biz login', `Tenant ${ctx.tenant} requires a login with the role ${role}.`);
  }
  if (!identity.roles.includes(role)) {
    refuse(`role ${role} missing`, identity.subject);
    throw new AuthError(`${identity.username} lacks the role "${role}" in tenant ${ctx.tenant}`, `Ask a tenant administrator to grant ${role}; then run: biz login (roles are read from the token).`);
  }
  return identity;
}
