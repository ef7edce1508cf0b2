import type { Agent } from '../agents/runtime/agent';
import { resumeRun, runAgent, type RunOutcome } from '../agents/runtime/runner';
import type { Context } from '../core/context';
import type { RunRecord } from '../store/runs';
import { approvalPolicy } from '../ui/approve';
import { formatUsage } from '../ui/format';
import { createProgress } from '../ui/progress';

/** Runs (or resumes) an agent with live progress, the approval policy from the flags, and the usage line at the end. */
export async function runAgentSession(
  ctx: Context,
  agent: Agent,
  start: { input: unknown } | { resume: RunRecord },
): Promise<RunOutcome> {
  const progress = createProgress(ctx.output);
  const opts = { approval: approvalPolicy(ctx.flags, ctx.output), onEvent: progress.onEvent, signal: ctx.signal };
  try {
    const outcome = 'resume' in start ? await resumeRun(agent, start.resume, ctx, opts) : await runAgent(agent, start.input, ctx, opts);
    progress.stop();
    if (!ctx.output.json && !ctx.output.jsonl) {
      const usage = outcome.usage.inputTokens + outcome.usage.outputTokens > 0 ? ` · ${formatUsage(outcome.usage)}` : '';
      process.stderr.write(`run ${outcome.runId} ${outcome.status}${usage}\n`);
    }
    return outcome;
  } finally {
    progress.stop();
  }
}
