import { DEFAULTS } from '../../../config/schema';
import type { Context } from '../../../core/context';
import type { ModelEndpoints } from './endpoints';

/** Endpoints and limits from the layered config; the API key only from the environment (it is never in a file). */
export function endpointsFrom(ctx: Context): ModelEndpoints {
  const models = ctx.config.values.models;
  return {
    openaiApiKey: ctx.env.OPENAI_API_KEY || undefined,
    openaiBaseUrl: models?.openai?.baseUrl ?? DEFAULTS.openaiBaseUrl,
    ollamaHost: models?.ollama?.host ?? DEFAULTS.ollamaHost,
    timeoutMs: models?.timeoutMs ?? DEFAULTS.modelTimeoutMs,
  };
}
