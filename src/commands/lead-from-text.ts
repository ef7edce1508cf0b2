import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bizdevAgent, type LeadResult } from '../agents/bizdev/agent';
import { leadInputBase } from '../agents/bizdev/lead-request';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { runAgentSession } from './agent-session';
import { printLeadOutcome } from './lead-render';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export default async function leadFromText([file]: string[], flags: { country?: string; sequence?: string | boolean; json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  if ((file === undefined || file === '-') && process.stdin.isTTY) throw new UsageError('give a file, or pipe the text in', 'e.g. pbpaste | biz lead from-text   or   biz lead from-text signature.txt');
  const text = file === undefined || file === '-' ? await readStdin() : readFileSync(resolve(ctx.cwd, file), 'utf8');
  if (!text.trim()) throw new UsageError('the text is empty');
  const outcome = await runAgentSession(ctx, bizdevAgent, { input: { mode: 'text', text, ...(await leadInputBase(ctx, flags)) } });
  printLeadOutcome(ctx, outcome, outcome.result as LeadResult, Boolean(flags.json));
  return 0;
}
