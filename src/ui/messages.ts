import { redact } from '../core/redact';

/** Human messages go to stderr; results go to stdout (DESIGN.md). */
export function printError(message: string, hint?: string): void {
  process.stderr.write(`error: ${redact(message)}\n`);
  if (hint) process.stderr.write(`${redact(hint)}\n`);
}

export function printWarning(message: string): void {
  process.stderr.write(`warning: ${redact(message)}\n`);
}

export function printInfo(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
