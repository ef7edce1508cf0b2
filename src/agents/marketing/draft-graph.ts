import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import type { RunnableGraph } from '../runtime/agent';
import type { RunContext } from '../runtime/context';
import { analyzeNode, needsRevision } from './nodes/analyze';
import { contextNode } from './nodes/context';
import { generateNode, reviseNode } from './nodes/generate';
import { queueNode } from './nodes/queue';
import { DraftState } from './state';

/** context -> generate -> analyze -> (revise -> analyze, bounded) -> queue. Nothing leaves the machine. */
export function buildDraftGraph(ctx: RunContext, checkpointer: BaseCheckpointSaver): RunnableGraph {
  return new StateGraph(DraftState)
    .addNode('context', ctx.node('context', contextNode(ctx)))
    .addNode('generate', ctx.node('generate', generateNode(ctx)))
    .addNode('analyze', ctx.node('analyze', analyzeNode(ctx)))
    .addNode('revise', ctx.node('revise', reviseNode(ctx)))
    .addNode('queue', ctx.node('queue', queueNode(ctx)))
    .addEdge(START, 'context')
    .addEdge('context', 'generate')
    .addEdge('generate', 'analyze')
    .addConditionalEdges('analyze', (s) => (needsRevision(s) ? 'revise' : 'queue'), ['revise', 'queue'])
    .addEdge('revise', 'analyze')
    .addEdge('queue', END)
    .compile({ checkpointer }) as unknown as RunnableGraph;
}
