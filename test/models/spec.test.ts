import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors';
import { ModelUnavailableError, parseModelSpec, resolveModel } from '../../src/agents/runtime/models';
import { startFakeOllama, type FakeOllama } from '../fakes/ollama';

describe('parseModelSpec', () => {
  it('reads provider-prefixed and bare specs', () => {
    expect(parseModelSpec('openai:gpt-4o-mini')).toEqual({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(parseModelSpec('ollama:llama3.2')).toEqual({ provider: 'ollama', model: 'llama3.2' });
    expect(parseModelSpec('ollama:llama3.2:latest')).toEqual({ provider: 'ollama', model: 'llama3.2:latest' });
    expect(parseModelSpec('gpt-4o')).toEqual({ provider: 'openai', model: 'gpt-4o' });
  });

  it('rejects an unknown provider with the valid forms, as a usage error', () => {
    const attempt = () => parseModelSpec('anthropic:claude');
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(/unknown model provider "anthropic"/);
    try {
      attempt();
    } catch (err) {
      expect((err as UsageError).exitCode).toBe(2);
      expect((err as UsageError).hint).toMatch(/openai:<model>.*ollama:<model>/);
    }
  });

  it('rejects an empty model name', () => {
    expect(() => parseModelSpec('ollama:')).toThrow(/no model name/);
  });
});

describe('resolveModel', () => {
  let ollama: FakeOllama | undefined;
  afterEach(async () => {
    await ollama?.close();
    ollama = undefined;
  });
  const noOllama = async () => undefined;

  it('uses the spec when one is given, even with a key set', async () => {
    expect(await resolveModel({ spec: 'ollama:qwen2.5', openaiApiKey: 'sk-x', probeOllama: noOllama })).toEqual({
      provider: 'ollama',
      model: 'qwen2.5',
    });
  });

  it('chooses openai:gpt-4o-mini when an API key is set', async () => {
    expect(await resolveModel({ openaiApiKey: 'sk-x', probeOllama: noOllama })).toEqual({ provider: 'openai', model: 'gpt-4o-mini' });
  });

  it('falls back to a local Ollama that answers, preferring llama3.2', async () => {
    ollama = await startFakeOllama({ models: ['qwen2.5:7b', 'llama3.2:latest'] });
    expect(await resolveModel({ ollamaHost: ollama.url })).toEqual({ provider: 'ollama', model: 'llama3.2:latest' });
    expect(ollama.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/tags']);
  });

  it('takes the first installed Ollama model when llama3.2 is absent', async () => {
    ollama = await startFakeOllama({ models: ['qwen2.5:7b', 'mistral:latest'] });
    expect(await resolveModel({ ollamaHost: ollama.url.replace('http://', '') })).toEqual({ provider: 'ollama', model: 'qwen2.5:7b' });
  });

  it('says how to install a model when Ollama has none', async () => {
    ollama = await startFakeOllama({ models: [] });
    await expect(resolveModel({ ollamaHost: ollama.url })).rejects.toThrow(/has no models installed/);
  });

  it('names both ways out when neither OpenAI nor Ollama is available', async () => {
    const closed = await startFakeOllama();
    const host = closed.url;
    await closed.close();
    const err = await resolveModel({ ollamaHost: host }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelUnavailableError);
    const { message, hint, exitCode } = err as ModelUnavailableError;
    expect(exitCode).toBe(2);
    expect(message).toContain(host);
    expect(hint).toMatch(/OPENAI_API_KEY/);
    expect(hint).toMatch(/--model openai:/);
    expect(hint).toMatch(/OPENAI_BASE_URL/);
    expect(hint).toMatch(/OLLAMA_HOST/);
  });
});
