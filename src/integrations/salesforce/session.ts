/**
 * One jsforce Connection with biz's transport (transport.ts) and session refresh (auth.ts), and `call`, which runs an
 * operation on it and explains any failure. jsforce is imported here, when a connection is made, never at start-up.
 */
import type { Connection, OAuth2 } from 'jsforce';
import { registerSecret } from '../../core/redact';
import { requestToken, sessionRefresh, type SessionRefresh, type Token } from './auth';
import { explain, type Effect } from './explain';
import { createTransport } from './transport';
import type { SalesforceOptions } from './types';

const DEFAULT_TIMEOUT_MS = 60_000;

export interface Session {
  readonly conn: Connection;
  readonly apiCalls: number;
  /** Runs one operation ("create 200 Leads") and turns its failure into a Salesforce error. */
  call<T>(operation: string, effect: Effect, run: (conn: Connection) => Promise<T>): Promise<T>;
}

export async function openSession(options: SalesforceOptions): Promise<Session> {
  const { Connection, OAuth2 } = await import('./sdk');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const secrets = new Set<string>();
  const keepSecret = (value: string | undefined): void => {
    if (!value) return;
    secrets.add(value);
    registerSecret(value);
  };
  const scrub = (text: string): string => [...secrets].reduce((out, secret) => out.split(secret).join('****'), text);

  const { auth } = options;
  let token: Token;
  let oauth2: OAuth2 | undefined;
  let refresh: SessionRefresh | undefined;
  if (auth.kind === 'token') {
    keepSecret(auth.accessToken);
    token = { accessToken: auth.accessToken, instanceUrl: options.instanceUrl ?? '' };
  } else {
    keepSecret(auth.clientSecret);
    if (auth.kind === 'refresh') keepSecret(auth.refreshToken);
    oauth2 = new OAuth2({ loginUrl: options.loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret });
    // OAuth2 reads the token endpoint's 4xx replies (invalid_grant, ...) itself; a 5xx body says nothing it can read.
    oauth2._transport = await createTransport({ timeoutMs, failOn: (status) => status >= 500 });
    const onToken = (fresh: Token): void => {
      keepSecret(fresh.accessToken);
      options.onAccessToken?.(fresh.accessToken);
    };
    token = await requestToken(oauth2, auth, scrub);
    onToken(token);
    refresh = sessionRefresh(oauth2, auth, scrub, onToken);
  }

  const conn = new Connection({
    instanceUrl: token.instanceUrl,
    accessToken: token.accessToken,
    version: options.apiVersion,
    loginUrl: options.loginUrl,
    ...(oauth2 && { oauth2 }),
    ...(refresh && { refreshFn: refresh.refresh }),
  });
  let apiCalls = 0;
  conn._transport = await createTransport({
    timeoutMs,
    // 401 is left to jsforce, which refreshes the session and sends the request again.
    failOn: (status) => status >= 400 && status !== 401,
    onSend: () => apiCalls++,
    onReply: (status) => refresh?.noteReply(status),
  });

  return {
    conn,
    get apiCalls() {
      return apiCalls;
    },
    async call(operation, effect, run) {
      try {
        return await run(conn);
      } catch (error) {
        throw explain(error, { operation, effect, instanceUrl: conn.instanceUrl, scrub, refreshFailure: () => refresh?.takeFailure() });
      }
    },
  };
}
