import { describe, expect, it } from 'vitest';
import { costUsd, priceOf } from '../../src/agents/runtime/models';

describe('pricing', () => {
  it('prices known OpenAI models per million tokens', () => {
    const price = priceOf({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(price).toEqual({ inputPerMTok: 0.15, outputPerMTok: 0.6 });
    expect(costUsd(price, 1_000_000, 0)).toBeCloseTo(0.15, 10);
    expect(costUsd(price, 2_000, 500)).toBeCloseTo((2_000 * 0.15 + 500 * 0.6) / 1e6, 12);
  });

  it('matches dated snapshots to their model, and not to a shorter name', () => {
    expect(priceOf({ provider: 'openai', model: 'gpt-4o-mini-2024-07-18' })).toEqual(priceOf({ provider: 'openai', model: 'gpt-4o-mini' }));
    expect(priceOf({ provider: 'openai', model: 'gpt-4o-2024-08-06' })?.inputPerMTok).toBe(2.5);
    expect(priceOf({ provider: 'openai', model: 'gpt-5-mini' })?.inputPerMTok).toBe(0.25);
    expect(priceOf({ provider: 'openai', model: 'gpt-4.1-nano-2025-04-14' })?.outputPerMTok).toBe(0.4);
  });

  it('leaves other variants, unknown compatible models and Ollama unpriced', () => {
    expect(priceOf({ provider: 'openai', model: 'gpt-4o-audio-preview' })).toBeUndefined();
    expect(priceOf({ provider: 'openai', model: 'qwen2.5-coder-32b' })).toBeUndefined();
    expect(priceOf({ provider: 'ollama', model: 'gpt-4o' })).toBeUndefined();
    expect(costUsd(undefined, 10_000, 10_000)).toBe(0);
  });
});
