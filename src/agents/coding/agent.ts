import type { Agent } from '../runtime/agent';
import { codingActionHandlers } from './deliver';
import { removeWorktree, worktreeDir } from './git/worktree';
import { buildCodingGraph } from './graph';
import { codeInput, type CheckResult, type CodeInput, type Plan } from './state';

export interface CodeResult {
  plan: Plan | undefined;
  diff: string;
  check: CheckResult | undefined;
  attempts: number;
  delivered: Record<string, unknown>;
}

export const codingAgent: Agent<CodeInput> = {
  name: 'coding',
  summary: 'turns a requirement into a reviewed change: a local branch or a GitLab merge request',
  entitlement: 'agent:coding',
  role: 'biz:code',
  input: codeInput,
  build: buildCodingGraph,
  actionHandlers: codingActionHandlers,
  release: (ctx, runId, input) => removeWorktree(input.repo, worktreeDir(ctx.config.paths.cacheDir, runId)),
  result: (state): CodeResult => ({
    plan: state.plan as Plan | undefined,
    diff: (state.diff as string) ?? '',
    check: state.check as CheckResult | undefined,
    attempts: state.attempts as number,
    delivered: (state.actionResults as Record<string, unknown>) ?? {},
  }),
};
