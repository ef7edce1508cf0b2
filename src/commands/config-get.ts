import { assertKnownKey, getPath } from '../config/load';
import type { Context } from '../core/context';
import { printJson } from '../ui/messages';

export default async function configGet([key]: string[], opts: { json?: boolean }, context: () => Promise<Context>): Promise<number> {
  assertKnownKey(key);
  const ctx = await context();
  const value = getPath(ctx.config.values, key);
  const source = ctx.config.origins.get(key) ?? null;
  if (opts.json) {
    printJson({ key, value: value ?? null, source });
    return 0;
  }
  if (value === undefined) {
    process.stderr.write(`${key} is not set\n`);
    return 1;
  }
  process.stdout.write(`${String(value)}\n`);
  return 0;
}
