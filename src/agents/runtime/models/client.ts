import { z } from 'zod';
import { responseCacheKey } from './cache-key';
import { createChatModel } from './chat-model';
import { DEFAULT_TIMEOUT_MS, endpointOf, type ModelEndpoints } from './endpoints';
import { BudgetExceededError, ModelCallError } from './errors';
import { describeFailure, type FailureContext, type ModelFailure } from './failure';
import type { ChatMessage, JsonSchemaFormat } from './messages';
import { costUsd, estimateCostUsd, priceOf, type ModelPrice } from './pricing';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from './retry';
import type { ModelSpec } from './spec';

/** Output tokens assumed for the budget check when a call sets no maxTokens. */
export const DEFAULT_ESTIMATE_MAX_TOKENS = 1024;

export interface ResponseCache {
  get(key: string): string | undefined;
  put(key: string, value: string): void;
}

export interface InvokeOptions<T> {
  /** The reply must be JSON matching this schema; it comes back parsed in `parsed`. */
  schema?: z.ZodType<T>;
  /** The schema's name on the wire (OpenAI json_schema.name). */
  name?: string;
  temperature?: number;
  maxTokens?: number;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ModelReply<T> {
  text: string;
  parsed?: T;
  /** Tokens this call consumed: zero for a cache hit. */
  usage: TokenUsage;
  costUsd: number;
  /** False for Ollama and unknown compatible models, whose cost is reported as 0. */
  priced: boolean;
  cached: boolean;
}

/** One model call, for the runtime's `llm.call` event. */
export interface ModelCallRecord extends TokenUsage {
  provider: ModelSpec['provider'];
  model: string;
  costUsd: number;
  priced: boolean;
  cached: boolean;
  latencyMs: number;
  attempts: number;
}

export interface ModelClientOptions {
  model: ModelSpec;
  endpoints: ModelEndpoints;
  cache?: ResponseCache;
  noCache?: boolean;
  /** Refuse any call whose worst case would take the run past this many dollars. */
  maxCostUsd?: number;
  /** What the run spent before this client existed (a resumed run). */
  spentUsd?: number;
  onCall?: (record: ModelCallRecord) => void;
  /** maxAttempts is the config's models.maxRetries + 1; sleep, random and now are for tests. */
  retry?: Partial<RetryPolicy>;
}

/** What every agent node calls: cache, budget, retries, usage and cost around one chat request. */
export class ModelClient {
  private spent: number;
  private readonly policy: RetryPolicy;
  private readonly price: ModelPrice | undefined;
  private readonly failureContext: FailureContext;

  constructor(private readonly options: ModelClientOptions) {
    this.spent = options.spentUsd ?? 0;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.price = priceOf(options.model);
    this.failureContext = {
      model: options.model.model,
      endpoint: endpointOf(options.model.provider, options.endpoints),
      timeoutMs: options.endpoints.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      apiKey: options.endpoints.openaiApiKey,
    };
  }

  /** Dollars spent so far, including what the run had spent before (`spentUsd`). */
  get spentUsd(): number {
    return this.spent;
  }

  async invoke<T = never>(messages: ChatMessage[], opts: InvokeOptions<T> = {}): Promise<ModelReply<T>> {
    const started = this.policy.now();
    const jsonSchema = opts.schema && toJsonSchemaFormat(opts.schema, opts.name);
    const cacheKey = responseCacheKey({
      spec: this.options.model,
      endpoint: this.failureContext.endpoint,
      messages,
      jsonSchema,
      temperature: opts.temperature,
      maxTokens: opts.maxTokens,
    });
    const cache = this.options.noCache ? undefined : this.options.cache;
    const hit = cache?.get(cacheKey);
    if (hit !== undefined) {
      const text = (JSON.parse(hit) as { text: string }).text;
      return this.finish({ text, usage: { inputTokens: 0, outputTokens: 0 }, cached: true, attempts: 0, started }, opts.schema);
    }

    this.checkBudget(messages, opts.maxTokens ?? DEFAULT_ESTIMATE_MAX_TOKENS);
    const chatModel = await createChatModel(this.options.model, this.options.endpoints, {
      temperature: opts.temperature,
      maxTokens: opts.maxTokens,
      jsonSchema,
    });
    const { value: message, attempts } = await withRetries(
      () => chatModel.invoke(messages.map((m) => [m.role, m.content] as const)),
      this.policy,
      (failure, tries) => this.error(failure, tries),
    );
    const usage = { inputTokens: message.usage_metadata?.input_tokens ?? 0, outputTokens: message.usage_metadata?.output_tokens ?? 0 };
    const reply = this.finish({ text: message.text, usage, cached: false, attempts, started }, opts.schema);
    cache?.put(cacheKey, JSON.stringify({ text: message.text }));
    return reply;
  }

  private checkBudget(messages: ChatMessage[], maxOutputTokens: number): void {
    const cap = this.options.maxCostUsd;
    if (cap === undefined) return;
    const inputChars = messages.reduce((sum, m) => sum + m.content.length, 0);
    const estimate = estimateCostUsd(this.price, inputChars, maxOutputTokens);
    if (this.spent + estimate > cap) throw new BudgetExceededError(this.spent, estimate, cap);
  }

  private finish<T>(
    call: { text: string; usage: TokenUsage; cached: boolean; attempts: number; started: number },
    schema: z.ZodType<T> | undefined,
  ): ModelReply<T> {
    const cost = costUsd(this.price, call.usage.inputTokens, call.usage.outputTokens);
    this.spent += cost;
    const priced = this.price !== undefined;
    this.options.onCall?.({
      provider: this.options.model.provider,
      model: this.options.model.model,
      ...call.usage,
      costUsd: cost,
      priced,
      cached: call.cached,
      latencyMs: this.policy.now() - call.started,
      attempts: call.attempts,
    });
    // Parsed after the cost is counted: a reply that fails the schema was still paid for.
    const parsed = schema && this.parse(call.text, schema, call.attempts);
    return { text: call.text, parsed, usage: call.usage, costUsd: cost, priced, cached: call.cached };
  }

  private parse<T>(text: string, schema: z.ZodType<T>, attempts: number): T {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.error({ kind: 'bad_output', retryable: false, detail: `not JSON: ${text.slice(0, 200)}` }, attempts);
    }
    const result = schema.safeParse(json);
    if (!result.success) throw this.error({ kind: 'bad_output', retryable: false, detail: z.prettifyError(result.error) }, attempts);
    return result.data;
  }

  private error(failure: ModelFailure, attempts: number): ModelCallError {
    return new ModelCallError(describeFailure(failure, this.failureContext, attempts), failure.kind, attempts);
  }
}

function toJsonSchemaFormat(schema: z.ZodType, name = 'reply'): JsonSchemaFormat {
  const jsonSchema = z.toJSONSchema(schema) as Record<string, unknown>;
  delete jsonSchema.$schema;
  return { name, schema: jsonSchema };
}
