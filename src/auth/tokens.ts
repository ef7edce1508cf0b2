import type { TokenEndpointResponse } from 'openid-client';
import { registerSecret } from '../core/redact';

/** What biz keeps of a login: never printed, logged or stored outside the credential store. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
  scope?: string;
}

/** Refresh this long before the access token expires, so a command never starts with a token about to die. */
const REFRESH_MARGIN_MS = 60_000;
const DEFAULT_LIFETIME_S = 300;

export function registerTokens(tokens: TokenSet): void {
  registerSecret(tokens.accessToken);
  registerSecret(tokens.refreshToken);
}

/** A token endpoint answer as a TokenSet. A refresh answer without a new refresh token keeps the previous one. */
export function tokenSetFrom(response: TokenEndpointResponse, previous?: TokenSet, now = Date.now()): TokenSet {
  registerSecret(response.access_token);
  registerSecret(response.refresh_token);
  registerSecret(response.id_token);
  const tokens: TokenSet = {
    accessToken: response.access_token,
    expiresAt: now + (response.expires_in ?? DEFAULT_LIFETIME_S) * 1000,
  };
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  if (refreshToken) tokens.refreshToken = refreshToken;
  if (response.scope) tokens.scope = response.scope;
  return tokens;
}

export function needsRefresh(tokens: TokenSet, now = Date.now()): boolean {
  return tokens.expiresAt - now < REFRESH_MARGIN_MS;
}
