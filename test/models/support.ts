import { expect } from 'vitest';
import { ModelCallError, type RetryPolicy } from '../../src/agents/runtime/models';

/** A retry policy that never really waits: it records each wait, and jitter is fixed at the top of its range. */
export function instantRetry(overrides: Partial<RetryPolicy> = {}): { policy: Partial<RetryPolicy>; waits: number[] } {
  const waits: number[] = [];
  const policy: Partial<RetryPolicy> = {
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.999,
    ...overrides,
  };
  return { policy, waits };
}

/** An in-memory stand-in for the store's model cache. */
export function memoryCache(): { get(key: string): string | undefined; put(key: string, value: string): void; entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { get: (key) => entries.get(key), put: (key, value) => void entries.set(key, value), entries };
}

/** The ModelCallError a call rejects with (and fails the test when it rejects with anything else). */
export async function failure(promise: Promise<unknown>): Promise<ModelCallError> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ModelCallError);
  return err as ModelCallError;
}
