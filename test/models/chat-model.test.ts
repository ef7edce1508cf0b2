import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AIMessageChunk } from '@langchain/core/messages';
import { createChatModel, ModelUnavailableError, pingModel } from '../../src/agents/runtime/models';
import { startFakeOllama, type FakeOllama } from '../fakes/ollama';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';

const fakes: (FakeOpenAI | FakeOllama)[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});
async function openai(...args: Parameters<typeof startFakeOpenAI>) {
  const fake = await startFakeOpenAI(...args);
  fakes.push(fake);
  return fake;
}
async function ollama(...args: Parameters<typeof startFakeOllama>) {
  const fake = await startFakeOllama(...args);
  fakes.push(fake);
  return fake;
}

const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  schema: z.object({ city: z.string() }),
};

describe('createChatModel', () => {
  it('streams from an OpenAI-compatible server with usage in the final chunk', async () => {
    const fake = await openai({ replies: ['a streamed answer that spans chunks'] });
    const model = await createChatModel({ provider: 'openai', model: 'gpt-4o-mini' }, { openaiApiKey: 'sk-x', openaiBaseUrl: fake.url });
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await model.stream([['user', 'go']])) merged = merged ? merged.concat(chunk) : chunk;

    expect(merged?.text).toBe('a streamed answer that spans chunks');
    expect(merged?.usage_metadata).toMatchObject({ input_tokens: expect.any(Number), output_tokens: 9 });
    expect(fake.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('returns tool calls over the OpenAI protocol', async () => {
    const fake = await openai({ replies: [{ toolCalls: [{ name: 'get_weather', args: { city: 'Oslo' }, id: 'call_1' }] }] });
    const model = await createChatModel({ provider: 'openai', model: 'gpt-4o-mini' }, { openaiApiKey: 'sk-x', openaiBaseUrl: fake.url });
    const reply = await model.bindTools!([weather]).invoke([['user', 'weather in Oslo?']]);

    expect(reply.tool_calls).toEqual([expect.objectContaining({ name: 'get_weather', args: { city: 'Oslo' }, id: 'call_1' })]);
    expect(fake.requests[0].body.tools).toEqual([expect.objectContaining({ type: 'function', function: expect.objectContaining({ name: 'get_weather' }) })]);
  });

  it('returns tool calls over the Ollama protocol', async () => {
    const fake = await ollama({ replies: [{ toolCalls: [{ name: 'get_weather', args: { city: 'Oslo' } }] }] });
    const model = await createChatModel({ provider: 'ollama', model: 'llama3.2' }, { ollamaHost: fake.url });
    const reply = await model.bindTools!([weather]).invoke([['user', 'weather in Oslo?']]);

    expect(reply.tool_calls).toEqual([expect.objectContaining({ name: 'get_weather', args: { city: 'Oslo' } })]);
    expect(fake.requests[0].body.tools).toEqual([expect.objectContaining({ function: expect.objectContaining({ name: 'get_weather' }) })]);
  });

  it('sends a placeholder key to a compatible server when none is set', async () => {
    const fake = await openai({ replies: ['ok'], apiKey: 'not-needed' });
    const model = await createChatModel({ provider: 'openai', model: 'qwen2.5' }, { openaiBaseUrl: fake.url });
    expect((await model.invoke([['user', 'hi']])).text).toBe('ok');
  });

  it('refuses OpenAI itself without a key, before any request', async () => {
    await expect(createChatModel({ provider: 'openai', model: 'gpt-4o' }, {})).rejects.toThrow(ModelUnavailableError);
    await expect(createChatModel({ provider: 'openai', model: 'gpt-4o' }, {})).rejects.toThrow(/needs an OpenAI API key/);
  });

  it('loads the provider packages only when a model is created', () => {
    const dir = join(import.meta.dirname, '../../src/agents/runtime/models');
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/^import (?!type )[^;]*from '@langchain\/(openai|ollama)'/m);
    }
  });
});

describe('pingModel', () => {
  it('reports ok when the model answers, asking for a handful of tokens', async () => {
    const fake = await openai({ replies: ['OK'] });
    const result = await pingModel({ provider: 'openai', model: 'gpt-4o-mini' }, { openaiApiKey: 'sk-x', openaiBaseUrl: fake.url });
    expect(result).toEqual({ ok: true, latencyMs: expect.any(Number) });
    expect(fake.requests[0].body).toMatchObject({ max_tokens: 5, messages: [{ role: 'user', content: 'Reply with OK' }] });
  });

  it('reports the failure in words, without the key', async () => {
    const key = 'sk-proj-secret0123456789abcdef';
    const fake = await openai({ replies: [{ fault: 'unauthorized' }] });
    const result = await pingModel({ provider: 'openai', model: 'gpt-4o-mini' }, { openaiApiKey: key, openaiBaseUrl: fake.url });
    expect(result).toMatchObject({ ok: false, error: `API key rejected by ${fake.url} (HTTP 401); check OPENAI_API_KEY` });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports an Ollama that is not running', async () => {
    const fake = await ollama();
    await fake.close();
    const result = await pingModel({ provider: 'ollama', model: 'llama3.2' }, { ollamaHost: fake.url });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(new RegExp(`^cannot reach ${fake.url}`));
  });
});
