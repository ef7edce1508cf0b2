import type { LeadFields, RecordOutcome, Salesforce } from '../../integrations/salesforce';
import { nowMs } from '../../core/clock';
import type { StoredLead } from '../../store/leads';
import type { ActionHandler } from '../runtime/actions';
import type { RunContext } from '../runtime/context';
import { leadOf } from './lead-values';
import { loadSequence, planFollowUps, type Sequence } from './leads/sequence';
import { salesforceOf } from './salesforce-session';
import type { SyncOutcome } from './state';

/** sObject Collections take 200 records a call. */
const COLLECTION = 200;
/** Records per Bulk API 2.0 job: bounds memory whatever the import's size. */
const BULK_JOB = 10_000;

export function leadFields(l: StoredLead): LeadFields {
  const fields: LeadFields = { LastName: l.lastName, Email: l.email, Company: l.company };
  if (l.firstName) fields.FirstName = l.firstName;
  if (l.title) fields.Title = l.title;
  if (l.phone) fields.Phone = l.phone;
  if (l.source) fields.LeadSource = l.source;
  if (l.summary) fields.Description = l.summary;
  return fields;
}

const problem = (o: RecordOutcome) => o.errors.map((e) => `${e.code}: ${e.message}`).join('; ') || 'rejected without a reason';

interface SyncRun {
  ctx: RunContext;
  sf: Salesforce;
  sequence?: Sequence;
  out: SyncOutcome;
}

/** Applies a write's per-record outcomes, in one transaction: synced, attached to a duplicate, or failed with why. */
function apply(run: SyncRun, sent: StoredLead[], outcomes: RecordOutcome[], created: boolean): void {
  const { ctx, out } = run;
  const leads = ctx.store.leads;
  const today = new Date(nowMs(ctx.base.env));
  ctx.store.write(() => {
    sent.forEach((lead, i) => {
      const o = outcomes[i];
      if (o?.ok && o.id) {
        leads.markSynced(lead.id, o.id, lead.crmType ?? 'Lead');
        if (created) {
          out.created++;
          if (run.sequence) out.followUps += ctx.store.leadFollowUps.plan(lead.id, run.sequence.name, planFollowUps(run.sequence, today, leadOf(lead)));
        } else out.updated++;
      } else if (o?.duplicateOf) {
        leads.markSynced(lead.id, o.duplicateOf, 'Lead', 'a Salesforce duplicate rule matched an existing record: attached to it');
        out.attached++;
      } else {
        leads.markFailed(lead.id, o ? problem(o) : 'no outcome returned');
        out.failed++;
      }
    });
  });
}

/**
 * Writes a batch with its idempotency record: the leads are marked `sending` (committed) before the call. A limit
 * refusal un-marks them (nothing was written); an unknown outcome leaves them marked, and the next attempt looks
 * them up in Salesforce before writing again.
 */
async function send(run: SyncRun, batch: StoredLead[], tag: string, write: () => Promise<RecordOutcome[]>, created: boolean): Promise<void> {
  const { ctx } = run;
  const ids = batch.map((l) => l.id);
  ctx.store.write(() => ctx.store.leads.markSending(ids, tag));
  const { SalesforceLimitError, SalesforceRequestError } = await import('../../integrations/salesforce');
  let outcomes: RecordOutcome[];
  try {
    outcomes = await write();
  } catch (err) {
    if (err instanceof SalesforceRequestError && err.ambiguous) {
      throw new Error(`${err.message}; ${batch.length} lead(s) may have been written: biz runs resume ${ctx.runId} looks them up before writing again`, { cause: err });
    }
    ctx.store.write(() => ctx.store.leads.unmarkSending(ids));
    if (err instanceof SalesforceLimitError) throw new Error(`${err.message}; nothing is lost: biz runs resume ${ctx.runId} continues once the limit resets`, { cause: err });
    throw err;
  }
  apply(run, batch, outcomes, created);
}

/** Leads left `sending` by a crashed attempt: found in Salesforce means written; the rest go back to pending. */
async function reconcile(run: SyncRun): Promise<void> {
  const { ctx, sf } = run;
  const leads = ctx.store.leads;
  const importRow = ctx.store.leadImports.get(ctx.runId);
  if (importRow?.bulkJob) {
    const [jobId, tag] = importRow.bulkJob.split('|');
    const batch = leads.inBatch(tag);
    if (batch.length > 0) apply(run, batch, await sf.resumeBulkLeads(jobId, batch.map(leadFields)), true);
    ctx.store.leadImports.setBulkJob(ctx.runId, null);
  }
  for (let stuck = leads.withStatus('sending', COLLECTION); stuck.length > 0; stuck = leads.withStatus('sending', COLLECTION)) {
    const found = await sf.findByEmail(stuck.map((l) => l.email));
    ctx.store.write(() => {
      for (const lead of stuck) {
        const ref = found.get(lead.email.toLowerCase());
        if (ref) {
          leads.markSynced(lead.id, ref.id, ref.type, 'written by an interrupted attempt, found in Salesforce');
          run.out.created++;
        } else leads.unmarkSending([lead.id]);
      }
    });
  }
}

/** The crm-sync Action: updates matched records, creates the rest (collections, or Bulk API 2.0 for large imports). */
export const crmSync: ActionHandler = async (payload, ctx) => {
  const { sequenceFile, bulkThreshold } = payload as { sequenceFile?: string; bulkThreshold: number };
  const run: SyncRun = { ctx, sf: await salesforceOf(ctx), sequence: sequenceFile ? loadSequence(sequenceFile) : undefined, out: { created: 0, updated: 0, attached: 0, failed: 0, followUps: 0 } };
  const leads = ctx.store.leads;
  await reconcile(run);
  for (let page = 0, after = 0; ; page++) {
    const window = leads.withStatus('pending', COLLECTION, after);
    if (window.length === 0) break;
    after = window[window.length - 1].id;
    const updates = window.filter((l) => l.crmId);
    if (updates.length === 0) continue;
    await send(run, updates, `${ctx.runId}:u${page}`, () => run.sf.updatePeople(updates.map((l) => ({ ref: { id: l.crmId!, type: l.crmType ?? 'Lead', email: l.email }, fields: leadFields(l) }))), false);
  }
  const creates = leads.countWithStatus('pending');
  const bulk = creates >= bulkThreshold;
  for (let n = 0; ; n++) {
    const batch = leads.withStatus('pending', bulk ? BULK_JOB : COLLECTION);
    if (batch.length === 0) break;
    const tag = `${ctx.runId}:c${n}`;
    if (bulk) {
      await send(run, batch, tag, () => run.sf.bulkCreateLeads(batch.map(leadFields), { onJob: (jobId) => ctx.store.leadImports.setBulkJob(ctx.runId, `${jobId}|${tag}`) }), true);
      ctx.store.leadImports.setBulkJob(ctx.runId, null);
    } else await send(run, batch, tag, () => run.sf.createLeads(batch.map(leadFields)), true);
    ctx.emit('progress', { done: run.out.created + run.out.attached + run.out.failed, total: creates, unit: 'leads written' });
  }
  return run.out;
};
