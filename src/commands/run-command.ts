import { createContext, type Context, type GlobalFlags } from '../core/context';
import { EXIT, exitCodeOf } from '../core/errors';
import { redact } from '../core/redact';
import { printError } from '../ui/messages';

export type CommandModule = {
  default: (args: string[], opts: Record<string, unknown>, context: () => Promise<Context>) => Promise<number>;
};

/**
 * Runs one command module: builds the Context on demand, turns every error into its message and exit code, turns
 * Ctrl-C into 130 (after the command has had a chance to record the interruption), and closes the store.
 */
export async function runCommand(load: () => Promise<unknown>, args: string[], opts: Record<string, unknown>): Promise<number> {
  let ctx: Context | undefined;
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(EXIT.interrupted);
    abort.abort();
    process.stderr.write('\nInterrupted; stopping (press Ctrl-C again to quit at once)\n');
  };
  process.on('SIGINT', onSigint);
  try {
    const mod = (await load()) as CommandModule;
    const code = await mod.default(args, opts, async () => {
      ctx ??= await createContext({ ...(opts as GlobalFlags), signal: abort.signal });
      return ctx;
    });
    return abort.signal.aborted ? EXIT.interrupted : code;
  } catch (err) {
    if (abort.signal.aborted) {
      printError('interrupted');
      return EXIT.interrupted;
    }
    const code = exitCodeOf(err);
    const message = err instanceof Error ? err.message : String(err);
    printError(redact(message), err && typeof err === 'object' && 'hint' in err ? (err.hint as string | undefined) : undefined);
    if (code === EXIT.failed && !(err && typeof err === 'object' && 'exitCode' in err)) {
      ctx?.logger.error('unexpected error', { error: message, stack: err instanceof Error ? err.stack : undefined });
      if (opts.verbose && err instanceof Error && err.stack) process.stderr.write(`${redact(err.stack)}\n`);
    }
    return code;
  } finally {
    process.off('SIGINT', onSigint);
    ctx?.close();
  }
}
