import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { bizdevAgent, type LeadResult } from '../agents/bizdev/agent';
import { leadInputBase } from '../agents/bizdev/lead-request';
import { parseMapFlags } from '../agents/bizdev/leads/read-rows';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { printInfo } from '../ui/messages';
import { runAgentSession } from './agent-session';
import { printLeadOutcome } from './lead-render';

interface ImportFlags {
  map?: string[];
  rejects?: string;
  country?: string;
  sequence?: string | boolean;
  summarize?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export default async function leadImport([file]: string[], flags: ImportFlags, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const path = resolve(ctx.cwd, file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${file}: no such file`);
  const map = parseMapFlags(flags.map ?? []);
  const rejectsFile = resolve(ctx.cwd, flags.rejects ?? `${basename(path).replace(/\.[^.]+$/, '')}.rejected.csv`);
  const base = await leadInputBase(ctx, flags);
  if (!base.crm && !flags.dryRun) printInfo('Salesforce is not connected: leads are kept on this machine (biz lead connect salesforce)');
  const input = { mode: 'import' as const, file: path, map, rejectsFile, check: Boolean(flags.dryRun), summarize: Boolean(flags.summarize), ...base };
  const outcome = await runAgentSession(ctx, bizdevAgent, { input });
  const result = outcome.result as LeadResult;
  printLeadOutcome(ctx, outcome, result, Boolean(flags.json));
  if (!flags.json) {
    const c = result.counts;
    process.stdout.write(`${c.read} row(s) read: ${c.accepted} ${flags.dryRun ? 'would be kept' : 'kept'}, ${c.duplicates} repeated in the file, ${c.rejected} rejected${c.rejected ? ` (reasons in ${rejectsFile})` : ''}\n`);
  }
  return 0;
}
