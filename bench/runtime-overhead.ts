// Runtime overhead per graph node: a chain of no-op nodes run through runAgent (events persisted, SQLite
// checkpointer, durability sync) against the same chain compiled bare (no checkpointer), in one process.
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { z } from 'zod';
import type { Agent, RunnableGraph } from '../src/agents/runtime/agent';
import { runAgent } from '../src/agents/runtime/runner';
import { createContext } from '../src/core/context';

const NODES = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const State = Annotation.Root({ input: Annotation<{ n: number }>(), count: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }) });

type Node = (s: typeof State.State, config: LangGraphRunnableConfig) => Partial<typeof State.State> | Promise<Partial<typeof State.State>>;

function chain(wrap: (name: string, fn: Node) => Node) {
  // LangGraph's builder types track every node name; a loop-built chain cannot satisfy them, hence the loose type.
  let g = new StateGraph(State) as unknown as { addNode(n: string, f: Node): typeof g; addEdge(a: string, b: string): typeof g; compile(o?: object): unknown };
  for (let i = 0; i < NODES; i++) g = g.addNode(`n${i}`, wrap(`n${i}`, (s) => ({ count: s.count + 1 })));
  g = g.addEdge(START, 'n0');
  for (let i = 1; i < NODES; i++) g = g.addEdge(`n${i - 1}`, `n${i}`);
  return g.addEdge(`n${NODES - 1}`, END);
}

const agent: Agent<{ n: number }> = {
  name: 'bench',
  summary: 'bench',
  entitlement: 'agent:bench',
  role: 'biz:bench',
  input: z.object({ n: z.number() }),
  build: (ctx, checkpointer) => chain((name, fn) => ctx.node(name, fn)).compile({ checkpointer }) as unknown as RunnableGraph,
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runtimeOverhead() {
  process.env.BIZ_HOME = mkdtempSync(join(tmpdir(), 'biz-bench-'));
  const ctx = await createContext({});
  const bare = chain((_n, fn) => fn).compile() as { invoke(input: unknown): Promise<unknown> };
  const runtimeMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    let t = performance.now();
    await runAgent(agent, { n: i }, ctx, { approval: { mode: 'deny' } });
    const r = performance.now() - t;
    t = performance.now();
    await bare.invoke({ input: { n: i } });
    const b = performance.now() - t;
    if (i >= 2) {
      runtimeMs.push(r);
      bareMs.push(b);
    }
  }
  ctx.close();
  const perNode = median(runtimeMs) / NODES;
  const barePerNode = median(bareMs) / NODES;
  return { nodes: NODES, runtimeMsPerNode: +perNode.toFixed(2), bareMsPerNode: +barePerNode.toFixed(2), overheadMsPerNode: +(perNode - barePerNode).toFixed(2) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runtimeOverhead()));
