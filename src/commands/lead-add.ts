import type { CountryCode } from 'libphonenumber-js';
import { bizdevAgent, type LeadResult } from '../agents/bizdev/agent';
import { leadInputBase } from '../agents/bizdev/lead-request';
import { normalizeLead } from '../agents/bizdev/leads/normalize';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { printInfo } from '../ui/messages';
import { runAgentSession } from './agent-session';
import { printLeadOutcome } from './lead-render';

interface AddFlags {
  name?: string;
  email?: string;
  company?: string;
  title?: string;
  phone?: string;
  source?: string;
  owner?: string;
  notes?: string;
  country?: string;
  sequence?: string | boolean;
  json?: boolean;
}

export default async function leadAdd(_args: string[], flags: AddFlags, context: () => Promise<Context>): Promise<number> {
  if (!flags.email) throw new UsageError('--email is required', 'e.g. biz lead add --name "Ada Lovelace" --email ada@analytical.example --company "Analytical Engines"');
  if (!flags.name) throw new UsageError('--name is required');
  const ctx = await context();
  const raw = Object.fromEntries(Object.entries({ name: flags.name, email: flags.email, company: flags.company, title: flags.title, phone: flags.phone, source: flags.source, owner: flags.owner, notes: flags.notes }).filter((e): e is [string, string] => e[1] !== undefined));
  const base = await leadInputBase(ctx, flags);
  const checked = normalizeLead(raw, { defaultCountry: base.defaultCountry as CountryCode | undefined });
  if (!checked.ok) throw new UsageError(checked.reason);
  if (!base.crm) printInfo('Salesforce is not connected: the lead is kept on this machine (biz lead connect salesforce)');
  const outcome = await runAgentSession(ctx, bizdevAgent, { input: { mode: 'add', raw, ...base } });
  printLeadOutcome(ctx, outcome, outcome.result as LeadResult, Boolean(flags.json));
  return 0;
}
