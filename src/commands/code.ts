import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { codingAgent, type CodeResult } from '../agents/coding/agent';
import { headCommitOf, repoRootOf } from '../agents/coding/git/worktree';
import { DEFAULTS } from '../config/schema';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { printJson } from '../ui/messages';
import { runAgentSession } from './agent-session';

interface CodeFlags {
  file?: string;
  issue?: string;
  check?: string;
  maxAttempts?: string;
  gitlab?: string;
  push?: boolean;
  branch?: string;
  allowIgnored?: string[];
  json?: boolean;
  dryRun?: boolean;
}

async function requirementFrom(ctx: Context, text: string | undefined, flags: CodeFlags, gitlabUrl: string): Promise<{ requirement: string; source: string }> {
  const given = [text !== undefined, Boolean(flags.file), Boolean(flags.issue)].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give the requirement once: as text, with --file, or with --issue', 'e.g. biz code "add a --verbose flag"');
  if (flags.file) {
    const path = resolve(flags.file);
    if (!existsSync(path)) throw new UsageError(`--file ${flags.file} does not exist`);
    return { requirement: readFileSync(path, 'utf8'), source: flags.file };
  }
  if (flags.issue) {
    const { createGitLab, parseIssueRef } = await import('../integrations/gitlab');
    const ref = parseIssueRef(flags.issue);
    if (!ref) throw new UsageError(`--issue ${flags.issue}: not an issue reference`, 'Use group/project#12 or the issue URL.');
    const token = ctx.env.BIZ_GITLAB_TOKEN;
    if (!token) throw new UsageError('--issue needs a GitLab token', 'Set BIZ_GITLAB_TOKEN to a token with the read_api scope.');
    const host = /^https?:\/\//i.test(flags.issue) ? new URL(flags.issue).origin : gitlabUrl;
    const issue = await (await createGitLab({ url: host, token })).issue(ref.project, ref.iid);
    return { requirement: `${issue.title}\n\n${issue.description ?? ''}`.trim(), source: issue.webUrl };
  }
  if (!text!.trim()) throw new UsageError('the requirement is empty');
  return { requirement: text!, source: 'the command line' };
}

export default async function code([text]: string[], flags: CodeFlags, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const repo = await repoRootOf(ctx.cwd);
  if (!repo) throw new UsageError(`${ctx.cwd} is not inside a git repository`, 'biz code works on a git repository: run it from one, or git init first.');
  const maxAttempts = flags.maxAttempts === undefined ? 3 : Number(flags.maxAttempts);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) throw new UsageError(`--max-attempts must be a whole number from 1 to 10, not "${flags.maxAttempts}"`);
  const gitlabUrl = ctx.config.values.gitlab?.url ?? DEFAULTS.gitlabUrl;
  if (flags.gitlab && !ctx.env.BIZ_GITLAB_TOKEN && !flags.dryRun) throw new UsageError('--gitlab needs a GitLab token', 'Set BIZ_GITLAB_TOKEN to a token with the api scope.');
  const { requirement, source } = await requirementFrom(ctx, text, flags, gitlabUrl);

  const outcome = await runAgentSession(ctx, codingAgent, {
    input: {
      requirement,
      source,
      repo,
      base: await headCommitOf(repo),
      check: flags.check,
      maxAttempts,
      deliver: flags.gitlab ? 'gitlab' : 'local',
      push: Boolean(flags.push),
      gitlab: flags.gitlab ? { url: gitlabUrl, project: flags.gitlab } : undefined,
      branch: flags.branch,
      allowIgnored: flags.allowIgnored ?? [],
    },
  });
  const result = outcome.result as CodeResult;
  if (flags.json) {
    printJson({ runId: outcome.runId, status: outcome.status, ...result, usage: outcome.usage, actions: outcome.actions });
    return 0;
  }
  const plan = result.plan;
  if (plan) process.stdout.write(`Plan: ${plan.goal}\n${plan.acceptanceCriteria.map((c) => `  - ${c}`).join('\n')}\n\n`);
  process.stdout.write(result.diff.endsWith('\n') ? result.diff : `${result.diff}\n`);
  if (result.check) process.stdout.write(`\ncheck \`${result.check.command}\`: ${result.check.passed ? 'passed' : `failed (exit ${result.check.exitCode})`}\n`);
  for (const done of Object.values(result.delivered) as Record<string, unknown>[]) {
    if (done.url) process.stdout.write(`\nmerge request: ${done.url}\n`);
    else if (done.branch && done.commit) process.stdout.write(`\nbranch ${done.branch} at ${String(done.commit).slice(0, 12)} (your working copy and current branch are untouched)\n`);
  }
  return 0;
}
