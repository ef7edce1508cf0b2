import { AuthError, LOGIN_HINT } from '../auth/errors';
import type { Identity } from '../auth/identity';
import { loginRecordPath } from '../auth/login-record';
import { currentIdentity } from '../auth/session';
import { keyringAccount } from '../auth/target';
import type { Context } from '../core/context';
import { printJson } from '../ui/messages';

function storageLocation(ctx: Context, identity: Identity): string {
  switch (identity.source) {
    case 'keyring':
      return `OS keyring (service "biz", account "${keyringAccount(identity)}")`;
    case 'file':
      return loginRecordPath(ctx.config.paths, ctx.tenant);
    case 'BIZ_TOKEN':
      return 'environment variable BIZ_TOKEN';
    case 'client-credentials':
      return 'client credentials from BIZ_CLIENT_ID and BIZ_CLIENT_SECRET';
  }
}

export default async function whoami(_args: string[], flags: { json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const identity = await currentIdentity(ctx);
  if (!identity) throw new AuthError(`not logged in to tenant ${ctx.tenant}`, LOGIN_HINT);
  const expires = new Date(identity.expiresAt).toISOString();
  const stored = storageLocation(ctx, identity);
  if (flags.json) {
    printJson({ user: identity.username, subject: identity.subject, tenant: identity.tenant, issuer: identity.issuer, clientId: identity.clientId, roles: identity.roles, expiresAt: expires, storage: identity.source, storedIn: stored });
    return 0;
  }
  const lines = [
    `user:     ${identity.username} (${identity.subject})`,
    `tenant:   ${identity.tenant} at ${identity.issuer}`,
    `roles:    ${identity.roles.join(', ') || 'none'}`,
    `expires:  ${expires} (access token; refreshed automatically)`,
    `stored:   ${stored}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
