/** Turns whatever a twitter-api-v2 call threw into one of the errors in errors.ts, with X's own words. */
import type { IncomingHttpHeaders } from 'node:http';
import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { BizError } from '../../core/errors';
import { XAuthError, XDuplicateError, XRateLimitError, XRequestError } from './errors';

export interface ExplainContext {
  apiUrl: string;
  timeoutMs: number;
  /** Credential values, cut out of anything X or the network said. */
  secrets: string[];
}

const DUPLICATE = 'You are not allowed to create a Tweet with duplicate content.';
/** 403s that are about the request, not the credentials. */
const NOT_AUTH_403 = ['You attempted to reply to a Tweet that is deleted or not visible to you.'];
/** Network failures that happen before a request is sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** X's rate-limit window, for a 429 without a reset header. */
const WINDOW_MS = 15 * 60_000;

export function explain(error: unknown, operation: string, context: ExplainContext): BizError {
  if (error instanceof BizError) return error;
  const scrub = (text: string): string => context.secrets.reduce((out, secret) => (secret ? out.split(secret).join('****') : out), text);
  if (error instanceof ApiResponseError) return fromResponse(error, operation, scrub);
  if (error instanceof ApiPartialResponseError) {
    const status = error.response.statusCode;
    return new XRequestError(`X's answer was cut off when asked to ${operation} (HTTP ${status})`, true, status);
  }
  if (error instanceof ApiRequestError) {
    const cause = networkCause(error);
    if (cause.name === 'AbortError') return new XRequestError(`X gave no answer within ${context.timeoutMs} ms when asked to ${operation}`, true);
    if (cause.code && NOT_SENT.has(cause.code)) return new XRequestError(`Could not reach X at ${context.apiUrl} to ${operation}: ${cause.code}`, false);
    return new XRequestError(`The connection to X broke when asked to ${operation}: ${scrub(cause.code ?? cause.message)}`, true);
  }
  return new XRequestError(`X could not ${operation}: ${scrub(error instanceof Error ? error.message : String(error))}`, true);
}

/**
 * twitter-api-v2 1.29.1's `requestError` getter reads `_options.requestError`, but the SDK builds the error with
 * `{ request, error }`: the getter is always undefined and the network error is in `_options.error`.
 */
function networkCause(error: ApiRequestError): Error & { code?: string } {
  const options = (error as unknown as { _options?: { error?: Error } })._options;
  return error.requestError ?? options?.error ?? error;
}

function fromResponse(error: ApiResponseError, operation: string, scrub: (text: string) => string): BizError {
  const status = error.code;
  const said = scrub(problemText(error.data) ?? 'no details');
  if (status === 429) return rateLimited(error.headers, operation);
  if (status === 401) return new XAuthError(`X rejected the credentials when asked to ${operation}: ${said} (HTTP 401)`, 401);
  if (status === 403 && said === DUPLICATE) return new XDuplicateError(`X refused to ${operation}: the account already has a post with this text`);
  if (status === 403 && !NOT_AUTH_403.includes(said)) {
    return new XAuthError(
      `X refused to ${operation}: ${said} (HTTP 403)`,
      403,
      'The X app needs Read and Write permission, and the token must be issued after that change: run `biz market connect x` again.',
    );
  }
  return new XRequestError(`X could not ${operation}: ${said} (HTTP ${status})`, status >= 500, status);
}

/** A v2 problem's `detail`, else the first error's message, else its `title`. */
function problemText(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return typeof data === 'string' && data.trim() ? data.trim().slice(0, 200) : undefined;
  const problem = data as { detail?: unknown; title?: unknown; errors?: Array<{ message?: unknown; detail?: unknown }> };
  const first = problem.errors?.[0];
  const text = [problem.detail, first?.detail, first?.message, problem.title].find((t) => typeof t === 'string' && t);
  return text as string | undefined;
}

/**
 * The 15-minute window resets at `x-rate-limit-reset`. X also counts posts per 24 hours (per user and per app) and
 * sends those counters on some endpoints; when one of them is at zero, that limit is the one to wait for.
 */
function rateLimited(headers: IncomingHttpHeaders, operation: string): XRateLimitError {
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const epoch = (name: string): Date | undefined => {
    const seconds = Number(header(name));
    return header(name) !== undefined && Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
  };
  const dayResets = ['user', 'app']
    .filter((who) => header(`x-${who}-limit-24hour-remaining`) === '0')
    .map((who) => epoch(`x-${who}-limit-24hour-reset`))
    .filter((d): d is Date => d !== undefined);
  if (dayResets.length > 0) {
    const resetAt = new Date(Math.max(...dayResets.map((d) => d.getTime())));
    return new XRateLimitError(`X's 24-hour limit is used up, so it would not ${operation}; it resets at ${resetAt.toISOString()}`, resetAt, 'day');
  }
  const resetAt = epoch('x-rate-limit-reset') ?? new Date(Date.now() + WINDOW_MS);
  return new XRateLimitError(`X's rate limit is reached, so it would not ${operation}; it resets at ${resetAt.toISOString()}`, resetAt, 'window');
}
