/**
 * What can go wrong when talking to Slack, one class per thing a caller does differently: wait, fix the setup
 * (the hint says how), or (when `ambiguous`) look in the channel before sending again. None of them holds a token.
 */
import { BizError, EXIT } from '../../core/errors';

/** Slack answered 429: nothing was done; try again after `retryAfterSec`. */
export class SlackRateLimitError extends BizError {
  constructor(
    message: string,
    readonly retryAfterSec: number,
  ) {
    super(message, EXIT.failed, `Nothing was sent. Try again in ${retryAfterSec} s.`);
  }
}

const RECONNECT = 'Run `biz market connect slack` to store a working token (or set BIZ_SLACK_TOKEN).';

const HINTS: Record<string, string> = {
  not_authed: RECONNECT,
  invalid_auth: RECONNECT,
  account_inactive: RECONNECT,
  token_revoked: RECONNECT,
  token_expired: RECONNECT,
  missing_scope: 'Add the missing scope to the Slack app (chat:write to post, channels:history to read), reinstall it, then run `biz market connect slack` again.',
  channel_not_found: 'Check slack.channel (BIZ_SLACK_CHANNEL): give the channel ID (C...) or its name; a private channel must have the app in it.',
  not_in_channel: 'Invite the app to the channel: type /invite @<app name> in that channel.',
  is_archived: 'The channel is archived: unarchive it, or set slack.channel (BIZ_SLACK_CHANNEL) to another one.',
  restricted_action: "A workspace setting stops the app from posting in this channel: ask a Slack admin, or choose another channel.",
  msg_too_long: 'Shorten the message.',
  invalid_blocks: 'The message layout was refused: this is a bug in biz, please report it with the error.',
};

const AUTH_CODES = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'token_expired']);

/** Slack answered `{ ok: false, error: code }`: it did nothing. Token problems exit 3, the rest 1. */
export class SlackApiError extends BizError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message, AUTH_CODES.has(code) ? EXIT.auth : EXIT.failed, HINTS[code]);
  }
}

/**
 * No usable answer. `ambiguous` is true when Slack may have done the work (the connection broke after sending, no
 * answer in time, a 5xx), false when it surely did not (refused before sending, another HTTP status).
 */
export class SlackRequestError extends BizError {
  constructor(
    message: string,
    readonly ambiguous: boolean,
  ) {
    super(
      message,
      EXIT.failed,
      ambiguous
        ? 'The message may have been sent: look in the channel before sending it again.'
        : 'Check slack.apiUrl (BIZ_SLACK_API_URL) and the network, then try again.',
    );
  }
}
