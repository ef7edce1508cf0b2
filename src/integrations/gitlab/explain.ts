/** Turns whatever a GitLab call threw into a GitLabError that names the operation and GitLab's own words. */
import { GitbeakerRequestError } from '@gitbeaker/requester-utils';
import { GitLabError } from './errors';
import { AttemptTimeoutError, NotJsonError, RateLimitedError } from './transport';

export interface ExplainContext {
  url: string;
  token: string;
}

export function explain(error: unknown, operation: string, context: ExplainContext): GitLabError {
  if (error instanceof GitLabError) return error;
  const { url, token } = context;
  const scrub = (text: string): string => (token ? text.split(token).join('****') : text);
  if (error instanceof GitbeakerRequestError) {
    const status = error.cause?.response.status;
    const said = scrub(error.message);
    if (status === 401) return new GitLabError(`GitLab rejected the token for ${url}: set BIZ_GITLAB_TOKEN or run biz login`, 401);
    if (status === 403) {
      return new GitLabError(`GitLab refused to ${operation}: ${said}`, 403, 'The token needs the api scope and at least Developer access to the project.');
    }
    return new GitLabError(`GitLab could not ${operation}: ${said}${status ? ` (HTTP ${status})` : ''}`, status);
  }
  if (error instanceof RateLimitedError) {
    const wait = error.retryAfterMs === undefined ? '' : `; it asks to wait ${Math.ceil(error.retryAfterMs / 1000)} s`;
    return new GitLabError(`GitLab rate limited ${operation} on ${url}: gave up after ${error.attempts} attempt${error.attempts === 1 ? '' : 's'}${wait}`, 429);
  }
  if (error instanceof NotJsonError) {
    return new GitLabError(
      `GitLab at ${url} ${error.message} to ${operation}`,
      undefined,
      'Set BIZ_GITLAB_URL (gitlab.url) to the root of the GitLab instance, e.g. https://gitlab.example.com',
    );
  }
  if (error instanceof AttemptTimeoutError) return new GitLabError(`GitLab at ${url} gave no answer to ${operation} (${error.message})`);
  if (error instanceof TypeError && error.message === 'fetch failed') {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a certificate problem) is in its cause.
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
    const reason = [cause?.code, cause?.message].find((r) => typeof r === 'string') ?? error.message;
    return new GitLabError(`Could not reach GitLab at ${url} to ${operation}: ${scrub(reason)}`);
  }
  return new GitLabError(`GitLab could not ${operation}: ${scrub(error instanceof Error ? error.message : String(error))}`);
}

/** GitLab's HTTP status for an error answer, undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof GitbeakerRequestError ? error.cause?.response.status : undefined;
}
