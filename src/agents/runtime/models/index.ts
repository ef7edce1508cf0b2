export { parseModelSpec, formatModelSpec, MODEL_SPEC_FORMS, type ModelSpec, type ModelProvider } from './spec';
export {
  DEFAULT_OLLAMA_HOST,
  DEFAULT_OPENAI_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type ModelEndpoints,
} from './endpoints';
export { resolveModel, listOllamaModels, DEFAULT_OPENAI_MODEL, type ResolveModelOptions } from './resolve';
export { createChatModel, type ChatModelParams } from './chat-model';
export {
  ModelClient,
  DEFAULT_ESTIMATE_MAX_TOKENS,
  type ModelClientOptions,
  type InvokeOptions,
  type ModelReply,
  type ModelCallRecord,
  type ResponseCache,
  type TokenUsage,
} from './client';
export type { ChatMessage } from './messages';
export { ModelUnavailableError, BudgetExceededError, ModelCallError, type ModelFailureKind } from './errors';
export { priceOf, costUsd, type ModelPrice } from './pricing';
export { pingModel, type PingResult } from './ping';
export type { RetryPolicy } from './retry';
