import type { RunContext } from '../../runtime/context';
import { salesforceOf } from '../salesforce-session';
import type { LeadStateType } from '../state';

const PAGE = 2_000;

/**
 * Looks every pending lead up in Salesforce before anything is written: by email (a Contact wins over a Lead),
 * and for a single lead also by name and company. A match is updated later, never duplicated.
 */
export function crmMatchNode(ctx: RunContext) {
  return async (state: LeadStateType): Promise<Partial<LeadStateType>> => {
    if (!state.input.crm || state.input.check) return {};
    const sf = await salesforceOf(ctx);
    const leads = ctx.store.leads;
    const waiting = ctx.store.write(() => leads.queueLocalForCrm());
    if (waiting > 0) ctx.emit('message', { text: `${waiting} lead(s) kept on this machine before Salesforce was connected go there now` });
    let matched = 0;
    for (let after = 0; ; ) {
      const batch = leads.withStatus('pending', PAGE, after);
      if (batch.length === 0) break;
      after = batch[batch.length - 1].id;
      const page = batch.filter((l) => !l.crmId);
      if (page.length === 0) continue;
      const found = await sf.findByEmail(page.map((l) => l.email));
      ctx.store.write(() => {
        for (const lead of page) {
          const ref = found.get(lead.email.toLowerCase());
          if (ref) {
            leads.attach(lead.id, ref.id, ref.type);
            matched++;
          }
        }
      });
    }
    if (state.leadId !== undefined) {
      const lead = leads.get(state.leadId)!;
      if (lead.crmStatus === 'pending' && !lead.crmId) {
        const ref = await sf.findByNameAndCompany(lead.firstName ?? undefined, lead.lastName, lead.company);
        if (ref) {
          leads.attach(lead.id, ref.id, ref.type);
          matched++;
        }
      }
    }
    if (matched > 0) ctx.emit('message', { text: `${matched} lead(s) already in Salesforce: they will be updated, not created` });
    return {};
  };
}
