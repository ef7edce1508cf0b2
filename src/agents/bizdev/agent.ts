import type { Agent } from '../runtime/agent';
import { bizdevActionHandlers, buildLeadGraph } from './graph';
import { leadInput, type ImportCounts, type LeadInput, type SyncOutcome } from './state';

export interface LeadResult {
  leadId?: number;
  counts: ImportCounts;
  sync?: SyncOutcome;
}

export const bizdevAgent: Agent<LeadInput> = {
  name: 'bizdev',
  summary: 'turns leads into clean Salesforce records with scheduled follow-ups',
  entitlement: 'agent:bizdev',
  role: 'biz:lead',
  input: leadInput,
  build: buildLeadGraph,
  actionHandlers: bizdevActionHandlers,
  result: (state): LeadResult => {
    const results = (state.actionResults as Record<string, unknown>) ?? {};
    const sync = Object.entries(results).find(([k]) => k.startsWith('crm-sync:'))?.[1] as SyncOutcome | undefined;
    return { leadId: state.leadId as number | undefined, counts: state.counts as ImportCounts, ...(sync && !('deferredUntil' in sync) ? { sync } : {}) };
  },
};
