import { randomBytes } from 'node:crypto';
import { Command } from '@langchain/langgraph';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import type { Context } from '../../core/context';
import { ApprovalNeededError, BizError, RunFailedError, UsageError } from '../../core/errors';
import { redact } from '../../core/redact';
import type { RunRecord, RunStatus } from '../../store/runs';
import type { ActionSpec, ApprovalAnswer, ApprovalRequest } from './actions';
import type { QuestionsRequest } from './questions';
import type { Agent, RunnableGraph } from './agent';
import { createRunContext, type RunContext } from './context';
import { EventBus, type EventListener } from './events';
import { createRunModel } from './run-model';

/** How the runner answers an approval interrupt. */
export type ApprovalPolicy =
  | { mode: 'dry-run' }
  | { mode: 'yes' }
  | { mode: 'ask'; confirm: (action: ActionSpec) => Promise<boolean>; ask: (questions: string[]) => Promise<string[]> }
  | { mode: 'deny' };

export interface RunOptions {
  approval: ApprovalPolicy;
  onEvent?: EventListener;
  signal?: AbortSignal;
}

export interface RunOutcome {
  runId: string;
  status: RunStatus;
  result: unknown;
  usage: { inputTokens: number; outputTokens: number; costUsd: number };
  actions: { kind: string; target: string; status: string; preview: string }[];
}

/** Sortable, short, unguessable: 10 chars of time, 6 of randomness (like a ULID, in lower-case base 32). */
export function newRunId(now = Date.now()): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = alphabet[t % 32] + time;
  const rand = Array.from(randomBytes(6), (b) => alphabet[b % 32]).join('');
  return time + rand;
}

export async function runAgent<I>(agent: Agent<I>, rawInput: unknown, ctx: Context, opts: RunOptions): Promise<RunOutcome> {
  const parsed = agent.input.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`invalid input for ${agent.name}: ${issue.path.join('.') || 'input'}: ${issue.message}`);
  }
  const store = ctx.store();
  const runId = newRunId();
  store.runs.create({ id: runId, agent: agent.name, input: parsed.data, model: ctx.flags.model });
  return drive(agent, runId, { input: parsed.data }, ctx, opts, false);
}

/** Continues an interrupted, crashed or approval-waiting run from its last checkpoint, in this process. */
export async function resumeRun(agent: Agent, run: RunRecord, ctx: Context, opts: RunOptions): Promise<RunOutcome> {
  if (run.status === 'succeeded' || run.status === 'dry-run' || run.status === 'cancelled') {
    throw new UsageError(`run ${run.id} is ${run.status}; there is nothing to resume`);
  }
  if (run.status === 'running' && run.pid !== null && run.pid !== process.pid && processAlive(run.pid)) {
    throw new UsageError(`run ${run.id} is still running in process ${run.pid}`, `Wait for it, or stop it with 'biz runs cancel ${run.id}'.`);
  }
  ctx.store().runs.setStatus(run.id, 'running');
  return drive(agent, run.id, null, ctx, opts, true);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function drive(agent: Agent, runId: string, input: unknown, ctx: Context, opts: RunOptions, resuming: boolean): Promise<RunOutcome> {
  const store = ctx.store();
  const bus = new EventBus(store, Boolean(ctx.config.values.team?.pgUrl));
  if (opts.onEvent) bus.on(opts.onEvent);
  const signal = opts.signal ?? new AbortController().signal;
  const run = createRunContext({
    runId,
    agent: agent.name,
    base: ctx,
    bus,
    signal,
    model: createRunModel(ctx, runId, (type, data) => bus.emit(runId, type, data)),
  });
  const checkpointer = new SqliteSaver(store.db);
  const graph = agent.build(run, checkpointer);
  const config = { configurable: { thread_id: runId } };

  run.emit(resuming ? 'run.resumed' : 'run.started', { agent: agent.name });
  ctx.logger.info(resuming ? 'run resumed' : 'run started', { runId, agent: agent.name });
  try {
    // A run resumed while waiting for approval goes straight to the question; anything else continues the graph.
    let request = resuming ? await pendingRequest(graph, config) : undefined;
    let next: unknown = resuming ? null : input;
    for (;;) {
      if (!request) {
        await consume(await graph.stream(next, { ...config, streamMode: 'updates', durability: 'sync', signal }));
        request = await pendingRequest(graph, config);
        if (!request) break;
      }
      if (request.type === 'questions') {
        next = new Command({ resume: await answerQuestions(request, opts.approval) });
        request = undefined;
        continue;
      }
      const answer = await decide(request, opts.approval, run);
      if (!answer) return await finish(run, agent, graph, config, 'dry-run');
      next = new Command({ resume: answer });
      request = undefined;
    }
    return await finish(run, agent, graph, config, 'succeeded');
  } catch (err) {
    if (err instanceof ApprovalNeededError) {
      store.runs.setStatus(runId, 'waiting-approval');
      run.emit('run.finished', { status: 'waiting-approval' });
      throw err;
    }
    const message = redact(err instanceof Error ? err.message : String(err));
    const status: RunStatus = signal.aborted ? 'interrupted' : 'failed';
    if (status === 'failed') await release(agent, run);
    store.runs.setStatus(runId, status, { error: message });
    run.emit('run.finished', { status, error: message });
    ctx.logger.error('run failed', { runId, error: message });
    if (err instanceof BizError) throw err;
    throw new RunFailedError(`run ${runId} failed: ${message}`, `See 'biz runs show ${runId}'; resume it with 'biz runs resume ${runId}'.`);
  }
}

/** A failure to release is logged, never allowed to change the run's outcome. */
async function release(agent: Agent, run: RunContext): Promise<void> {
  if (!agent.release) return;
  const input = run.store.runs.get(run.runId)?.input;
  await agent.release(run.base, run.runId, input).catch((err: unknown) => run.logger.warn('release failed', { error: String(err) }));
}

async function consume(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) {
    // Events come from the nodes themselves (RunContext.node); the stream is drained to drive the graph.
  }
}

/** The pause the graph is waiting on: an approval of actions, or questions for the person at the terminal. */
async function pendingRequest(graph: RunnableGraph, config: { configurable: { thread_id: string } }): Promise<ApprovalRequest | QuestionsRequest | undefined> {
  const state = await graph.getState(config);
  for (const task of state.tasks) {
    for (const int of task.interrupts) {
      const value = int.value as ApprovalRequest | QuestionsRequest | undefined;
      if (value?.type === 'approval' || value?.type === 'questions') return value;
    }
  }
  return undefined;
}

/** Only an interactive session is asked; headless runs go on with no answers (gemini-cli's "ask becomes deny"). */
async function answerQuestions(request: QuestionsRequest, policy: ApprovalPolicy): Promise<string[]> {
  return policy.mode === 'ask' ? policy.ask(request.questions) : request.questions.map(() => '');
}

/** The approval answer for every pending action, or undefined for a dry run (stop at the previews). */
async function decide(request: ApprovalRequest, policy: ApprovalPolicy, run: RunContext): Promise<ApprovalAnswer | undefined> {
  switch (policy.mode) {
    case 'dry-run':
      for (const a of request.actions) {
        run.store.actions.setStatus(a.idempotencyKey, 'skipped');
        run.emit('action.skipped', { kind: a.kind, target: a.target, key: a.idempotencyKey, reason: 'dry-run' });
      }
      return undefined;
    case 'yes':
      return Object.fromEntries(request.actions.map((a) => [a.idempotencyKey, 'approved']));
    case 'deny':
      throw new ApprovalNeededError(
        `run ${run.runId} needs approval for ${request.actions.length} action(s) (${request.actions.map((a) => `${a.kind} ${a.target}`).join(', ')}) and there is no terminal to ask`,
        `Review with 'biz runs show ${run.runId}', then approve with 'biz runs resume ${run.runId} --yes' (or rerun with --yes).`,
      );
    case 'ask': {
      const answer: ApprovalAnswer = {};
      for (const a of request.actions) answer[a.idempotencyKey] = (await policy.confirm(a)) ? 'approved' : 'rejected';
      return answer;
    }
  }
}

async function finish(
  run: RunContext,
  agent: Agent,
  graph: RunnableGraph,
  config: { configurable: { thread_id: string } },
  status: RunStatus,
): Promise<RunOutcome> {
  const state = await graph.getState(config);
  const result = agent.result ? agent.result(state.values) : null;
  await release(agent, run);
  const { store } = run;
  store.runs.setStatus(run.runId, status, { result });
  const record = store.runs.get(run.runId)!;
  const usage = { inputTokens: record.inputTokens, outputTokens: record.outputTokens, costUsd: record.costUsd };
  run.emit('run.finished', { status, ...usage, ms: (record.finishedAt ?? Date.now()) - record.startedAt });
  run.logger.info('run finished', { status, ...usage });
  return {
    runId: run.runId,
    status,
    result,
    usage,
    actions: store.actions.forRun(run.runId).map((a) => ({ kind: a.kind, target: a.target, status: a.status, preview: a.preview })),
  };
}
