import { DEFAULTS } from '../../config/schema';
import type { Context } from '../../core/context';
import type { RunEventType } from './events';
import { ModelClient, resolveModel } from './models';
import { endpointsFrom } from './models/from-context';
import { formatModelSpec } from './models/spec';

/**
 * The run's model client, made on first use: resolved from --model / config / environment, cached in the store,
 * capped by --max-cost against what the run has already spent, and reporting each call as an llm.call event and
 * into the run's totals.
 */
export function createRunModel(ctx: Context, runId: string, emit: (type: RunEventType, data: Record<string, unknown>) => void): () => Promise<ModelClient> {
  let client: Promise<ModelClient> | undefined;
  return () =>
    (client ??= (async () => {
      const store = ctx.store();
      const endpoints = endpointsFrom(ctx);
      const models = ctx.config.values.models;
      const spec = await resolveModel({ spec: models?.default, ...endpoints });
      store.runs.setModel(runId, formatModelSpec(spec));
      return new ModelClient({
        model: spec,
        endpoints,
        cache: store.modelCache,
        noCache: ctx.flags.cache === false,
        maxCostUsd: models?.maxCostUsd,
        spentUsd: store.runs.get(runId)?.costUsd ?? 0,
        retry: { maxAttempts: (models?.maxRetries ?? DEFAULTS.modelMaxRetries) + 1 },
        onCall: (call) => {
          store.runs.addUsage(runId, call);
          emit('llm.call', { ...call });
        },
      });
    })());
}
