import { BizError, EXIT } from '../core/errors';

/** No login, a login that ended, a token that failed verification, or a missing role: exit 3. */
export class AuthError extends BizError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.auth, hint);
  }
}

/** The identity provider could not be reached or answered something unusable: the command failed, exit 1. */
export class IdentityProviderError extends BizError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.failed, hint);
  }
}

export const LOGIN_HINT = 'Run: biz login';
