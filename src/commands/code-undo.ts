import { deleteOwnBranch } from '../agents/coding/git/commit-branch';
import type { CodeInput } from '../agents/coding/state';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { printInfo, printJson } from '../ui/messages';
import { findRun } from './find-run';

/**
 * Removes what one `biz code` run created, and nothing else: its local branch while the branch still points at
 * biz's commit, or its GitLab merge request (closed) and branch.
 */
export default async function codeUndo([id]: string[], opts: { json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const run = findRun(ctx, id);
  if (run.agent !== 'coding') throw new UsageError(`run ${run.id} is a ${run.agent} run, not a biz code run`);
  const input = run.input as CodeInput;
  const store = ctx.store();
  const undone: string[] = [];
  for (const action of store.actions.forRun(run.id)) {
    if (action.status !== 'executed') continue;
    const result = action.result as Record<string, unknown>;
    if (action.kind === 'git-branch') {
      const outcome = await deleteOwnBranch(input.repo, String(result.branch), String(result.commit));
      undone.push(
        outcome === 'deleted'
          ? `deleted branch ${result.branch}`
          : outcome === 'gone'
            ? `branch ${result.branch} was already gone`
            : `kept branch ${result.branch}: it has commits biz did not make`,
      );
    } else if (action.kind === 'gitlab-merge-request') {
      const token = ctx.env.BIZ_GITLAB_TOKEN;
      if (!token) throw new UsageError('undoing a merge request needs BIZ_GITLAB_TOKEN');
      const { createGitLab } = await import('../integrations/gitlab');
      const gitlab = await createGitLab({ url: input.gitlab!.url, token });
      await gitlab.closeMergeRequest(result.projectId as number, result.mergeRequest as number);
      await gitlab.deleteBranch(result.projectId as number, String(result.branch));
      undone.push(`closed merge request !${result.mergeRequest} and deleted branch ${result.branch} in ${result.project}`);
    } else if (action.kind === 'git-push') {
      undone.push(`left the pushed branch ${result.pushed} on the remote: delete it there with git push origin --delete ${result.pushed}`);
    }
    store.audit.record({ tenant: ctx.tenant, subject: null, runId: run.id, event: 'code.undo', detail: { kind: action.kind, target: action.target } });
  }
  if (opts.json) printJson({ runId: run.id, undone });
  else if (undone.length === 0) printInfo(`run ${run.id} delivered nothing; there is nothing to undo`);
  else for (const line of undone) printInfo(`✓ ${line}`);
  return 0;
}
