/** Writes as fast as it can into a shared store: `writer.ts DIR NAME COUNT`. */
import { openStore } from '../../src/store';

const [dir, name, count] = process.argv.slice(2);
const store = openStore(dir);
store.write(() => store.runs.create({ id: name, agent: 'test', input: {} }));
for (let i = 0; i < Number(count); i++) {
  store.write(() => {
    store.events.append(name, 'node.finished', { i });
    store.runs.addUsage(name, { inputTokens: 1, outputTokens: 0, costUsd: 0 });
  });
  // A reader in between, as the renderer and `biz runs list` do.
  store.runs.list({ limit: 5 });
}
store.close();
