import type { Context } from '../core/context';
import { maskEmail } from '../agents/bizdev/privacy';
import { findLead } from './lead-find';
import { actor } from './market-post-ids';

/**
 * Removes a person's local data: the lead, its follow-ups, rejected rows and the runs that carried their details
 * (with those runs' checkpoints). The CRM keeps its record: say which, so the user can delete it there too.
 */
export default async function leadForget([email]: string[], _flags: unknown, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const lead = findLead(ctx, email);
  const store = ctx.store();
  const needle = `%${lead.email}%`;
  const runs = store.db.prepare(`SELECT id FROM runs WHERE agent = 'bizdev' AND (input LIKE ? OR result LIKE ?)`).pluck().all(needle, needle) as string[];
  const who = await actor(ctx);
  const removed = store.write(() => {
    const rejects = store.db.prepare('DELETE FROM lead_rejects WHERE text LIKE ?').run(needle).changes;
    store.leads.delete(lead.id);
    for (const id of runs) {
      store.db.prepare('DELETE FROM runs WHERE id = ?').run(id);
      for (const table of ['checkpoints', 'writes']) {
        const exists = store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
        if (exists) store.db.prepare(`DELETE FROM ${table} WHERE thread_id = ?`).run(id);
      }
    }
    store.audit.record({ tenant: ctx.tenant, subject: who, runId: null, event: 'lead.forgotten', detail: { lead: lead.id, email: maskEmail(lead.email), runs: runs.length } });
    return rejects;
  });
  process.stdout.write(`forgot lead ${lead.id} (${maskEmail(lead.email)}): its follow-ups, ${removed} rejected row(s) and ${runs.length} run(s) that carried it\n`);
  if (lead.crmId) process.stdout.write(`Salesforce still has ${lead.crmType} ${lead.crmId}: delete it there if the person asked to be forgotten everywhere\n`);
  return 0;
}
