import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { z } from 'zod';
import { ActionChannels, approvalNode, executeNode, type ActionHandler } from '../../src/agents/runtime/actions';
import type { Agent, RunnableGraph } from '../../src/agents/runtime/agent';

/**
 * A small agent with real side effects: each action appends a line to a file. Hooks driven by the input let a
 * test pause or kill the process at chosen points.
 */
export const testInput = z.object({
  out: z.string(), // file the actions append to
  items: z.array(z.string()).min(1),
  waitFile: z.string().optional(), // `plan` waits until this file exists (the test kills us meanwhile)
  killOn: z.string().optional(), // the action handler for this item kills the process after the others ran
  useModel: z.boolean().optional(),
});
type TestInput = z.infer<typeof testInput>;

const State = Annotation.Root({
  input: Annotation<TestInput>(),
  ...ActionChannels,
  answer: Annotation<string>({ reducer: (_a, b) => b, default: () => '' }),
});

const appendLine: ActionHandler = async (payload, ctx) => {
  const { out, item, killOn } = payload as { out: string; item: string; killOn?: string };
  if (item === killOn && !existsSync(`${out}.killed`)) {
    appendFileSync(`${out}.killed`, 'x');
    process.kill(process.pid, 'SIGKILL');
  }
  appendFileSync(out, `${item} ${ctx.runId}\n`);
  return { wrote: item };
};

export const testAgent: Agent<TestInput> = {
  name: 'test',
  summary: 'test agent',
  entitlement: 'agent:security', // a Community entitlement: the runtime tests need no license
  role: 'biz:test',
  input: testInput,
  actionHandlers: { 'append-line': appendLine },
  build(ctx, checkpointer): RunnableGraph {
    return new StateGraph(State)
      .addNode(
        'plan',
        ctx.node('plan', async (s: typeof State.State) => {
          if (s.input.waitFile) while (!existsSync(s.input.waitFile)) await new Promise((r) => setTimeout(r, 20));
          let answer = '';
          if (s.input.useModel) {
            const model = await ctx.model();
            answer = (await model.invoke([{ role: 'user', content: `plan ${s.input.items.join(',')}` }])).text;
          }
          return {
            answer,
            actions: s.input.items.map((item) => ({
              kind: 'append-line',
              target: s.input.out,
              preview: `append "${item}" to ${s.input.out}`,
              idempotencyKey: `${ctx.runId}:append:${item}`,
              payload: { out: s.input.out, item, killOn: s.input.killOn },
            })),
          };
        }),
      )
      .addNode('approve', ctx.node('approve', approvalNode(ctx)))
      .addNode('execute', ctx.node('execute', executeNode(ctx, testAgent.actionHandlers!)))
      .addEdge(START, 'plan')
      .addEdge('plan', 'approve')
      .addEdge('approve', 'execute')
      .addEdge('execute', END)
      .compile({ checkpointer }) as unknown as RunnableGraph;
  },
  result: (state) => ({ answer: state.answer, results: state.actionResults }),
};

export function linesOf(path: string): string[] {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];
}
