import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import type { RunnableGraph } from '../runtime/agent';
import type { RunContext } from '../runtime/context';
import { dependenciesNode } from './nodes/dependencies';
import { filesNode } from './nodes/files';
import { finalizeNode } from './nodes/finalize';
import { historyNode } from './nodes/history';
import { triageNode } from './nodes/triage';
import { ScanState } from './state';

/**
 * files -> (dependencies | history, in parallel) -> compliance (and the report) -> triage (only with --triage).
 * No node has side effects outside the store: reports are written by the command from the run's result.
 */
export function buildSecurityGraph(ctx: RunContext, checkpointer: BaseCheckpointSaver): RunnableGraph {
  const graph = new StateGraph(ScanState)
    .addNode('prepare', () => ({ startedAt: new Date().toISOString() }))
    .addNode('files', ctx.node('files', filesNode(ctx)))
    .addNode('dependencies', ctx.node('dependencies', dependenciesNode(ctx)))
    .addNode('history', ctx.node('history', historyNode(ctx)))
    .addNode('compliance', ctx.node('compliance', finalizeNode(ctx)))
    .addNode('triage', ctx.node('triage', triageNode(ctx)))
    .addEdge(START, 'prepare')
    .addEdge('prepare', 'files')
    .addConditionalEdges('files', (s) => {
      const next = ['dependencies'];
      if (s.input.history && s.input.scanners.includes('secrets')) next.push('history');
      return next;
    }, ['dependencies', 'history'])
    .addEdge('dependencies', 'compliance')
    .addEdge('history', 'compliance')
    .addConditionalEdges('compliance', (s) => (s.input.triage ? 'triage' : END), ['triage', END])
    .addEdge('triage', END);
  return graph.compile({ checkpointer }) as unknown as RunnableGraph;
}
