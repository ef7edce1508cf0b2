import type { ActionSpec } from '../../runtime/actions';
import type { RunContext } from '../../runtime/context';
import { maskEmail } from '../privacy';
import type { LeadStateType } from '../state';

const SHOWN = 5;

/** One Action for the whole write to Salesforce, previewed with counts and the first few leads (emails masked). */
export function proposeNode(ctx: RunContext) {
  return (state: LeadStateType): Partial<LeadStateType> => {
    if (!state.input.crm || state.input.check) return { actions: [] };
    const leads = ctx.store.leads;
    const pending = leads.countWithStatus('pending');
    const unfinished = leads.countWithStatus('sending');
    if (pending + unfinished === 0) return { actions: [] };
    const sample = leads.withStatus('pending', SHOWN);
    const updates = sample.filter((l) => l.crmId).length;
    const lines = sample.map((l) => `  ${l.crmId ? `update ${l.crmType} ${l.crmId}` : 'create Lead'}: ${[l.firstName, l.lastName].filter(Boolean).join(' ')}, ${l.title ?? 'no title'} at ${l.company} (${maskEmail(l.email)}), score ${l.score}`);
    const more = pending > SHOWN ? [`  ... and ${pending - SHOWN} more`] : [];
    const resumed = unfinished > 0 ? [`  ${unfinished} lead(s) from an interrupted write: looked up first, written only if missing`] : [];
    const action: ActionSpec = {
      kind: 'crm-sync',
      target: `Salesforce: ${pending + unfinished} lead(s)`,
      preview: [`${pending} lead(s) to write${pending <= SHOWN ? ` (${sample.length - updates} new, ${updates} update(s))` : ''}`, ...lines, ...more, ...resumed].join('\n'),
      idempotencyKey: `crm-sync:${ctx.runId}`,
      payload: { sequenceFile: state.input.sequenceFile, bulkThreshold: state.input.bulkThreshold },
    };
    return { actions: [action] };
  };
}
