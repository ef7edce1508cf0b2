import type { Context } from '../core/context';
import { nowMs } from '../core/clock';
import { printJson } from '../ui/messages';
import { renderTable } from '../ui/table';

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export default async function leadFollowUps(_args: string[], flags: { due?: boolean; json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const store = ctx.store();
  const items = store.leadFollowUps.list({ dueBy: flags.due ? dayOf(nowMs(ctx.env)) : undefined, limit: 500 });
  if (flags.json) {
    printJson(items.map((f) => ({ ...f, lead: store.leads.get(f.leadId) })));
    return 0;
  }
  if (items.length === 0) {
    process.stderr.write(flags.due ? 'nothing due\n' : 'no follow-ups planned: new leads join a sequence (--sequence) when they reach Salesforce\n');
    return 0;
  }
  const rows = items.map((f) => {
    const lead = store.leads.get(f.leadId)!;
    return [f.due, f.type, f.subject, `${[lead.firstName, lead.lastName].filter(Boolean).join(' ')} (${lead.company})`, lead.owner ?? '-', f.crmTaskId ?? '-', f.notifiedAt ? 'yes' : '-'];
  });
  process.stdout.write(renderTable(['DUE', 'TYPE', 'SUBJECT', 'LEAD', 'OWNER', 'TASK', 'REMINDED'], rows));
  return 0;
}
