/**
 * What can go wrong when talking to X, one class per thing a caller does differently: wait, give up on the text,
 * reconnect, or (when `ambiguous`) look at the account before trying again. None of them ever holds a token.
 */
import { BizError, EXIT } from '../../core/errors';

/** X said to wait. Nothing was done; `scope` says whether the 15-minute window or the 24-hour limit ran out. */
export class XRateLimitError extends BizError {
  constructor(
    message: string,
    readonly resetAt: Date,
    readonly scope: 'window' | 'day',
  ) {
    super(message, EXIT.failed, `Nothing was posted. Try again after ${resetAt.toISOString()}.`);
  }
}

/** X refused the post because the account already has one with the same text. */
export class XDuplicateError extends BizError {
  constructor(message: string) {
    super(message, EXIT.failed, "Change the text, or look for the earlier post among the account's recent posts.");
  }
}

/** X rejected the credentials, or they lack a permission (such as write access). */
export class XAuthError extends BizError {
  constructor(
    message: string,
    readonly status?: number,
    hint = 'Run `biz market connect x` to store working credentials (or set BIZ_X_BEARER, or BIZ_X_API_KEY, BIZ_X_API_SECRET, BIZ_X_ACCESS_TOKEN and BIZ_X_ACCESS_SECRET).',
  ) {
    super(message, EXIT.auth, hint);
  }
}

/**
 * Any other failure. `ambiguous` is true when the request may have reached X and done its work (the connection
 * broke after sending, no answer in time, a 5xx), false when it surely did not (refused before sending, a 4xx).
 */
export class XRequestError extends BizError {
  constructor(
    message: string,
    readonly ambiguous: boolean,
    readonly status?: number,
  ) {
    super(
      message,
      EXIT.failed,
      ambiguous
        ? 'The request may have reached X: check the account (its recent posts) before repeating it.'
        : 'Check x.apiUrl (BIZ_X_API_URL) and the network, then try again.',
    );
  }
}
