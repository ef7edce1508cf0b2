import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent } from '../../src/agents/runtime/runner';
import { createContext, type Context } from '../../src/core/context';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import { linesOf, testAgent } from '../support/test-agent';
import { tempDir } from '../helpers';

describe('runtime with a model (in process, fake OpenAI)', () => {
  let fake: FakeOpenAI;
  let home: string;
  const saved = { ...process.env };
  const contexts: Context[] = [];

  beforeAll(async () => {
    fake = await startFakeOpenAI({ replies: [{ text: 'plan ready', usage: { prompt_tokens: 1000, completion_tokens: 500 } }] });
    home = tempDir();
    process.env.BIZ_HOME = join(home, 'biz');
    // biz:ignore js/hardcoded-credential (the fake server's key)
    process.env.OPENAI_API_KEY = 'sk-test-key-for-the-fake-server-0001';
    process.env.OPENAI_BASE_URL = fake.url;
  });
  afterAll(async () => {
    for (const c of contexts) c.close();
    process.env = saved;
    await fake.close();
  });

  async function ctxWith(flags: Parameters<typeof createContext>[0]) {
    const ctx = await createContext(flags);
    contexts.push(ctx);
    return ctx;
  }

  it('counts tokens and cost per run, emits llm.call, and a cache hit makes no request', async () => {
    const ctx = await ctxWith({ model: 'openai:gpt-4o-mini' });
    const out = join(home, 'model.txt');
    const first = await runAgent(testAgent, { out, items: ['a'], useModel: true }, ctx, { approval: { mode: 'yes' } });
    expect(first.status).toBe('succeeded');
    expect(first.result).toMatchObject({ answer: 'plan ready' });
    expect(first.usage.inputTokens).toBe(1000);
    expect(first.usage.outputTokens).toBe(500);
    expect(first.usage.costUsd).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    const events = ctx.store().events.forRun(first.runId);
    const call = events.find((e) => e.type === 'llm.call')!;
    expect(call.data).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', inputTokens: 1000, outputTokens: 500, cached: false });
    expect(JSON.stringify(events)).not.toContain(process.env.OPENAI_API_KEY);
    expect(ctx.store().runs.get(first.runId)!.model).toBe('openai:gpt-4o-mini');
    const log = readFileSync(join(home, 'biz', 'state', 'logs', 'biz.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log.filter((l) => l.runId === first.runId).map((l) => l.msg)).toEqual(['run started', 'run finished']);
    expect(log.every((l) => typeof l.time === 'string' && l.level)).toBe(true);
    expect(JSON.stringify(log)).not.toContain(process.env.OPENAI_API_KEY);

    const second = await runAgent(testAgent, { out, items: ['a'], useModel: true }, ctx, { approval: { mode: 'yes' } });
    expect(second.result).toMatchObject({ answer: 'plan ready' });
    expect(fake.requests).toHaveLength(1);
    expect(second.usage.costUsd).toBe(0);
    expect(ctx.store().events.forRun(second.runId).find((e) => e.type === 'llm.call')!.data.cached).toBe(true);
    expect(linesOf(out)).toHaveLength(2);
  });

  it('--no-cache asks again', async () => {
    fake.enqueue('fresh');
    const ctx = await ctxWith({ model: 'openai:gpt-4o-mini', cache: false });
    const r = await runAgent(testAgent, { out: join(home, 'nocache.txt'), items: ['a'], useModel: true }, ctx, { approval: { mode: 'yes' } });
    expect(r.result).toMatchObject({ answer: 'fresh' });
    expect(fake.requests).toHaveLength(2);
  });

  it('--max-cost stops the run before a call that could exceed it, without calling', async () => {
    const ctx = await ctxWith({ model: 'openai:gpt-4o', maxCost: 0.000001 });
    const out = join(home, 'budget.txt');
    await expect(runAgent(testAgent, { out, items: ['a'], useModel: true }, ctx, { approval: { mode: 'yes' } })).rejects.toMatchObject({ exitCode: 1 });
    expect(fake.requests).toHaveLength(2);
    expect(linesOf(out)).toEqual([]);
    const run = ctx.store().runs.list({ limit: 1 })[0];
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/cost|budget/i);
  });

  it('an interactive rejection skips that action and runs the approved one', async () => {
    const ctx = await ctxWith({});
    const out = join(home, 'ask.txt');
    const asked: string[] = [];
    const r = await runAgent(testAgent, { out, items: ['keep', 'drop'] }, ctx, {
      approval: { mode: 'ask', confirm: async (a) => (asked.push(a.preview), !a.preview.includes('drop')), ask: async () => [] },
    });
    expect(asked).toEqual([`append "keep" to ${out}`, `append "drop" to ${out}`]);
    expect(linesOf(out).map((l) => l.split(' ')[0])).toEqual(['keep']);
    expect(r.actions.map((a) => a.status)).toEqual(['executed', 'rejected']);
  });

  it('a run that needs a model with none available fails with exit 2 naming both ways', async () => {
    const saved = { key: process.env.OPENAI_API_KEY };
    delete process.env.OPENAI_API_KEY;
    try {
      const ctx = await ctxWith({});
      await expect(runAgent(testAgent, { out: join(home, 'none.txt'), items: ['a'], useModel: true }, ctx, { approval: { mode: 'yes' } })).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringMatching(/OPENAI_API_KEY[\s\S]*Ollama|Ollama[\s\S]*OPENAI_API_KEY/),
      });
    } finally {
      process.env.OPENAI_API_KEY = saved.key;
    }
  });
});
