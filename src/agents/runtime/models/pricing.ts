/*
 * OpenAI list prices in USD per 1M tokens (standard tier, uncached input), from https://openai.com/api/pricing/
 * as published in August 2025 (after the June 2025 o3 price cut and the gpt-5 launch). Prices change: check that
 * page before trusting a budget to the cent. Ollama and unknown OpenAI-compatible models are unpriced (cost 0).
 */
import type { ModelSpec } from './spec';

export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

const OPENAI_PRICES: Record<string, ModelPrice> = {
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'gpt-4-turbo': { inputPerMTok: 10, outputPerMTok: 30 },
  'gpt-3.5-turbo': { inputPerMTok: 0.5, outputPerMTok: 1.5 },
  o1: { inputPerMTok: 15, outputPerMTok: 60 },
  'o1-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'o1-pro': { inputPerMTok: 150, outputPerMTok: 600 },
  o3: { inputPerMTok: 2, outputPerMTok: 8 },
  'o3-pro': { inputPerMTok: 20, outputPerMTok: 80 },
  'o3-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
};

/** A snapshot of a known model: `gpt-4o-2024-08-06`, `gpt-4-0613`. Other suffixes (`-preview`, `-audio`) are other models. */
const SNAPSHOT_SUFFIX = /^-\d{4}(-\d{2}-\d{2})?$/;

/** The price of an OpenAI model or one of its dated snapshots; undefined when unknown. */
export function priceOf(spec: ModelSpec): ModelPrice | undefined {
  if (spec.provider !== 'openai') return undefined;
  const name = Object.keys(OPENAI_PRICES).find(
    (known) => spec.model === known || (spec.model.startsWith(known) && SNAPSHOT_SUFFIX.test(spec.model.slice(known.length))),
  );
  return name ? OPENAI_PRICES[name] : undefined;
}

export function costUsd(price: ModelPrice | undefined, inputTokens: number, outputTokens: number): number {
  if (!price) return 0;
  return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
}

/** Worst case before a call: about four characters a token in, every allowed token out. */
export function estimateCostUsd(price: ModelPrice | undefined, inputChars: number, maxOutputTokens: number): number {
  return costUsd(price, Math.ceil(inputChars / 4), maxOutputTokens);
}
