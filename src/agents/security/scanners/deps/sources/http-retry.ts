export interface RetryPolicy {
  attempts: number;
  timeoutMs: number; // per attempt, body included
  baseDelayMs: number; // first backoff when the server gives no Retry-After; doubles each attempt
  maxDelayMs: number; // cap on any wait, Retry-After included
  sleep: (ms: number) => Promise<void>;
}

const UNREACHABLE = new Set(['ENOTFOUND', 'ECONNREFUSED']);

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * One HTTP exchange with bounded retries: 429, 5xx, network errors and timeouts are retried, Retry-After honoured up
 * to the cap. `read` consumes the body inside the attempt, so a body that stalls counts against the timeout too.
 */
export async function requestWithRetry<T>(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  policy: RetryPolicy,
  read: (response: Response) => Promise<T>,
): Promise<T> {
  const method = init.method ?? 'GET';
  let lastProblem = '';
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(policy.timeoutMs) });
      if (response.ok) return await read(response);
      await response.body?.cancel();
      if (response.status !== 429 && response.status < 500) {
        throw new HttpError(`${method} ${url} failed: HTTP ${response.status}`, response.status);
      }
      lastProblem = `HTTP ${response.status}`;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      lastProblem = describeFailure(error, policy.timeoutMs);
      // No such host, or nothing listening: waiting will not change the answer, so an offline scan stays fast.
      if (UNREACHABLE.has(lastProblem)) throw new HttpError(`${method} ${url} failed: ${lastProblem}`);
    }
    if (attempt < policy.attempts) {
      const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
      await policy.sleep(Math.min(retryAfterMs ?? backoff, policy.maxDelayMs));
    }
  }
  throw new HttpError(`${method} ${url} failed: ${lastProblem} after ${policy.attempts} attempts`);
}

/** Retry-After as delay-seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `timed out after ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
