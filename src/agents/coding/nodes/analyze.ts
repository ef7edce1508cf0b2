import type { RunContext } from '../../runtime/context';
import { ensureWorktree, worktreeDir } from '../git/worktree';
import { buildRepoMap } from '../repo-map';
import { planSchema, type CodeStateType } from '../state';
import { promptTemplate } from '../../runtime/templates';

/** A scratch checkout of the base commit, a map of the repository, and the model's plan for the requirement. */
export function analyzeNode(ctx: RunContext) {
  return async (state: CodeStateType): Promise<Partial<CodeStateType>> => {
    const { input } = state;
    const worktree = await ensureWorktree(input.repo, worktreeDir(ctx.base.config.paths.cacheDir, ctx.runId), input.base);
    const map = await buildRepoMap(worktree, input.repoMapChars);
    const model = await ctx.model();
    const reply = await model.invoke(
      [
        { role: 'system', content: promptTemplate('coding-analyze') },
        { role: 'user', content: `Requirement (from ${input.source}):\n${input.requirement}\n\nRepository map:\n${map}` },
      ],
      { schema: planSchema, name: 'plan' },
    );
    return { worktree, plan: reply.parsed };
  };
}
