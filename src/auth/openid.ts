import type { Configuration } from 'openid-client';
import type { AuthTarget } from './target';
import { IdentityProviderError } from './errors';

export type OpenIdClient = typeof import('openid-client');

/** A discovered realm: openid-client (imported on first use) and its configuration for one client. */
export interface Connection {
  oidc: OpenIdClient;
  config: Configuration;
  target: AuthTarget;
}

const HTTP_TIMEOUT_SECONDS = 15;

/** Discovers the realm's endpoints. A public client unless a secret is given (client-credentials grant). */
export async function connect(target: AuthTarget, clientSecret?: string): Promise<Connection> {
  const oidc = await import('openid-client');
  const auth = clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None();
  try {
    const config = await oidc.discovery(new URL(target.issuer), target.clientId, undefined, auth, {
      execute: target.allowHttp ? [oidc.allowInsecureRequests] : [],
      timeout: HTTP_TIMEOUT_SECONDS,
    });
    return { oidc, config, target };
  } catch (err) {
    throw new IdentityProviderError(`cannot use the identity provider at ${target.issuer}: ${describeFailure(err)}`, 'Check auth.url (or --issuer) and the network; biz doctor shows the configuration.');
  }
}

interface OAuthErrorFields {
  error?: unknown;
  error_description?: unknown;
}

/** The error fields of a failed request: in the body (ResponseBodyError) or in a WWW-Authenticate challenge (401). */
function oauthFields(err: unknown): OAuthErrorFields {
  if (!err || typeof err !== 'object') return {};
  if ('error' in err) return err as OAuthErrorFields;
  const challenges = (err as { cause?: unknown }).cause;
  if (Array.isArray(challenges)) return ((challenges[0] as { parameters?: OAuthErrorFields } | undefined)?.parameters ?? {}) as OAuthErrorFields;
  return {};
}

/** The OAuth error code of a failed token or device request ("access_denied", "invalid_grant"), if it has one. */
export function oauthErrorCode(err: unknown): string | undefined {
  const code = oauthFields(err).error;
  return typeof code === 'string' ? code : undefined;
}

/** A one-line reason for a failed request: the OAuth error and its description, or the network cause. */
export function describeFailure(err: unknown): string {
  const code = oauthErrorCode(err);
  if (code) {
    const description = oauthFields(err).error_description;
    return typeof description === 'string' && description ? `${code} (${description})` : code;
  }
  const e = err as { message?: string; cause?: { message?: string; code?: string } };
  const cause = e?.cause?.code ?? e?.cause?.message;
  return [e?.message ?? String(err), cause].filter(Boolean).join(': ');
}
