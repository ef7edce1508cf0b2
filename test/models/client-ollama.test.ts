import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelClient, type ModelCallRecord, type ModelClientOptions } from '../../src/agents/runtime/models';
import { startFakeOllama, type FakeOllama } from '../fakes/ollama';
import { failure, instantRetry } from './support';

const question = [{ role: 'user' as const, content: 'Say hi.' }];

let fake: FakeOllama;
beforeEach(async () => {
  fake = await startFakeOllama();
});
afterEach(async () => {
  await fake.close();
});

function client(overrides: Partial<ModelClientOptions> = {}) {
  const { policy, waits } = instantRetry();
  const calls: ModelCallRecord[] = [];
  const modelClient = new ModelClient({
    model: { provider: 'ollama', model: 'llama3.2' },
    endpoints: { ollamaHost: fake.url, timeoutMs: 5_000 },
    retry: policy,
    onCall: (record) => calls.push(record),
    ...overrides,
  });
  return { modelClient, waits, calls };
}

describe('ModelClient against the Ollama wire protocol', () => {
  it('reads the streamed text and the token counts of the done line; Ollama costs nothing', async () => {
    fake.enqueue({ text: 'hello from a local model', promptEvalCount: 31, evalCount: 7 });
    const { modelClient, calls } = client();
    const reply = await modelClient.invoke(question, { temperature: 0, maxTokens: 64 });

    expect(reply).toMatchObject({ text: 'hello from a local model', usage: { inputTokens: 31, outputTokens: 7 }, costUsd: 0, priced: false });
    expect(fake.requests[0].body).toMatchObject({ model: 'llama3.2', stream: true, options: { temperature: 0, num_predict: 64 } });
    expect(calls[0]).toMatchObject({ provider: 'ollama', inputTokens: 31, outputTokens: 7, costUsd: 0, priced: false });
  });

  it('sends the schema as `format` and returns the reply parsed', async () => {
    const Lead = z.object({ company: z.string(), score: z.number().int() });
    fake.enqueue({ json: { company: 'Acme', score: 8 } });
    const reply = await client().modelClient.invoke(question, { schema: Lead });
    expect(reply.parsed).toEqual({ company: 'Acme', score: 8 });
    expect(fake.requests[0].body.format).toMatchObject({ type: 'object', required: ['company', 'score'] });
  });

  it('retries a 500 and then succeeds', async () => {
    fake.enqueue({ fault: 'server_error' }, 'fine now');
    const { modelClient, waits } = client();
    expect((await modelClient.invoke(question)).text).toBe('fine now');
    expect(waits).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('treats a stream cut before its done line as a network failure, retried', async () => {
    fake.enqueue({ fault: 'no_done' }, { fault: 'no_done' });
    const { policy } = instantRetry({ maxAttempts: 2 });
    const err = await failure(client({ retry: policy }).modelClient.invoke(question));
    expect(err).toMatchObject({ kind: 'network', attempts: 2 });
    expect(err.message).toMatch(new RegExp(`^cannot reach ${fake.url} \\(after 2 attempts\\)`));
  });

  it('times out a request that never answers', async () => {
    fake.enqueue({ fault: 'hang' }, { fault: 'hang' });
    const { policy } = instantRetry({ maxAttempts: 2 });
    const err = await failure(client({ retry: policy, endpoints: { ollamaHost: fake.url, timeoutMs: 200 } }).modelClient.invoke(question));
    expect(err).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(err.message).toBe(`no answer from ${fake.url} within 0.2 s (after 2 attempts)`);
    expect(fake.requests).toHaveLength(2);
  });
});
