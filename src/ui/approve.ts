import type { ActionSpec } from '../agents/runtime/actions';
import type { ApprovalPolicy } from '../agents/runtime/runner';
import type { OutputMode } from '../core/context';

/**
 * Turns flags into the runner's approval policy. Headless runs never prompt: without --yes they stop with exit 5
 * (gemini-cli's "ask becomes deny").
 */
export function approvalPolicy(flags: { yes?: boolean; dryRun?: boolean }, mode: OutputMode): ApprovalPolicy {
  if (flags.dryRun) return { mode: 'dry-run' };
  if (flags.yes) return { mode: 'yes' };
  if (!mode.interactive || mode.json || mode.jsonl) return { mode: 'deny' };
  return { mode: 'ask', confirm: confirmAction, ask: answerQuestions };
}

async function confirmAction(action: ActionSpec): Promise<boolean> {
  process.stderr.write(`\n── ${action.kind} → ${action.target}\n${action.preview}\n`);
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message: `Run this ${action.kind}?`, default: false }, { output: process.stderr });
}

async function answerQuestions(questions: string[]): Promise<string[]> {
  const { input } = await import('@inquirer/prompts');
  process.stderr.write('\nThe agent has questions (press Enter to skip one):\n');
  const answers: string[] = [];
  for (const q of questions) answers.push(await input({ message: q }, { output: process.stderr }));
  return answers;
}
