import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import { approvalNode, executeNode } from '../runtime/actions';
import type { RunnableGraph } from '../runtime/agent';
import type { RunContext } from '../runtime/context';
import { askQuestions } from '../runtime/questions';
import { codingActionHandlers } from './deliver';
import { analyzeNode } from './nodes/analyze';
import { generateNode } from './nodes/generate';
import { proposeNode } from './nodes/propose';
import { verifyNode } from './nodes/verify';
import { CodeState, type CodeStateType } from './state';

function outOfAttempts(state: CodeStateType): never {
  throw new Error(`no working change after ${state.attempts} attempt(s) (--max-attempts ${state.input.maxAttempts}); last problem:\n${state.feedback}`);
}

/**
 * analyze -> clarify (one round of questions, interactive only) -> generate (reflect on failed edits) -> verify (--check; failures go back to generate) -> propose ->
 * approve -> deliver. Side effects happen only in deliver, after approval; edits land in a scratch worktree.
 */
export function buildCodingGraph(ctx: RunContext, checkpointer: BaseCheckpointSaver): RunnableGraph {
  const afterTry = (next: string) => (s: CodeStateType) => (!s.feedback ? next : s.attempts < s.input.maxAttempts ? 'generate' : 'give-up');
  return new StateGraph(CodeState)
    .addNode('analyze', ctx.node('analyze', analyzeNode(ctx)))
    .addNode('clarify', ctx.node('clarify', (s: CodeStateType) => ({ clarifications: askQuestions(s.plan?.questions ?? []) })))
    .addNode('generate', ctx.node('generate', generateNode(ctx)))
    .addNode('verify', ctx.node('verify', verifyNode(ctx)))
    .addNode('give-up', ctx.node('give-up', outOfAttempts))
    .addNode('propose', ctx.node('propose', proposeNode(ctx)))
    .addNode('approve', ctx.node('approve', approvalNode(ctx)))
    .addNode('deliver', ctx.node('deliver', executeNode(ctx, codingActionHandlers)))
    .addEdge(START, 'analyze')
    .addEdge('analyze', 'clarify')
    .addEdge('clarify', 'generate')
    .addConditionalEdges('generate', afterTry('verify'), ['verify', 'generate', 'give-up'])
    .addConditionalEdges('verify', afterTry('propose'), ['propose', 'generate', 'give-up'])
    .addEdge('propose', 'approve')
    .addEdge('approve', 'deliver')
    .addEdge('deliver', END)
    .compile({ checkpointer }) as unknown as RunnableGraph;
}
