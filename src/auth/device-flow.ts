import type { DeviceAuthorizationResponse, TokenEndpointResponse } from 'openid-client';
import { UsageError } from '../core/errors';
import { AuthError, IdentityProviderError } from './errors';
import { describeFailure, oauthErrorCode, type Connection } from './openid';

export type DeviceAuthorization = DeviceAuthorizationResponse;

/** Asks the realm for a device code and a user code (RFC 8628 section 3.1). */
export async function startDeviceAuthorization(conn: Connection, scopes: string[]): Promise<DeviceAuthorization> {
  if (!conn.config.serverMetadata().device_authorization_endpoint) {
    throw new UsageError(`${conn.target.issuer} offers no device authorization endpoint`, 'Enable "OAuth 2.0 Device Authorization Grant" for the client in Keycloak.');
  }
  try {
    return await conn.oidc.initiateDeviceAuthorization(conn.config, { scope: scopes.join(' ') });
  } catch (err) {
    const code = oauthErrorCode(err);
    if (code === 'unauthorized_client' || code === 'invalid_client') {
      throw new UsageError(`the client ${conn.target.clientId} may not use the device flow: ${describeFailure(err)}`, 'In Keycloak, make it a public client with "OAuth 2.0 Device Authorization Grant" enabled.');
    }
    if (code === 'invalid_scope') throw new UsageError(`the realm refused the scopes ${scopes.join(' ')}: ${describeFailure(err)}`);
    throw new IdentityProviderError(`cannot start the device login at ${conn.target.issuer}: ${describeFailure(err)}`);
  }
}

/**
 * Polls the token endpoint as RFC 8628 section 3.5 says: every `interval` seconds, 5 s more after each slow_down,
 * until approval, denial or expiry. `signal` stops it (Ctrl-C); the code's own lifetime bounds it.
 */
export async function waitForApproval(conn: Connection, device: DeviceAuthorization, signal: AbortSignal): Promise<TokenEndpointResponse> {
  const expiry = AbortSignal.timeout(device.expires_in * 1000);
  try {
    return await conn.oidc.pollDeviceAuthorizationGrant(conn.config, device, undefined, { signal: AbortSignal.any([signal, expiry]) });
  } catch (err) {
    if (signal.aborted) throw err;
    const code = oauthErrorCode(err);
    if (expiry.aborted || code === 'expired_token') {
      throw new AuthError('the code expired before it was approved', `Run biz login again and approve within ${Math.round(device.expires_in / 60)} minutes.`);
    }
    if (code === 'access_denied') throw new AuthError('the login was denied in the browser', 'Run biz login again and approve the code if you started it.');
    if (code) throw new AuthError(`the identity provider refused the login: ${describeFailure(err)}`, 'Run: biz login');
    throw new IdentityProviderError(`lost the identity provider while waiting for approval: ${describeFailure(err)}`, 'Check the network and run biz login again.');
  }
}
