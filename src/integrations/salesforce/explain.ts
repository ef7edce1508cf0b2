/** Turns whatever a call through jsforce threw into one of the three Salesforce errors, naming the operation and no secret. */
import { SalesforceAuthError, SalesforceLimitError, SalesforceRequestError, type SalesforceError } from './errors';
import { HttpFailure, RequestTimeout } from './transport';

/**
 * What a failed call may have left behind: `none` (a read, or a write nothing can come of yet, such as data uploaded
 * to a job that was never closed), `write` (landed unless Salesforce surely refused it), `committed` (records are
 * landing whatever this request's fate, as while a closed bulk job runs).
 */
export type Effect = 'none' | 'write' | 'committed';

export interface FailureContext {
  operation: string;
  effect: Effect;
  instanceUrl: string;
  scrub(text: string): string;
  /** The error behind jsforce's "Unable to refresh session", which keeps only its message. */
  refreshFailure(): SalesforceError | undefined;
}

/** Failures that happen before a request leaves this machine. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN']);

export function explain(error: unknown, context: FailureContext): SalesforceError {
  if (error instanceof SalesforceLimitError || error instanceof SalesforceAuthError || error instanceof SalesforceRequestError) return error;
  const { operation, effect, scrub } = context;
  const mayHaveLanded = (surelyNot: boolean): boolean => effect === 'committed' || (effect === 'write' && !surelyNot);

  if (error instanceof HttpFailure) {
    const said = `${error.errorCode}${error.message ? `: ${scrub(error.message)}` : ''}`;
    if (error.errorCode === 'REQUEST_LIMIT_EXCEEDED') return new SalesforceLimitError(`Salesforce refused to ${operation}: the org's API request limit is used up (${said})`);
    return new SalesforceRequestError(`Salesforce could not ${operation}: ${said} (HTTP ${error.status})`, { ambiguous: mayHaveLanded(error.status < 500), status: error.status });
  }
  if (error instanceof RequestTimeout) return new SalesforceRequestError(`Salesforce gave ${error.message} to ${operation}`, { ambiguous: mayHaveLanded(false) });
  if (!(error instanceof Error)) return new SalesforceRequestError(`Salesforce could not ${operation}: ${scrub(String(error))}`, { ambiguous: mayHaveLanded(false) });

  if (error.message.startsWith('Unable to refresh session')) {
    return context.refreshFailure() ?? new SalesforceAuthError(`Salesforce rejected the access token for ${context.instanceUrl} and it could not be refreshed`);
  }
  // jsforce's own error for a 401 it could not refresh (a plain access token).
  if ((error as { errorCode?: unknown }).errorCode === 'INVALID_SESSION_ID') {
    return new SalesforceAuthError(`Salesforce rejected the access token for ${context.instanceUrl} (INVALID_SESSION_ID): it expired or was revoked`);
  }
  const code = (error as { code?: unknown }).code;
  if (error.name === 'FetchError' && typeof code === 'string') {
    if (NOT_SENT.has(code)) return new SalesforceRequestError(`Could not reach Salesforce at ${context.instanceUrl} to ${operation} (${code})`, { ambiguous: mayHaveLanded(true) });
    return new SalesforceRequestError(`The connection to Salesforce broke during ${operation} (${code})`, { ambiguous: mayHaveLanded(false) });
  }
  return new SalesforceRequestError(`Salesforce could not ${operation}: ${scrub(error.message)}`, { ambiguous: mayHaveLanded(false) });
}
