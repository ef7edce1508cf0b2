/**
 * Access tokens for the OAuth kinds (refresh token, client credentials) and jsforce's session refresh. jsforce
 * refreshes on every 401 and sends the request again, with no limit; here a second refresh is refused until some
 * request succeeds with the new token, so an access token Salesforce keeps rejecting ends in one SalesforceAuthError.
 */
import type { Connection, OAuth2 } from 'jsforce';
import { SalesforceAuthError, SalesforceRequestError, type SalesforceError } from './errors';
import { HttpFailure, RequestTimeout } from './transport';
import type { SalesforceAuth } from './types';

export type OAuthKind = Exclude<SalesforceAuth, { kind: 'token' }>;

export interface Token {
  accessToken: string;
  instanceUrl: string;
}

/** Asks the token endpoint for a new access token. */
export async function requestToken(oauth2: OAuth2, auth: OAuthKind, scrub: (text: string) => string): Promise<Token> {
  try {
    const reply = auth.kind === 'refresh' ? await oauth2.refreshToken(auth.refreshToken) : await oauth2.requestToken({ grant_type: 'client_credentials' });
    if (!reply?.access_token || !reply.instance_url) {
      throw new SalesforceRequestError(`Salesforce's token endpoint at ${oauth2.loginUrl} answered without an access token or instance URL`, { ambiguous: false });
    }
    return { accessToken: reply.access_token, instanceUrl: reply.instance_url };
  } catch (error) {
    throw tokenError(error, auth, oauth2.loginUrl, scrub);
  }
}

/** OAuth error codes that mean the credentials themselves were refused (rate_limit_exceeded, say, does not). */
const REFUSALS = new Set(['invalid_grant', 'invalid_client', 'invalid_client_id', 'unauthorized_client', 'invalid_request', 'unsupported_grant_type', 'invalid_scope', 'inactive_user', 'inactive_org']);

/** OAuth2 names its errors after the OAuth error code (invalid_grant, ...) or ERROR_HTTP_<status> for other 4xx. */
function tokenError(error: unknown, auth: OAuthKind, loginUrl: string, scrub: (text: string) => string): SalesforceError {
  if (error instanceof SalesforceAuthError || error instanceof SalesforceRequestError) return error;
  const endpoint = `Salesforce's token endpoint at ${loginUrl}`;
  if (error instanceof HttpFailure) return new SalesforceRequestError(`${endpoint} failed (HTTP ${error.status})`, { ambiguous: false, status: error.status });
  if (error instanceof RequestTimeout) return new SalesforceRequestError(`${endpoint} gave ${error.message}`, { ambiguous: false });
  if (!(error instanceof Error)) return new SalesforceRequestError(`${endpoint} failed: ${scrub(String(error))}`, { ambiguous: false });
  const said = error.message ? `: ${scrub(error.message)}` : '';
  if (REFUSALS.has(error.name)) {
    return new SalesforceAuthError(`Salesforce at ${loginUrl} refused ${auth.kind === 'refresh' ? 'the refresh token' : 'the client credentials'} (${error.name}${said})`);
  }
  const status = /^ERROR_HTTP_(\d+)$/.exec(error.name)?.[1];
  if (status) return new SalesforceRequestError(`${endpoint} failed (HTTP ${status})`, { ambiguous: false, status: Number(status) });
  const code = (error as { code?: unknown }).code;
  if (error.name === 'FetchError' && typeof code === 'string') return new SalesforceRequestError(`Could not reach ${endpoint} (${code})`, { ambiguous: false });
  return new SalesforceRequestError(`${endpoint} failed: ${error.name}${said}`, { ambiguous: false });
}

type RefreshCallback = (error: Error | null | undefined, accessToken?: string) => void;

export interface SessionRefresh {
  /** jsforce's `refreshFn`. */
  refresh(conn: Connection, done: RefreshCallback): void;
  /** A reply other than 401 arrived: the current token works. */
  noteReply(status: number): void;
  /** The error behind jsforce's "Unable to refresh session" (it keeps only the message), once. */
  takeFailure(): SalesforceError | undefined;
}

export function sessionRefresh(oauth2: OAuth2, auth: OAuthKind, scrub: (text: string) => string, onToken: (token: Token) => void): SessionRefresh {
  let unproven = false;
  let failure: SalesforceError | undefined;

  return {
    refresh(conn, done) {
      if (unproven) {
        failure = new SalesforceAuthError('Salesforce rejected the access token again right after issuing it (INVALID_SESSION_ID)');
        done(failure);
        return;
      }
      requestToken(oauth2, auth, scrub).then(
        (token) => {
          unproven = true;
          conn.instanceUrl = token.instanceUrl;
          onToken(token);
          done(null, token.accessToken);
        },
        (error: SalesforceError) => {
          failure = error;
          done(error);
        },
      );
    },
    noteReply(status) {
      if (status !== 401) unproven = false;
    },
    takeFailure() {
      const taken = failure;
      failure = undefined;
      return taken;
    },
  };
}
