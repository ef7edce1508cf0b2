import { CommanderError } from 'commander';
import { buildProgram } from './program';

export async function parseArgv(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    // Help and version exit 0; every other parse error (unknown command or flag, missing argument) is exit 2.
    const helpOrVersion = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(err.code);
    process.exitCode = helpOrVersion ? 0 : 2;
  }
}
