import { classifyFailure, type ModelFailure } from './failure';

export interface RetryPolicy {
  maxAttempts: number;
  /** A server asking for a longer pause than this fails at once instead of stalling the run. */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter source. */
  random: () => number;
  /** Wall clock, for Retry-After given as an HTTP date. */
  now: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  maxWaitMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 30_000;

/** Exponential backoff with "equal jitter": half the step fixed, half random. */
export function backoffMs(attempt: number, random: () => number): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Runs `call` until it succeeds, a failure is not worth retrying, or attempts run out. Errors that are not model
 * failures (bugs) pass through untouched; model failures become `fail(failure, attempts)`.
 */
export async function withRetries<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  fail: (failure: ModelFailure, attempts: number) => Error,
): Promise<{ value: T; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await call(), attempts: attempt };
    } catch (err) {
      const failure = classifyFailure(err, policy.now());
      if (!failure) throw err;
      if (!failure.retryable || attempt >= policy.maxAttempts) throw fail(failure, attempt);
      if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxWaitMs) throw fail(failure, attempt);
      await policy.sleep(failure.retryAfterMs ?? backoffMs(attempt, policy.random));
    }
  }
}
