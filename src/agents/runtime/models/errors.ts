import { BizError, EXIT, RunFailedError, UsageError } from '../../../core/errors';

/** No model is configured or reachable: exit 2, with both ways to fix it in the message. */
export class ModelUnavailableError extends UsageError {}

/** The next call could push the run past `maxCostUsd`: exit 1, raised before any request is made. */
export class BudgetExceededError extends RunFailedError {
  constructor(
    readonly spentUsd: number,
    readonly estimateUsd: number,
    readonly maxCostUsd: number,
  ) {
    super(
      `model budget exceeded: spent $${spentUsd.toFixed(4)}, the next call may cost up to $${estimateUsd.toFixed(4)}, cap $${maxCostUsd.toFixed(4)}`,
      'raise the cap (maxCostUsd) or shorten the input',
    );
  }
}

export type ModelFailureKind =
  | 'auth'
  | 'quota'
  | 'rate_limited'
  | 'context_length'
  | 'not_found'
  | 'bad_request'
  | 'server'
  | 'timeout'
  | 'network'
  | 'bad_response'
  | 'bad_output';

/** A model request that failed for a reason we understand. A rejected key is a configuration error (exit 2). */
export class ModelCallError extends BizError {
  constructor(
    message: string,
    readonly kind: ModelFailureKind,
    readonly attempts: number,
  ) {
    super(message, kind === 'auth' ? EXIT.usage : EXIT.failed);
  }
}
