/** Turns whatever an @slack/web-api call threw into one of the errors in errors.ts. */
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { BizError } from '../../core/errors';
import { SlackApiError, SlackRateLimitError, SlackRequestError } from './errors';

export interface ExplainContext {
  apiUrl: string;
  timeoutMs: number;
  token: string;
}

/** Network failures that happen before a request is sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function explain(error: unknown, operation: string, context: ExplainContext): BizError {
  if (error instanceof BizError) return error;
  const scrub = (text: string): string => (context.token ? text.split(context.token).join('****') : text);
  if (error instanceof WebAPIRateLimitedError) {
    return new SlackRateLimitError(`Slack asks to wait ${error.retryAfter} s before it will ${operation}`, error.retryAfter);
  }
  if (error instanceof WebAPIPlatformError) {
    const code = String(error.data.error);
    // A 200 reply that is not JSON comes back as `{ ok: false, error: <the body> }`.
    if (!/^[a-z_]+$/.test(code)) return new SlackRequestError(`${context.apiUrl} did not answer like the Slack API when asked to ${operation}`, false);
    const { needed } = error.data as { needed?: unknown };
    const scope = typeof needed === 'string' ? ` (needs ${needed})` : '';
    return new SlackApiError(`Slack refused to ${operation}: ${code}${scope}`, code);
  }
  if (error instanceof WebAPIHTTPError) {
    return new SlackRequestError(`Slack could not ${operation}: HTTP ${error.statusCode} ${error.statusMessage}`.trim(), error.statusCode >= 500);
  }
  if (error instanceof WebAPIRequestError) {
    const original = error.original as Error & { cause?: { code?: string; message?: string } };
    if (original.name === 'TimeoutError') return new SlackRequestError(`Slack gave no answer within ${context.timeoutMs} ms when asked to ${operation}`, true);
    // fetch says only "fetch failed"; the reason is in its cause.
    const code = original.cause?.code;
    if (code && NOT_SENT.has(code)) return new SlackRequestError(`Could not reach Slack at ${context.apiUrl} to ${operation}: ${code}`, false);
    return new SlackRequestError(`The connection to Slack broke when asked to ${operation}: ${scrub(original.cause?.message ?? code ?? original.message)}`, true);
  }
  const message = error instanceof Error ? error.message : String(error);
  // The SDK's words for a 429 without a usable Retry-After.
  if (message.startsWith('Retry header did not contain a valid timeout')) return new SlackRequestError(`Slack is rate limiting and did not say for how long when asked to ${operation}`, false);
  return new SlackRequestError(`Slack could not ${operation}: ${scrub(message)}`, true);
}
