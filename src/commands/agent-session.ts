import type { Agent } from '../agents/runtime/agent';
import { AuthError } from '../auth/errors';
import { requireRole } from '../auth/rbac';
import { requireEntitlement } from '../license/entitlements';
import { resumeRun, runAgent, type ApprovalPolicy, type RunOutcome } from '../agents/runtime/runner';
import type { Context } from '../core/context';
import type { RunRecord } from '../store/runs';
import { approvalPolicy } from '../ui/approve';
import { formatUsage } from '../ui/format';
import { createProgress } from '../ui/progress';

/**
 * The license must carry the agent's entitlement (exit 4). Login is enforced when the config says so or the license
 * requires SSO; then the agent's role is needed (exit 3), from the license's issuer when it names one.
 */
async function authorize(ctx: Context, agent: Agent): Promise<void> {
  const license = requireEntitlement(ctx, agent.entitlement);
  const enforced = Boolean(ctx.config.values.auth?.required) || Boolean(license.requiredIssuer);
  const identity = await requireRole(ctx, agent.role, { enforced });
  if (license.requiredIssuer && identity && identity.issuer !== license.requiredIssuer) {
    throw new AuthError(`this license requires login with ${license.requiredIssuer}, not ${identity.issuer}`, `Run: biz login --issuer ${license.requiredIssuer}`);
  }
}

/**
 * Runs (or resumes) an agent with live progress, the approval policy from the flags (unless the command already
 * holds the approval, as `market publish` does with the review queue), and the usage line at the end.
 */
export async function runAgentSession(
  ctx: Context,
  agent: Agent,
  start: { input: unknown } | { resume: RunRecord },
  approval: ApprovalPolicy = approvalPolicy(ctx.flags, ctx.output),
): Promise<RunOutcome> {
  await authorize(ctx, agent);
  const progress = createProgress(ctx.output);
  const opts = { approval, onEvent: progress.onEvent, signal: ctx.signal };
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
