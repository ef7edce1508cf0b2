import { Annotation, interrupt } from '@langchain/langgraph';
import type { ActionRecord } from '../../store/actions';
import type { RunContext } from './context';

/**
 * An external side effect, as it lives in graph state: everything needed to show it and to run it later, but no
 * functions (state is checkpointed). The agent's handler for `kind` performs it.
 */
export interface ActionSpec {
  kind: string;
  target: string;
  preview: string;
  idempotencyKey: string;
  payload: unknown;
}

/**
 * Thrown by a handler whose action cannot run yet (the service asked us to wait: a rate limit). The action stays
 * approved and untried, so a later run performs it as new; the run itself does not fail.
 */
export class ActionDeferredError extends Error {
  constructor(
    message: string,
    readonly until: number,
  ) {
    super(message);
    this.name = 'ActionDeferredError';
  }
}

export type ActionHandler = (payload: unknown, ctx: RunContext, info: { retry: boolean }) => Promise<unknown>;

export type Decision = 'approved' | 'rejected';

/** What the approval interrupt carries out of the graph, and what the runner sends back in. */
export interface ApprovalRequest {
  type: 'approval';
  actions: ActionSpec[];
}
export type ApprovalAnswer = Record<string, Decision>;

/** State channels every agent with side effects includes (spread `...ActionChannels` into its Annotation.Root). */
export const ActionChannels = {
  actions: Annotation<ActionSpec[]>({ reducer: (_old, next) => next, default: () => [] }),
  decisions: Annotation<ApprovalAnswer>({ reducer: (old, next) => ({ ...old, ...next }), default: () => ({}) }),
  actionResults: Annotation<Record<string, unknown>>({ reducer: (old, next) => ({ ...old, ...next }), default: () => ({}) }),
};

interface WithActions {
  actions: ActionSpec[];
  decisions: ApprovalAnswer;
}

/**
 * The approval node: records proposals in the ledger and pauses the graph (a LangGraph interrupt) until the runner
 * answers. It runs again from its top on resume, so everything before interrupt() must be idempotent: it is.
 */
export function approvalNode(ctx: RunContext) {
  return async (state: WithActions): Promise<Partial<WithActions>> => {
    const pending: ActionSpec[] = [];
    const decided: ApprovalAnswer = {};
    for (const action of state.actions) {
      const known = ctx.store.actions.get(action.idempotencyKey);
      const record = known ?? ctx.store.actions.propose({ ...action, runId: ctx.runId });
      if (!known) ctx.emit('action.proposed', { kind: action.kind, target: action.target, key: action.idempotencyKey, preview: action.preview });
      if (record.status === 'proposed') pending.push(action);
      else decided[action.idempotencyKey] = record.status === 'rejected' || record.status === 'skipped' ? 'rejected' : 'approved';
    }
    if (pending.length === 0) return { decisions: decided };
    const answer = interrupt<ApprovalRequest, ApprovalAnswer>({ type: 'approval', actions: pending });
    for (const action of pending) {
      const decision = answer[action.idempotencyKey] ?? 'rejected';
      ctx.store.actions.setStatus(action.idempotencyKey, decision);
      ctx.emit(decision === 'approved' ? 'action.approved' : 'action.rejected', { kind: action.kind, target: action.target, key: action.idempotencyKey });
      decided[action.idempotencyKey] = decision;
    }
    return { decisions: decided };
  };
}

/**
 * The execution node: performs approved actions through the agent's handlers. The ledger is written before and
 * after each call, so a completed action is never repeated; one that crashed or failed mid-call is tried again
 * with `retry: true`, so its handler looks for the earlier attempt's effect before acting.
 */
export function executeNode(ctx: RunContext, handlers: Record<string, ActionHandler>) {
  return async (state: WithActions & { actionResults: Record<string, unknown> }) => {
    const results: Record<string, unknown> = {};
    const failures: string[] = [];
    for (const action of state.actions) {
      if (state.decisions[action.idempotencyKey] !== 'approved') continue;
      const record = ctx.store.actions.get(action.idempotencyKey) as ActionRecord;
      if (record.status === 'executed') {
        results[action.idempotencyKey] = record.result;
        continue;
      }
      const handler = handlers[action.kind];
      if (!handler) throw new Error(`no handler for action kind "${action.kind}"`);
      const retry = record.status === 'executing' || record.status === 'failed';
      ctx.store.actions.setStatus(action.idempotencyKey, 'executing');
      try {
        const result = (await handler(action.payload, ctx, { retry })) ?? null;
        ctx.store.actions.setStatus(action.idempotencyKey, 'executed', { result });
        ctx.emit('action.executed', { kind: action.kind, target: action.target, key: action.idempotencyKey });
        results[action.idempotencyKey] = result;
      } catch (err) {
        if (err instanceof ActionDeferredError) {
          ctx.store.actions.setStatus(action.idempotencyKey, 'approved');
          ctx.emit('action.deferred', { kind: action.kind, target: action.target, key: action.idempotencyKey, reason: err.message, until: err.until });
          results[action.idempotencyKey] = { deferredUntil: err.until };
          continue;
        }
        const message = err instanceof Error ? err.message : String(err);
        ctx.store.actions.setStatus(action.idempotencyKey, 'failed', { error: message });
        ctx.emit('action.failed', { kind: action.kind, target: action.target, key: action.idempotencyKey, error: message });
        failures.push(`${action.kind} ${action.target}: ${message}`);
      }
    }
    if (failures.length > 0) throw new Error(`${failures.length} action(s) failed: ${failures.join('; ')}`);
    return { actionResults: results };
  };
}
