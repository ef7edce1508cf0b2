import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, run, tempDir, ROOT } from '../helpers';

/** The source files (from the bundle's source maps) of the chunks a run loaded. */
function bundledSources(loaded: string[]): string[] {
  return loaded.filter((u) => u.includes('/dist/')).flatMap((u) => JSON.parse(readFileSync(`${new URL(u).pathname}.map`, 'utf8')).sources as string[]);
}

/** The ES modules a run loaded (the CommonJS launcher and what it requires are not traced). */
async function modulesLoadedBy(args: string[], home = tempDir()): Promise<string[]> {
  const trace = join(home, 'imports.txt');
  const r = await run(process.execPath, ['--import', join(ROOT, 'test/support/trace-imports.mjs'), BIN, ...args], { env: cleanEnv(home, { BIZ_TRACE_IMPORTS: trace }) });
  expect(r.code).toBe(0);
  return existsSync(trace) ? readFileSync(trace, 'utf8').trim().split('\n') : [];
}

describe('start-up stays light', () => {
  it('biz --version answers in the CommonJS launcher, loading nothing of the CLI', async () => {
    expect((await modulesLoadedBy(['--version'])).filter((u) => u.includes('/dist/'))).toEqual([]);
  });

  for (const args of [['--help'], ['scan', '--help']]) {
    it(`biz ${args.join(' ')} loads no LangChain, SDK, prompt library or SQLite`, async () => {
      const loaded = await modulesLoadedBy(args);
      expect(loaded.some((u) => u.endsWith('/dist/cli.js'))).toBe(true);
      const heavy = loaded.filter((u) => /langchain|langgraph|inquirer|better-sqlite3|@babel|lezer|openai|ollama|dist\/chunks\/(agent|scan)/i.test(u));
      expect(heavy).toEqual([]);
      // commander and the command tree are all that should be parsed: well under the ~10 MB the agents bundle.
      const bytes = loaded.filter((u) => u.includes('/dist/')).reduce((n, u) => n + statSync(new URL(u)).size, 0);
      expect(bytes).toBeLessThan(300_000);
    });
  }
});

describe('an idle cron tick stays light', () => {
  for (const args of [['market', 'publish'], ['market', 'schedule', 'run'], ['lead', 'followups', 'run']]) {
    it(`biz ${args.join(' ')} with nothing to do answers in the CommonJS launcher: no ES module, no CLI, on an existing store`, async () => {
      const home = tempDir();
      expect((await run(process.execPath, [BIN, 'market', 'queue'], { env: cleanEnv(home) })).code).toBe(0);
      expect(existsSync(join(home, 'biz', 'data', 'tenants', 'default', 'biz.db'))).toBe(true);
      expect((await modulesLoadedBy(args, home)).filter((u) => u.includes('/dist/'))).toEqual([]);
    });
  }

  it('with a flag it takes the full command, which still loads neither the YAML parser nor classic zod', async () => {
    const sources = bundledSources(await modulesLoadedBy(['market', 'publish', '--campaign', 'launch']));
    expect(sources.some((s) => s.endsWith('src/config/schema.ts'))).toBe(true);
    expect(sources.filter((s) => /node_modules\/(yaml|zod\/v4\/classic)\//.test(s))).toEqual([]);
  });
});
