import { ModelUnavailableError } from '../../runtime/models';
import type { RunContext } from '../../runtime/context';
import { promptTemplate } from '../../runtime/templates';
import { summarySchema, type LeadStateType } from '../state';

/**
 * A short fit summary of a single new lead, when a model answers (an import asks only with --summarize, and then
 * only for its top-graded leads). Without a model the lead is kept all the same: the summary is a bonus.
 */
export function summarizeNode(ctx: RunContext) {
  return async (state: LeadStateType): Promise<Partial<LeadStateType>> => {
    const { input } = state;
    if (input.mode === 'import' && !input.summarize) return {};
    const leads = input.mode === 'import' ? ctx.store.leads.list({ limit: 50 }).filter((l) => l.runId === ctx.runId && !l.summary && (l.grade === 'A' || l.grade === 'B')) : [ctx.store.leads.get(state.leadId!)!];
    if (leads.length === 0) return {};
    let model;
    try {
      model = await ctx.model();
    } catch (err) {
      if (err instanceof ModelUnavailableError && !input.summarize) return {};
      throw err;
    }
    for (const lead of leads) {
      const reply = await model.invoke(
        [
          { role: 'system', content: promptTemplate('lead-summary') },
          { role: 'user', content: JSON.stringify({ title: lead.title, company: lead.company, companyDomain: lead.companyDomain, source: lead.source, notes: lead.notes, score: lead.score, grade: lead.grade, scoreReasons: lead.scoreReasons }) },
        ],
        { schema: summarySchema, name: 'summary', temperature: 0 },
      );
      ctx.store.leads.setSummary(lead.id, reply.parsed!.summary.trim());
    }
    return {};
  };
}
