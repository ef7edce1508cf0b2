import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { isGraphInterrupt } from '@langchain/langgraph';
import type { Context } from '../../core/context';
import type { Logger } from '../../core/logger';
import type { Store } from '../../store';
import type { EventBus, RunEventType } from './events';
import type { ModelClient } from './models';

/** What a graph node sees: the command's Context plus this run's id, events and model. */
export interface RunContext {
  runId: string;
  agent: string;
  base: Context;
  store: Store;
  logger: Logger;
  signal: AbortSignal;
  emit(type: RunEventType, data?: Record<string, unknown>): void;
  /** The run's model client, resolved on first use: a run that never asks for a model never needs one. */
  model(): Promise<ModelClient>;
  /** Wraps a node so it reports node.started / node.finished / node.failed (node.paused for an approval) with its duration. */
  node<S, U>(name: string, fn: (state: S, config: LangGraphRunnableConfig) => Promise<U> | U): (state: S, config: LangGraphRunnableConfig) => Promise<U>;
}

export function createRunContext(opts: {
  runId: string;
  agent: string;
  base: Context;
  bus: EventBus;
  signal: AbortSignal;
  model: () => Promise<ModelClient>;
}): RunContext {
  const { runId, bus } = opts;
  const store = opts.base.store();
  const logger = opts.base.logger.child({ runId, agent: opts.agent });
  const emit = (type: RunEventType, data: Record<string, unknown> = {}) => bus.emit(runId, type, data);
  return {
    runId,
    agent: opts.agent,
    base: opts.base,
    store,
    logger,
    signal: opts.signal,
    emit,
    model: opts.model,
    node(name, fn) {
      return async (state, config) => {
        const started = performance.now();
        emit('node.started', { node: name });
        try {
          const out = await fn(state, config);
          emit('node.finished', { node: name, ms: Math.round(performance.now() - started) });
          return out;
        } catch (err) {
          if (isGraphInterrupt(err)) emit('node.paused', { node: name });
          else emit('node.failed', { node: name, error: err instanceof Error ? err.message : String(err) });
          throw err;
        }
      };
    },
  };
}
