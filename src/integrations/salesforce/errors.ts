import { BizError, EXIT } from '../../core/errors';

const CONNECT_HINT =
  'Run `biz lead connect salesforce`, or set BIZ_SALESFORCE_TOKEN (with BIZ_SALESFORCE_URL), or BIZ_SALESFORCE_CLIENT_ID with BIZ_SALESFORCE_CLIENT_SECRET and/or BIZ_SALESFORCE_REFRESH_TOKEN.';

/** 403 REQUEST_LIMIT_EXCEEDED: the org has used its API requests for the rolling 24 hours. */
export class SalesforceLimitError extends BizError {
  constructor(message: string) {
    super(message, EXIT.failed, 'Salesforce counts API requests over a rolling 24 hours: run again later and the run resumes where it stopped.');
  }
}

/** Missing credentials, a rejected refresh token or client, or an access token Salesforce refuses even after a refresh. */
export class SalesforceAuthError extends BizError {
  constructor(message: string) {
    super(message, EXIT.auth, CONNECT_HINT);
  }
}

/**
 * Any other failure. `ambiguous` is true when a write may have landed although no reply said so (the connection
 * dropped after sending, no answer in time, a 5xx to a write, a bulk job that is still running): look the records up
 * before writing them again. `status` is Salesforce's HTTP status when it answered.
 */
export class SalesforceRequestError extends BizError {
  readonly ambiguous: boolean;
  readonly status?: number;

  constructor(message: string, options: { ambiguous: boolean; status?: number; hint?: string }) {
    const hint =
      options.hint ??
      (options.ambiguous
        ? 'The change may have reached Salesforce: look the records up (findByEmail) before sending them again, or they may be created twice.'
        : 'Nothing was written to Salesforce by this request: it is safe to run again once the cause is fixed.');
    super(message, EXIT.failed, hint);
    this.ambiguous = options.ambiguous;
    if (options.status !== undefined) this.status = options.status;
  }
}

export type SalesforceError = SalesforceLimitError | SalesforceAuthError | SalesforceRequestError;
