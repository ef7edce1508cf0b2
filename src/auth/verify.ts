import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { Connection } from './openid';
import { AuthError, IdentityProviderError, LOGIN_HINT } from './errors';
import { rolesFromClaims } from './identity';

/** What a verified access token says. */
export interface VerifiedToken {
  subject: string;
  username: string;
  clientId: string;
  roles: string[];
  expiresAt: number;
}

const CLOCK_TOLERANCE_S = 30;
const JWKS_TIMEOUT_MS = 10_000;
const keySets = new Map<string, JWTVerifyGetKey>();

async function realmKeys(conn: Connection): Promise<JWTVerifyGetKey> {
  const uri = conn.config.serverMetadata().jwks_uri;
  if (!uri) throw new IdentityProviderError(`${conn.target.issuer} publishes no jwks_uri: its tokens cannot be verified`);
  const url = new URL(uri);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && conn.target.allowHttp)) {
    throw new IdentityProviderError(`refusing the realm's key set at ${uri}: not https`);
  }
  let keys = keySets.get(url.href);
  if (!keys) {
    const { createRemoteJWKSet } = await import('jose');
    keys = createRemoteJWKSet(url, { timeoutDuration: JWKS_TIMEOUT_MS });
    keySets.set(url.href, keys);
  }
  return keys;
}

function refusal(reason: string): AuthError {
  return new AuthError(`the access token was refused: ${reason}`, LOGIN_HINT);
}

/** Keycloak puts "account" (or an API) in `aud` and the client in `azp`: a token is ours when either names our client. */
function isForClient(claims: JWTPayload, clientId: string): boolean {
  const aud = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  return aud.includes(clientId) || claims.azp === clientId;
}

/**
 * Verifies an access token before anything in it is trusted: the signature against the realm's JWKS, the issuer,
 * the expiry, and that it was issued to our client. Returns the subject and roles.
 */
export async function verifyAccessToken(conn: Connection, token: string): Promise<VerifiedToken> {
  const { jwtVerify, errors } = await import('jose');
  const { issuer, clientId } = conn.target;
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, await realmKeys(conn), { issuer, clockTolerance: CLOCK_TOLERANCE_S }));
  } catch (err) {
    if (err instanceof errors.JWSSignatureVerificationFailed) throw refusal(`its signature does not match the keys of ${issuer}`);
    if (err instanceof errors.JWKSNoMatchingKey) throw refusal(`it was not signed with a key of ${issuer}`);
    if (err instanceof errors.JWTExpired) throw refusal('it has expired');
    if (err instanceof errors.JWTClaimValidationFailed) throw refusal(`claim "${err.claim}" is wrong (${err.reason}); expected issuer ${issuer}`);
    if (err instanceof errors.JWKSTimeout || err instanceof TypeError) {
      throw new IdentityProviderError(`cannot fetch the signing keys of ${issuer}: ${(err as Error).message}`, 'Check the network and auth.url.');
    }
    if (err instanceof errors.JOSEError) throw refusal(`it is not a valid signed JWT (${err.code})`);
    throw err;
  }
  if (!isForClient(claims, clientId)) {
    throw refusal(`it was issued to ${String(claims.azp ?? claims.aud)}, not to the client ${clientId}`);
  }
  if (!claims.sub) throw refusal('it names no subject');
  const username = typeof claims.preferred_username === 'string' ? claims.preferred_username : claims.sub;
  return { subject: claims.sub, username, clientId, roles: rolesFromClaims(claims, clientId), expiresAt: (claims.exp ?? 0) * 1000 };
}
