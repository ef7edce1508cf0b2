import type { Context } from '../core/context';
import { printJson } from '../ui/messages';
import { findLead } from './lead-find';
import { leadLine } from './lead-render';

export default async function leadShow([ref]: string[], flags: { json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const lead = findLead(ctx, ref);
  const followUps = ctx.store().leadFollowUps.forLead(lead.id);
  if (flags.json) {
    printJson({ ...lead, followUps });
    return 0;
  }
  const out = [
    `lead ${lead.id}: ${leadLine(lead)}`,
    lead.phone ? `  phone ${lead.phone}` : '',
    `  score ${lead.score} (${lead.grade})`,
    ...lead.scoreReasons.map((r) => `    · ${r}`),
    lead.summary ? `  ${lead.summary}` : '',
    lead.flags.length ? `  flags: ${lead.flags.join(', ')}` : '',
    `  CRM: ${lead.crmStatus}${lead.crmId ? ` ${lead.crmType} ${lead.crmId}` : ''}${lead.crmError ? ` (${lead.crmError})` : ''}`,
    ...followUps.map((f) => `  ${f.due} ${f.type}: ${f.subject}${f.crmTaskId ? ` (Task ${f.crmTaskId})` : ''}${f.notifiedAt ? ' · reminded' : ''}`),
  ];
  process.stdout.write(`${out.filter(Boolean).join('\n')}\n`);
  return 0;
}
