import type { Context } from '../core/context';
import { recordAuthEvent } from './audit';
import { saveLogin, type Storage } from './credential-store';
import { startDeviceAuthorization, waitForApproval, type DeviceAuthorization } from './device-flow';
import { AuthError } from './errors';
import type { Identity } from './identity';
import { connect } from './openid';
import type { AuthTarget } from './target';
import { tokenSetFrom } from './tokens';
import { verifyAccessToken } from './verify';

export const DEFAULT_SCOPES = ['openid', 'offline_access'];

export interface DeviceLoginOptions {
  scopes: string[];
  insecureStorage: boolean;
  /** Shows the user code and URL; polling starts when it has returned (or resolved). */
  onCode(device: DeviceAuthorization): void | Promise<void>;
  onKeyringUnavailable(reason: string): void;
}

export interface DeviceLoginResult {
  identity: Identity;
  storage: Storage;
}

/** The device authorization grant from start to stored tokens; every outcome is audited. */
export async function deviceLogin(ctx: Context, target: AuthTarget, opts: DeviceLoginOptions): Promise<DeviceLoginResult> {
  const conn = await connect(target);
  const device = await startDeviceAuthorization(conn, opts.scopes);
  await opts.onCode(device);
  let response;
  try {
    response = await waitForApproval(conn, device, ctx.signal);
  } catch (err) {
    if (err instanceof AuthError) recordAuthEvent(ctx, 'auth.login_failed', { detail: { issuer: target.issuer, clientId: target.clientId, reason: err.message } });
    throw err;
  }
  const tokens = tokenSetFrom(response);
  let verified;
  try {
    verified = await verifyAccessToken(conn, tokens.accessToken);
  } catch (err) {
    if (err instanceof AuthError) recordAuthEvent(ctx, 'auth.login_failed', { detail: { issuer: target.issuer, clientId: target.clientId, reason: err.message } });
    throw err;
  }
  const storage = await saveLogin(ctx.config.paths, target, tokens, { insecureStorage: opts.insecureStorage, onKeyringUnavailable: opts.onKeyringUnavailable });
  recordAuthEvent(ctx, 'auth.login', { subject: verified.subject, detail: { issuer: target.issuer, clientId: target.clientId, roles: verified.roles, storage, refreshable: Boolean(tokens.refreshToken) } });
  return { identity: { ...verified, tenant: target.tenant, issuer: target.issuer, source: storage }, storage };
}
