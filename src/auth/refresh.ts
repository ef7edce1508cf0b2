import type { Context } from '../core/context';
import { recordAuthEvent } from './audit';
import { deleteLogin, loadLogin, updateTokens, type StoredLogin } from './credential-store';
import { AuthError, IdentityProviderError, LOGIN_HINT } from './errors';
import { describeFailure, oauthErrorCode, type Connection } from './openid';
import { needsRefresh, tokenSetFrom, type TokenSet } from './tokens';

/**
 * Trades the refresh token for new tokens and stores them where the login is. A refused refresh token ends the
 * login (deleted, audited, exit 3), unless another biz process refreshed it meanwhile: then its tokens are used.
 */
export async function refreshLogin(ctx: Context, conn: Connection, login: StoredLogin): Promise<TokenSet> {
  const { refreshToken } = login.tokens;
  const paths = ctx.config.paths;
  const fail = (reason: string): never => {
    recordAuthEvent(ctx, 'auth.refresh_failed', { detail: { issuer: conn.target.issuer, clientId: conn.target.clientId, reason } });
    throw new AuthError(`your login for ${ctx.tenant} has ended (${reason})`, LOGIN_HINT);
  };
  if (!refreshToken) return fail('the access token expired and there is no refresh token');
  try {
    const tokens = tokenSetFrom(await conn.oidc.refreshTokenGrant(conn.config, refreshToken), login.tokens);
    await updateTokens(paths, login, tokens);
    return tokens;
  } catch (err) {
    if (err instanceof AuthError) throw err;
    const code = oauthErrorCode(err);
    if (!code) throw new IdentityProviderError(`cannot refresh your login at ${conn.target.issuer}: ${describeFailure(err)}`, 'Check the network; your login is kept.');
    const current = await loadLogin(paths, ctx.tenant);
    if (current && current.tokens.refreshToken !== refreshToken && !needsRefresh(current.tokens)) return current.tokens;
    await deleteLogin(paths, login.record);
    return fail(`the refresh token was refused: ${describeFailure(err)}`);
  }
}
