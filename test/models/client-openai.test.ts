import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BudgetExceededError,
  ModelClient,
  type ModelCallRecord,
  type ModelClientOptions,
} from '../../src/agents/runtime/models';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import { failure, instantRetry, memoryCache } from './support';

const API_KEY = 'sk-proj-testkey0123456789abcdef'; // biz:ignore (a fake key the fake server checks)
const question = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: 'Say hi.' },
];

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI({ apiKey: API_KEY });
});
afterEach(async () => {
  await fake.close();
});

function client(overrides: Partial<ModelClientOptions> = {}) {
  const { policy, waits } = instantRetry();
  const calls: ModelCallRecord[] = [];
  const modelClient = new ModelClient({
    model: { provider: 'openai', model: 'gpt-4o-mini' },
    endpoints: { openaiApiKey: API_KEY, openaiBaseUrl: fake.url, timeoutMs: 5_000 },
    retry: policy,
    onCall: (record) => calls.push(record),
    ...overrides,
  });
  return { modelClient, waits, calls };
}

describe('ModelClient against the OpenAI wire protocol', () => {
  it('returns the text, the usage from the response, and its cost', async () => {
    fake.enqueue({ text: 'hi', usage: { prompt_tokens: 1000, completion_tokens: 200 } });
    const { modelClient, calls } = client();
    const reply = await modelClient.invoke(question, { temperature: 0.2, maxTokens: 50 });

    expect(reply).toMatchObject({ text: 'hi', usage: { inputTokens: 1000, outputTokens: 200 }, cached: false, priced: true });
    expect(reply.costUsd).toBeCloseTo((1000 * 0.15 + 200 * 0.6) / 1e6, 12);
    expect(modelClient.spentUsd).toBeCloseTo(reply.costUsd, 12);
    const body = fake.requests[0].body;
    expect(body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 50 });
    expect(body.stream).toBeFalsy();
    expect(body.messages).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Say hi.' },
    ]);
    expect(calls).toEqual([
      expect.objectContaining({ provider: 'openai', model: 'gpt-4o-mini', inputTokens: 1000, outputTokens: 200, cached: false, attempts: 1 }),
    ]);
  });

  it('asks for strict json_schema output and returns it parsed', async () => {
    const Verdict = z.object({ severity: z.enum(['low', 'high']), reasons: z.array(z.string()) });
    fake.enqueue({ json: { severity: 'high', reasons: ['hard-coded key'] } });
    const reply = await client().modelClient.invoke(question, { schema: Verdict, name: 'verdict' });

    expect(reply.parsed).toEqual({ severity: 'high', reasons: ['hard-coded key'] });
    expect(fake.requests[0].body.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'verdict',
        strict: true,
        schema: expect.objectContaining({ type: 'object', required: ['severity', 'reasons'], additionalProperties: false }),
      },
    });
  });

  it('refuses output that does not match the schema, counts its cost, and does not cache it', async () => {
    fake.enqueue({ json: { severity: 'medium' }, usage: { prompt_tokens: 100, completion_tokens: 10 } });
    const cache = memoryCache();
    const { modelClient, calls } = client({ cache });
    const err = await failure(modelClient.invoke(question, { schema: z.object({ severity: z.enum(['low', 'high']) }) }));
    expect(err.kind).toBe('bad_output');
    expect(err.message).toMatch(/^gpt-4o-mini replied with output that does not match the requested schema/);
    expect(modelClient.spentUsd).toBeGreaterThan(0);
    expect(calls).toHaveLength(1);
    expect(cache.entries.size).toBe(0);
  });

  it('waits as long as Retry-After says (seconds), then succeeds', async () => {
    fake.enqueue({ fault: 'rate_limit', retryAfter: '7' }, 'after the wait');
    const { modelClient, waits, calls } = client();
    const reply = await modelClient.invoke(question);
    expect(reply.text).toBe('after the wait');
    expect(waits).toEqual([7_000]);
    expect(fake.requests).toHaveLength(2);
    expect(calls[0].attempts).toBe(2);
  });

  it('prefers retry-after-ms, and reads Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    fake.enqueue({ fault: 'rate_limit', retryAfterMs: '1500', retryAfter: '2' }, { fault: 'rate_limit', retryAfter: 'Sun, 01 Jun 2025 12:00:03 GMT' }, 'ok');
    const { policy, waits } = instantRetry({ now: () => now });
    await client({ retry: policy }).modelClient.invoke(question);
    expect(waits).toEqual([1_500, 3_000]);
  });

  it('fails at once when Retry-After asks for more than the longest wait allowed', async () => {
    fake.enqueue({ fault: 'rate_limit', retryAfter: '120' });
    const { modelClient, waits } = client();
    const err = await failure(modelClient.invoke(question));
    expect(err.kind).toBe('rate_limited');
    expect(err.message).toMatch(/rate limited by .*; retry after 120 s/);
    expect(waits).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('backs off exponentially with jitter on 500, then succeeds', async () => {
    fake.enqueue({ fault: 'server_error' }, { fault: 'server_error', status: 503 }, 'recovered');
    const { policy, waits } = instantRetry({ random: () => 0.5 });
    const reply = await client({ retry: policy }).modelClient.invoke(question);
    expect(reply.text).toBe('recovered');
    expect(waits).toEqual([750, 1_500]);
  });

  it('gives up after maxAttempts with the last failure', async () => {
    fake.enqueue({ fault: 'server_error' }, { fault: 'server_error' }, { fault: 'server_error' });
    const { policy, waits } = instantRetry({ maxAttempts: 3 });
    const err = await failure(client({ retry: policy }).modelClient.invoke(question));
    expect(err).toMatchObject({ kind: 'server', attempts: 3, exitCode: 1 });
    expect(err.message).toMatch(/failed with HTTP 500 \(after 3 attempts\)/);
    expect(waits).toHaveLength(2);
  });

  it('does not retry insufficient_quota, and says so', async () => {
    fake.enqueue({ fault: 'insufficient_quota' });
    const { modelClient, waits } = client();
    const err = await failure(modelClient.invoke(question));
    expect(err).toMatchObject({ kind: 'quota', attempts: 1 });
    expect(err.message).toMatch(/no quota left/);
    expect(waits).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry context_length_exceeded, and says so', async () => {
    fake.enqueue({ fault: 'context_length' });
    const err = await failure(client().modelClient.invoke(question));
    expect(err).toMatchObject({ kind: 'context_length', attempts: 1 });
    expect(err.message).toMatch(/longer than gpt-4o-mini's context window/);
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a rejected key by base URL without ever echoing it', async () => {
    const wrongKey = 'sk-proj-wrongkey9876543210zyxw';
    const { modelClient } = client({ endpoints: { openaiApiKey: wrongKey, openaiBaseUrl: fake.url } });
    const err = await failure(modelClient.invoke(question));
    expect(err).toMatchObject({ kind: 'auth', exitCode: 2 });
    expect(err.message).toBe(`API key rejected by ${fake.url} (HTTP 401); check OPENAI_API_KEY`);
    expect(JSON.stringify(err) + String(err.stack)).not.toContain(wrongKey);
    expect(fake.requests).toHaveLength(1);
  });

  it('turns a malformed body into a clear error', async () => {
    fake.enqueue({ fault: 'malformed' });
    const err = await failure(client().modelClient.invoke(question));
    expect(err.kind).toBe('bad_response');
    expect(err.message).toMatch(new RegExp(`^malformed response from ${fake.url}`));
  });

  it('times out a request that never answers, retries it, then fails clearly', async () => {
    fake.enqueue({ fault: 'hang' }, { fault: 'hang' });
    const { policy, waits } = instantRetry({ maxAttempts: 2 });
    const { modelClient } = client({ retry: policy, endpoints: { openaiApiKey: API_KEY, openaiBaseUrl: fake.url, timeoutMs: 200 } });
    const err = await failure(modelClient.invoke(question));
    expect(err).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(err.message).toBe(`no answer from ${fake.url} within 0.2 s (after 2 attempts)`);
    expect(waits).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('retries a refused connection as a network error', async () => {
    const closed = await startFakeOpenAI();
    await closed.close();
    const { policy, waits } = instantRetry({ maxAttempts: 2 });
    const { modelClient } = client({ retry: policy, endpoints: { openaiApiKey: API_KEY, openaiBaseUrl: closed.url } });
    const err = await failure(modelClient.invoke(question));
    expect(err).toMatchObject({ kind: 'network', attempts: 2 });
    expect(err.message).toMatch(new RegExp(`^cannot reach ${closed.url} \\(after 2 attempts\\)`));
    expect(waits).toHaveLength(1);
  });

  describe('response cache', () => {
    it('answers a repeated call from the cache without a request, at no cost', async () => {
      fake.enqueue({ json: { n: 1 }, usage: { prompt_tokens: 100, completion_tokens: 10 } });
      const cache = memoryCache();
      const { modelClient, calls } = client({ cache });
      const schema = z.object({ n: z.number() });
      const first = await modelClient.invoke(question, { schema });
      const second = await modelClient.invoke(question, { schema });

      expect(fake.requests).toHaveLength(1);
      expect(first).toMatchObject({ cached: false, parsed: { n: 1 } });
      expect(second).toMatchObject({ cached: true, parsed: { n: 1 }, costUsd: 0, usage: { inputTokens: 0, outputTokens: 0 } });
      expect(calls.map((c) => c.cached)).toEqual([false, true]);
      expect(modelClient.spentUsd).toBeCloseTo(first.costUsd, 12);
    });

    it('keys on everything that shapes the answer', async () => {
      fake.enqueue('a', 'b', 'c', 'd');
      const { modelClient } = client({ cache: memoryCache() });
      await modelClient.invoke(question);
      await modelClient.invoke(question, { temperature: 1 });
      await modelClient.invoke([...question, { role: 'assistant', content: 'hi' }, { role: 'user', content: 'again' }]);
      await modelClient.invoke(question, { schema: z.object({ x: z.string() }) }).catch(() => undefined);
      expect(fake.requests).toHaveLength(4);
    });

    it('skips the cache with noCache', async () => {
      fake.enqueue('a', 'b');
      const cache = memoryCache();
      const { modelClient } = client({ cache, noCache: true });
      await modelClient.invoke(question);
      await modelClient.invoke(question);
      expect(fake.requests).toHaveLength(2);
      expect(cache.entries.size).toBe(0);
    });
  });

  describe('budget', () => {
    it('refuses a call whose worst case would pass the cap, without a request', async () => {
      // gpt-4o-mini: 1024 output tokens at $0.60/M is about $0.000614, plus a few input tokens.
      const { modelClient } = client({ maxCostUsd: 0.01, spentUsd: 0.0095 });
      const err = await modelClient.invoke(question).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BudgetExceededError);
      expect((err as BudgetExceededError).exitCode).toBe(1);
      expect(fake.requests).toHaveLength(0);
    });

    it('counts maxTokens in the estimate and adds the real cost after each call', async () => {
      fake.enqueue({ text: 'x', usage: { prompt_tokens: 1_000, completion_tokens: 1_000 } });
      const { modelClient } = client({ maxCostUsd: 0.01, spentUsd: 0.0095 });
      const reply = await modelClient.invoke(question, { maxTokens: 100 });
      expect(modelClient.spentUsd).toBeCloseTo(0.0095 + reply.costUsd, 12);
      expect(reply.costUsd).toBeCloseTo(0.00075, 12);
      await expect(modelClient.invoke(question, { maxTokens: 100 })).rejects.toBeInstanceOf(BudgetExceededError);
      expect(fake.requests).toHaveLength(1);
    });
  });
});
