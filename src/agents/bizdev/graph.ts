import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import { approvalNode, executeNode } from '../runtime/actions';
import type { RunnableGraph } from '../runtime/agent';
import type { RunContext } from '../runtime/context';
import { crmSync } from './crm-sync';
import { crmMatchNode } from './nodes/crm-match';
import { extractNode } from './nodes/extract';
import { importNode, processOneNode } from './nodes/process';
import { proposeNode } from './nodes/propose';
import { summarizeNode } from './nodes/summarize';
import { LeadState, type LeadStateType } from './state';

export const bizdevActionHandlers = { 'crm-sync': crmSync };

/**
 * (extract, from text) -> process (one lead, or a streamed import) -> summarize -> match in the CRM -> propose ->
 * approve -> sync. Everything before sync stays on this machine.
 */
export function buildLeadGraph(ctx: RunContext, checkpointer: BaseCheckpointSaver): RunnableGraph {
  const first = (s: LeadStateType) => (s.input.mode === 'text' ? 'extract' : s.input.mode === 'import' ? 'import' : 'process');
  return new StateGraph(LeadState)
    .addNode('extract', ctx.node('extract', extractNode(ctx)))
    .addNode('process', ctx.node('process', processOneNode(ctx)))
    .addNode('import', ctx.node('import', importNode(ctx)))
    .addNode('summarize', ctx.node('summarize', summarizeNode(ctx)))
    .addNode('match', ctx.node('match', crmMatchNode(ctx)))
    .addNode('propose', ctx.node('propose', proposeNode(ctx)))
    .addNode('approve', ctx.node('approve', approvalNode(ctx)))
    .addNode('sync', ctx.node('sync', executeNode(ctx, bizdevActionHandlers)))
    .addConditionalEdges(START, first, ['extract', 'process', 'import'])
    .addEdge('extract', 'process')
    .addEdge('process', 'summarize')
    .addEdge('import', 'summarize')
    .addEdge('summarize', 'match')
    .addEdge('match', 'propose')
    .addEdge('propose', 'approve')
    .addEdge('approve', 'sync')
    .addEdge('sync', END)
    .compile({ checkpointer }) as unknown as RunnableGraph;
}
