/** Exit codes are part of the CLI contract (DESIGN.md): one class of error, one code. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  auth: 3,
  license: 4,
  approval: 5,
  interrupted: 130,
} as const;

export class BizError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags, bad config, missing prerequisites the user can fix: exit 2. */
export class UsageError extends BizError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
  }
}

/** A step needs approval and there is no TTY to ask and no --yes: exit 5. */
export class ApprovalNeededError extends BizError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.approval, hint);
  }
}

/** The run itself failed (a node threw, a budget was hit): exit 1. */
export class RunFailedError extends BizError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.failed, hint);
  }
}

export function exitCodeOf(err: unknown): number {
  if (err && typeof err === 'object' && 'exitCode' in err && typeof err.exitCode === 'number') return err.exitCode;
  return EXIT.failed;
}
