import type { ChatOllama } from '@langchain/ollama';
import type { ChatOpenAI } from '@langchain/openai';
import { DEFAULT_TIMEOUT_MS, isOfficialOpenAI, ollamaHost, openaiBaseUrl, type ModelEndpoints } from './endpoints';
import { ModelUnavailableError } from './errors';
import type { JsonSchemaFormat } from './messages';
import { formatModelSpec, type ModelSpec } from './spec';

/** OpenAI-compatible servers (vLLM, llama.cpp, LM Studio...) ignore the key, but the client insists on one. */
const COMPATIBLE_SERVER_KEY = 'not-needed';

export interface ChatModelParams {
  temperature?: number;
  maxTokens?: number;
  jsonSchema?: JsonSchemaFormat;
}

/**
 * The LangChain chat model for a spec, with our retry policy in mind: the clients never retry themselves and every
 * request has a timeout. `streaming` is left unset: `invoke` then makes one plain request (ChatOpenAI with
 * `streaming: true` stalls offline fetching tiktoken data), while `streaming: false` would also disable `.stream()`.
 * The provider packages are imported here, on first use, so that commands which never call a model stay fast.
 */
export async function createChatModel(
  spec: ModelSpec,
  endpoints: ModelEndpoints,
  params: ChatModelParams = {},
): Promise<ChatOpenAI | ChatOllama> {
  const timeoutMs = endpoints.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (spec.provider === 'openai') {
    const { ChatOpenAI } = await import('@langchain/openai');
    return new ChatOpenAI({
      model: spec.model,
      apiKey: openaiApiKey(spec, endpoints),
      configuration: { baseURL: openaiBaseUrl(endpoints) },
      maxRetries: 0,
      timeout: timeoutMs,
      temperature: params.temperature,
      maxTokens: params.maxTokens,
      modelKwargs: params.jsonSchema && {
        response_format: { type: 'json_schema', json_schema: { name: params.jsonSchema.name, strict: true, schema: params.jsonSchema.schema } },
      },
    });
  }
  const { ChatOllama } = await import('@langchain/ollama');
  return new ChatOllama({
    model: spec.model,
    baseUrl: ollamaHost(endpoints),
    temperature: params.temperature,
    numPredict: params.maxTokens,
    format: params.jsonSchema?.schema,
    fetch: fetchWithTimeout(timeoutMs),
  });
}

function openaiApiKey(spec: ModelSpec, endpoints: ModelEndpoints): string {
  if (endpoints.openaiApiKey) return endpoints.openaiApiKey;
  if (!isOfficialOpenAI(endpoints)) return COMPATIBLE_SERVER_KEY;
  throw new ModelUnavailableError(
    `${formatModelSpec(spec)} needs an OpenAI API key`,
    'set OPENAI_API_KEY, or OPENAI_BASE_URL for an OpenAI-compatible server',
  );
}

/** The Ollama client takes no timeout and ignores LangChain's abort signal until the first byte arrives. */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}
