import { createChatModel } from './chat-model';
import { DEFAULT_TIMEOUT_MS, endpointOf, type ModelEndpoints } from './endpoints';
import { classifyFailure, describeFailure, scrub } from './failure';
import type { ModelSpec } from './spec';

export interface PingResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

/** One tiny real request, no retries, for `biz doctor`: does the model answer, and how fast. */
export async function pingModel(spec: ModelSpec, endpoints: ModelEndpoints, now: () => number = Date.now): Promise<PingResult> {
  const started = now();
  try {
    const model = await createChatModel(spec, endpoints, { maxTokens: 5 });
    await model.invoke([['user', 'Reply with OK']]);
    return { ok: true, latencyMs: now() - started };
  } catch (err) {
    const failure = classifyFailure(err, now());
    const context = {
      model: spec.model,
      endpoint: endpointOf(spec.provider, endpoints),
      timeoutMs: endpoints.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      apiKey: endpoints.openaiApiKey,
    };
    const error = failure ? describeFailure(failure, context, 1) : scrub(err instanceof Error ? err.message : String(err), endpoints.openaiApiKey);
    return { ok: false, latencyMs: now() - started, error };
  }
}
