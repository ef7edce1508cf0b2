import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { z } from 'zod';
import type { ActionHandler } from './actions';
import type { Context } from '../../core/context';
import type { RunContext } from './context';

/** A graph the runner can drive: what StateGraph.compile() returns, narrowed to what we use. */
export interface RunnableGraph {
  stream(input: unknown, options: Record<string, unknown>): Promise<AsyncIterable<unknown>>;
  getState(config: { configurable: { thread_id: string } }): Promise<{
    values: Record<string, unknown>;
    next: string[];
    tasks: { interrupts: { value?: unknown }[] }[];
  }>;
}

/** The agent contract (DESIGN.md). */
export interface Agent<I = unknown> {
  name: string;
  summary: string;
  entitlement: string; // license entitlement the command needs
  role: string; // RBAC role when login is enforced
  input: z.ZodType<I>;
  /** Builds and compiles the graph with the run's checkpointer; thread_id is the run id; the graph's input is `{ input }`. */
  build(ctx: RunContext, checkpointer: BaseCheckpointSaver): RunnableGraph;
  /** Performers of this agent's Actions, by kind. */
  actionHandlers?: Record<string, ActionHandler>;
  /** Releases what a run held (scratch directories) once it can no longer continue: succeeded, failed, dry run, cancelled. */
  release?(ctx: Context, runId: string, input: I): Promise<void>;
  /** The run's result, from the final state: what `--json` prints and `biz runs show` keeps. */
  result?(state: Record<string, unknown>): unknown;
}
