/**
 * GitLab through @gitbeaker/rest. The SDK is imported only when a client is made, so `biz --help` never loads it.
 */
import { UsageError } from '../../core/errors';
import { GitLabError } from './errors';
import type { GitLab, GitLabOptions } from './types';

export { GitLabError } from './errors';
export { parseIssueRef, parseProjectRef, type IssueRef } from './refs';
export type * from './types';

export async function createGitLab(options: GitLabOptions): Promise<GitLab> {
  const url = normalizeUrl(options.url);
  if (!options.token) throw new GitLabError(`No GitLab token for ${url}: set BIZ_GITLAB_TOKEN or run biz login`, 401);
  const { connect } = await import('./client');
  return connect(url, options);
}

/** The GitLab root without a trailing slash or /api/v4 (the SDK adds it). */
function normalizeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`The GitLab URL is not a URL: ${raw}`, 'Set BIZ_GITLAB_URL or gitlab.url, e.g. https://gitlab.example.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`The GitLab URL must be http(s): ${raw}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/api\/v4$/, '')}`;
}
