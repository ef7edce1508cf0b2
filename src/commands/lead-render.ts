import type { LeadResult } from '../agents/bizdev/agent';
import type { RunOutcome } from '../agents/runtime/runner';
import type { Context } from '../core/context';
import type { StoredLead } from '../store/leads';
import { printJson } from '../ui/messages';

export function leadLine(l: StoredLead): string {
  const name = [l.firstName, l.lastName].filter(Boolean).join(' ');
  return `${name}${l.title ? `, ${l.title}` : ''} at ${l.company} <${l.email}>`;
}

/** What a lead run did: on stdout the lead (or the import's counts) and where it stands in the CRM. */
export function printLeadOutcome(ctx: Context, outcome: RunOutcome, result: LeadResult, json: boolean): void {
  const lead = result.leadId === undefined ? undefined : ctx.store().leads.get(result.leadId);
  if (json) {
    printJson({ runId: outcome.runId, status: outcome.status, ...result, lead, usage: outcome.usage });
    return;
  }
  if (lead) {
    process.stdout.write(`lead ${lead.id}: ${leadLine(lead)}\n  score ${lead.score} (${lead.grade}): ${lead.scoreReasons.join('; ')}\n`);
    if (lead.summary) process.stdout.write(`  ${lead.summary}\n`);
    if (lead.flags.length) process.stdout.write(`  flags: ${lead.flags.join(', ')}\n`);
    process.stdout.write(`  CRM: ${lead.crmStatus}${lead.crmId ? ` ${lead.crmType} ${lead.crmId}` : ''}${lead.crmError ? ` (${lead.crmError})` : ''}\n`);
  }
  if (result.sync) {
    const s = result.sync;
    process.stdout.write(`Salesforce: ${s.created} created, ${s.updated} updated, ${s.attached} attached to existing records, ${s.failed} failed; ${s.followUps} follow-up(s) planned\n`);
  }
}
