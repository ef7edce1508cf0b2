import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionSpec } from '../../runtime/actions';
import type { RunContext } from '../../runtime/context';
import { unifiedDiff } from '../edits';
import { git } from '../git/run-git';
import type { ChangedFile, CodeStateType } from '../state';

export function slugOf(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'change';
}

async function changedFiles(state: CodeStateType): Promise<ChangedFile[]> {
  const { input, worktree } = state;
  const files: ChangedFile[] = [];
  for (const path of [...state.touched].sort()) {
    const after = existsSync(join(worktree, path)) ? readFileSync(join(worktree, path), 'utf8') : null;
    const before = await git(input.repo, ['show', `${input.base}:${path}`]).catch(() => null);
    if (after !== null && after !== before) files.push({ path, before, after });
  }
  return files;
}

export function commitMessage(state: CodeStateType): string {
  const plan = state.plan!;
  const criteria = plan.acceptanceCriteria.map((c) => `- ${c}`).join('\n');
  const check = state.check ? `\n\nChecked with \`${state.check.command}\`: ${state.check.passed ? 'passed' : `failed (exit ${state.check.exitCode})`}.` : '';
  return `${plan.goal.split('\n')[0].slice(0, 72)}\n\n${plan.why}\n\nAcceptance criteria:\n${criteria}${check}\n\nMade by biz code (run ${state.input.source}).`;
}

/** The change as one Action, shown as a unified diff: a local branch, or a GitLab branch with a merge request. */
export function proposeNode(ctx: RunContext) {
  return async (state: CodeStateType): Promise<Partial<CodeStateType>> => {
    const { input, plan } = state;
    const changes = await changedFiles(state);
    if (changes.length === 0) throw new Error('the model made no change to any file; nothing to deliver');
    const diff = unifiedDiff(changes);
    const branch = input.branch ?? `biz/${slugOf(plan!.goal)}`;
    const message = commitMessage(state);
    const files = changes.map((c) => ({ path: c.path, content: c.after }));
    const actions: ActionSpec[] =
      input.deliver === 'gitlab'
        ? [
            {
              kind: 'gitlab-merge-request',
              target: `${input.gitlab!.project} ${branch}`,
              preview: `${diff}\nMerge request: ${plan!.goal}`,
              idempotencyKey: `${ctx.runId}:gitlab-mr`,
              payload: { ...input.gitlab, branch, title: plan!.goal.split('\n')[0].slice(0, 200), message, files, description: message },
            },
          ]
        : [
            {
              kind: 'git-branch',
              target: branch,
              preview: diff,
              idempotencyKey: `${ctx.runId}:branch`,
              payload: { repo: input.repo, branch, base: input.base, message, files },
            },
            ...(input.push
              ? [{ kind: 'git-push', target: `origin ${branch}`, preview: `git push origin ${branch}`, idempotencyKey: `${ctx.runId}:push`, payload: { repo: input.repo, branch } }]
              : []),
          ];
    return { changes, diff, actions };
  };
}
