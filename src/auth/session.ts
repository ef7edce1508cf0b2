import type { Context } from '../core/context';
import { registerSecret } from '../core/redact';
import { recordAuthEvent } from './audit';
import { loadLogin, targetOf } from './credential-store';
import { AuthError } from './errors';
import type { CredentialSource, Identity } from './identity';
import { connect, describeFailure, oauthErrorCode, type Connection } from './openid';
import { refreshLogin } from './refresh';
import { resolveAuthTarget } from './target';
import { needsRefresh, tokenSetFrom } from './tokens';
import { verifyAccessToken } from './verify';

const identities = new WeakMap<Context, Promise<Identity | undefined>>();

/**
 * The verified identity of this command, from (first match) BIZ_TOKEN, the client-credentials grant with
 * BIZ_CLIENT_ID / BIZ_CLIENT_SECRET, or the tenant's stored login (refreshed when it is about to expire).
 * Undefined when there is no login at all; an unusable one throws (exit 3). Worked out once per Context.
 */
export function currentIdentity(ctx: Context): Promise<Identity | undefined> {
  let identity = identities.get(ctx);
  if (!identity) {
    identity = resolveIdentity(ctx);
    identities.set(ctx, identity);
  }
  return identity;
}

async function resolveIdentity(ctx: Context): Promise<Identity | undefined> {
  const { BIZ_TOKEN, BIZ_CLIENT_ID, BIZ_CLIENT_SECRET } = ctx.env;
  registerSecret(BIZ_TOKEN);
  registerSecret(BIZ_CLIENT_SECRET);
  if (BIZ_TOKEN) {
    const conn = await connect(resolveAuthTarget(ctx, { clientId: BIZ_CLIENT_ID }));
    return verified(ctx, conn, BIZ_TOKEN, 'BIZ_TOKEN');
  }
  if (BIZ_CLIENT_ID && BIZ_CLIENT_SECRET) {
    const conn = await connect(resolveAuthTarget(ctx, { clientId: BIZ_CLIENT_ID }), BIZ_CLIENT_SECRET);
    let accessToken: string;
    try {
      accessToken = tokenSetFrom(await conn.oidc.clientCredentialsGrant(conn.config)).accessToken;
    } catch (err) {
      if (!oauthErrorCode(err)) throw err;
      recordAuthEvent(ctx, 'auth.refused', { detail: { issuer: conn.target.issuer, clientId: BIZ_CLIENT_ID, reason: `client credentials refused: ${describeFailure(err)}` } });
      throw new AuthError(`the client credentials of ${BIZ_CLIENT_ID} were refused: ${describeFailure(err)}`, 'Check BIZ_CLIENT_ID and BIZ_CLIENT_SECRET, and that the client has service accounts enabled.');
    }
    return verified(ctx, conn, accessToken, 'client-credentials');
  }
  const login = await loadLogin(ctx.config.paths, ctx.tenant);
  if (!login) return undefined;
  const conn = await connect(targetOf(login.record));
  const tokens = needsRefresh(login.tokens) ? await refreshLogin(ctx, conn, login) : login.tokens;
  return verified(ctx, conn, tokens.accessToken, login.record.storage);
}

async function verified(ctx: Context, conn: Connection, accessToken: string, source: CredentialSource): Promise<Identity> {
  try {
    const token = await verifyAccessToken(conn, accessToken);
    return { subject: token.subject, username: token.username, tenant: ctx.tenant, issuer: conn.target.issuer, clientId: token.clientId, roles: token.roles, expiresAt: token.expiresAt, source };
  } catch (err) {
    if (err instanceof AuthError) recordAuthEvent(ctx, 'auth.refused', { detail: { issuer: conn.target.issuer, clientId: conn.target.clientId, source, reason: err.message } });
    throw err;
  }
}
