/** Runs or resumes the test agent in a real process: `run-agent.ts run '<json input>' [--yes]` or `resume <id> [--yes]`. */
import { registerAgent } from '../../src/agents/registry';
import { runCommand } from '../../src/commands/run-command';
import { runAgentSession } from '../../src/commands/agent-session';
import type { Context } from '../../src/core/context';
import { testAgent } from './test-agent';

registerAgent('test', async () => testAgent as never);
const [verb, arg, ...rest] = process.argv.slice(2);
const flags = { yes: rest.includes('--yes'), dryRun: rest.includes('--dry-run'), json: !process.stdout.isTTY };

const code = await runCommand(
  async () => ({
    default: async (_a: string[], _o: Record<string, unknown>, context: () => Promise<Context>) => {
      const ctx = await context();
      const outcome =
        verb === 'run'
          ? await runAgentSession(ctx, testAgent as never, { input: JSON.parse(arg) })
          : await (await import('../../src/commands/runs-resume')).default([arg], { json: true }, async () => ctx).then(() => null);
      if (outcome) process.stdout.write(`${JSON.stringify(outcome)}\n`);
      return 0;
    },
  }),
  [],
  flags,
);
process.exitCode = code;
