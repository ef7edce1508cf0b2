import { describe, expect, it } from 'vitest';
import { classifyFailure, describeFailure, retryAfterMs } from '../../src/agents/runtime/models/failure';
import { backoffMs } from '../../src/agents/runtime/models/retry';

describe('failure classification', () => {
  const context = { model: 'gpt-4o', endpoint: 'https://api.openai.com/v1', timeoutMs: 120_000 };

  it('masks the API key and other secret shapes in every message', () => {
    const gatewayKey = 'gateway-key-abcdefghijklmnop';
    const openaiKey = 'sk-proj-qrstuvwxyz0123456789';
    const failure = { kind: 'bad_request' as const, retryable: false, status: 400, detail: `key ${gatewayKey} (not ${openaiKey})` };
    const message = describeFailure(failure, { ...context, apiKey: gatewayKey }, 1);
    expect(message).toMatch(/^https:\/\/api\.openai\.com\/v1 refused the request \(HTTP 400\)/);
    expect(message).not.toContain('abcdefghijklmnop');
    expect(message).not.toContain('qrstuvwxyz');
  });

  it('leaves errors that are not about the request alone', () => {
    expect(classifyFailure(new RangeError('bug in our code'), 0)).toBeUndefined();
    expect(classifyFailure('a string', 0)).toBeUndefined();
  });

  it('reads Ollama status codes and OpenAI codes', () => {
    expect(classifyFailure(Object.assign(new Error('model "x" not found'), { status_code: 404 }), 0)).toMatchObject({ kind: 'not_found', retryable: false });
    expect(classifyFailure(Object.assign(new Error('quota'), { status: 429, code: 'insufficient_quota' }), 0)).toMatchObject({ kind: 'quota' });
    expect(classifyFailure(Object.assign(new Error('busy'), { status: 503 }), 0)).toMatchObject({ kind: 'server', retryable: true });
  });

  it('parses Retry-After as seconds, an HTTP date, or retry-after-ms', () => {
    const headers = (values: Record<string, string>) => (name: string) => values[name];
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': '2' }), now)).toBe(2_000);
    expect(retryAfterMs(headers({ 'retry-after': 'Sun, 01 Jun 2025 12:00:10 GMT' }), now)).toBe(10_000);
    expect(retryAfterMs(headers({ 'retry-after': 'Sun, 01 Jun 2025 11:00:00 GMT' }), now)).toBe(0);
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '1' }), now)).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially within [step/2, step], capped at 30 s', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffMs(20, () => 1)).toBe(30_000);
  });
});
