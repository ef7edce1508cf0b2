import { BizError, EXIT } from '../../core/errors';

/** A GitLab call failed. `status` is GitLab's HTTP status when it answered; a rejected token exits 3, the rest 1. */
export class GitLabError extends BizError {
  constructor(
    message: string,
    readonly status?: number,
    hint?: string,
  ) {
    super(message, status === 401 ? EXIT.auth : EXIT.failed, hint);
  }
}
