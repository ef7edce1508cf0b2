import { DEFAULTS } from '../../../config/schema';
import type { ModelProvider } from './spec';

export const DEFAULT_OPENAI_BASE_URL = DEFAULTS.openaiBaseUrl;
export const DEFAULT_OLLAMA_HOST = DEFAULTS.ollamaHost;
export const DEFAULT_TIMEOUT_MS = DEFAULTS.modelTimeoutMs;

/** Where the models live and how to reach them (flags > environment > config, resolved by the caller). */
export interface ModelEndpoints {
  openaiApiKey?: string;
  /** Must include the API version path, e.g. http://localhost:8000/v1. */
  openaiBaseUrl?: string;
  /** OLLAMA_HOST style: http://host:port, or host:port without a scheme. */
  ollamaHost?: string;
  timeoutMs?: number;
}

export function openaiBaseUrl(endpoints: ModelEndpoints): string {
  return (endpoints.openaiBaseUrl || DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, '');
}

export function ollamaHost(endpoints: ModelEndpoints): string {
  const host = (endpoints.ollamaHost || DEFAULT_OLLAMA_HOST).replace(/\/+$/, '');
  return /^https?:\/\//.test(host) ? host : `http://${host}`;
}

export function endpointOf(provider: ModelProvider, endpoints: ModelEndpoints): string {
  return provider === 'openai' ? openaiBaseUrl(endpoints) : ollamaHost(endpoints);
}

/** True when the base URL is OpenAI's own API, where a real key is required. */
export function isOfficialOpenAI(endpoints: ModelEndpoints): boolean {
  return new URL(openaiBaseUrl(endpoints)).hostname === 'api.openai.com';
}
