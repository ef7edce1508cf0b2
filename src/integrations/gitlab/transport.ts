/**
 * The HTTP layer under @gitbeaker's resources, plugged in through its `requesterFn` option. Requests are still
 * built by gitbeaker (URL, query, JSON body, auth header); this replaces only @gitbeaker/rest's send loop, which
 * retries 429/502 ten times within ~250 ms and ignores Retry-After (FACTS.md). Here a 429 waits as GitLab says (up
 * to a cap), idempotent requests also ride out 502/503/504, every attempt has its own timeout, and a 2xx reply that
 * is not JSON is an error instead of a Blob.
 */
import {
  createRequesterFn,
  getMatchingRateLimiter,
  GitbeakerRequestError,
  type FormattedResponse,
  type RateLimiters,
  type RequestOptions,
  type RequesterType,
  type ResourceOptions,
  type ResponseBodyTypes,
} from '@gitbeaker/requester-utils';

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  /** Longest wait before a retry; a Retry-After beyond it gives up at once. */
  maxWaitMs: number;
  /** First backoff when GitLab gives no Retry-After; doubles each attempt. */
  baseDelayMs: number;
  /** Per attempt, reading the body included. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  maxWaitMs: 60_000,
  baseDelayMs: 1_000,
  timeoutMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** GitLab kept answering 429 (or asked for a longer wait than we allow). */
export class RateLimitedError extends Error {
  constructor(
    readonly attempts: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`rate limited after ${attempts} attempt${attempts === 1 ? '' : 's'}`);
    this.name = 'RateLimitedError';
  }
}

/** A 2xx answer that is not JSON: the URL points at something that is not the GitLab API. */
export class NotJsonError extends Error {
  constructor(readonly contentType: string) {
    super(`answered with ${contentType || 'no content type'} instead of JSON`);
    this.name = 'NotJsonError';
  }
}

/** The attempt's own timeout fired. */
export class AttemptTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);
const GATEWAY = new Set([502, 503, 504]);

type SendOptions = RequestOptions & { rateLimiters?: RateLimiters };

export function createRequester(policy: RetryPolicy): (serviceOptions: ResourceOptions) => RequesterType {
  return createRequesterFn(
    (_service, options) => Promise.resolve(options),
    (endpoint, options) => send(endpoint, (options ?? {}) as SendOptions, policy),
  );
}

async function send(endpoint: string, options: SendOptions, policy: RetryPolicy): Promise<FormattedResponse> {
  const { prefixUrl, searchParams, method = 'GET', headers, body, rateLimiters } = options;
  const url = new URL(endpoint, prefixUrl?.endsWith('/') ? prefixUrl : `${prefixUrl ?? ''}/`);
  url.search = searchParams ?? '';
  const rateLimit = getMatchingRateLimiter(endpoint, rateLimiters, method);
  for (let attempt = 1; ; attempt++) {
    await rateLimit();
    const request = new Request(url, { method, headers, body: body as RequestInit['body'], signal: AbortSignal.timeout(policy.timeoutMs) });
    const response = await fetch(request).catch((error: unknown) => {
      throw isTimeout(error) ? new AttemptTimeoutError(policy.timeoutMs) : error;
    });
    const retryable = response.status === 429 || (GATEWAY.has(response.status) && IDEMPOTENT.has(method));
    if (!retryable) return read(request, response, policy.timeoutMs);
    await response.body?.cancel();
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const wait = retryAfterMs ?? policy.baseDelayMs * 2 ** (attempt - 1);
    if (attempt >= policy.attempts || wait > policy.maxWaitMs) {
      if (response.status === 429) throw new RateLimitedError(attempt, retryAfterMs);
      throw new GitbeakerRequestError(`${response.status} ${response.statusText}`, { cause: { description: `${response.status} ${response.statusText}`, request, response } });
    }
    await policy.sleep(wait);
  }
}

async function read(request: Request, response: Response, timeoutMs: number): Promise<FormattedResponse> {
  try {
    const headers = Object.fromEntries(response.headers.entries());
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!response.ok) {
      const description = describeBody(await response.text(), contentType, response);
      throw new GitbeakerRequestError(description, { cause: { description, request, response } });
    }
    if (response.status === 204) return { body: null, headers, status: 204 };
    if (contentType !== 'application/json') {
      await response.body?.cancel();
      throw new NotJsonError(contentType);
    }
    return { body: ((await response.json()) ?? {}) as ResponseBodyTypes, headers, status: response.status };
  } catch (error) {
    throw isTimeout(error) ? new AttemptTimeoutError(timeoutMs) : error;
  }
}

/** GitLab's error text: `{message}` as a string, a list or a field map, or `{error}`; otherwise the status line. */
function describeBody(text: string, contentType: string, response: Response): string {
  const statusLine = `${response.status} ${response.statusText}`.trim();
  if (contentType !== 'application/json') return statusLine;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return statusLine;
  }
  const payload = parsed as { message?: unknown; error?: unknown } | null;
  const message = payload?.message ?? payload?.error;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  if (message && typeof message === 'object') {
    return Object.entries(message)
      .map(([field, problems]) => `${field} ${Array.isArray(problems) ? problems.join(', ') : String(problems)}`)
      .join('; ');
  }
  return statusLine;
}

/** Retry-After as delay-seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}
