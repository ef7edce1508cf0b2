import type { Context } from '../core/context';
import { recordAuthEvent } from './audit';
import { deleteLogin, loadLogin, targetOf } from './credential-store';
import { readLoginRecord } from './login-record';
import { connect, describeFailure } from './openid';

export interface LogoutResult {
  loggedIn: boolean;
  /** Revoked at the provider (it offers revocation and accepted it). */
  revoked: boolean;
  /** Why revocation did not happen, when it did not. */
  revocationProblem?: string;
  keyringProblem?: string;
}

/** Revokes the tenant's tokens at the provider when it offers revocation, then deletes them locally in any case. */
export async function logout(ctx: Context): Promise<LogoutResult> {
  const paths = ctx.config.paths;
  const record = readLoginRecord(paths, ctx.tenant);
  if (!record) return { loggedIn: false, revoked: false };
  let revoked = false;
  let revocationProblem: string | undefined;
  try {
    const login = await loadLogin(paths, ctx.tenant);
    if (login) {
      const conn = await connect(targetOf(record));
      if (conn.config.serverMetadata().revocation_endpoint) {
        // Revoking the refresh token ends the (offline) session. Providers may refuse to revoke a JWT access token
        // (RFC 7009 unsupported_token_type), so it is revoked only when there is no refresh token; it expires soon.
        const { refreshToken, accessToken } = login.tokens;
        await conn.oidc.tokenRevocation(conn.config, refreshToken ?? accessToken, { token_type_hint: refreshToken ? 'refresh_token' : 'access_token' });
        revoked = true;
      } else {
        revocationProblem = `${record.issuer} offers no revocation endpoint; the tokens stay valid until they expire`;
      }
    }
  } catch (err) {
    revocationProblem = `could not revoke at ${record.issuer}: ${describeFailure(err)}`;
  }
  const { keyringError } = await deleteLogin(paths, record);
  recordAuthEvent(ctx, 'auth.logout', { detail: { issuer: record.issuer, clientId: record.clientId, storage: record.storage, revoked, ...(revocationProblem ? { problem: revocationProblem } : {}) } });
  return { loggedIn: true, revoked, ...(revocationProblem ? { revocationProblem } : {}), ...(keyringError ? { keyringProblem: keyringError } : {}) };
}
