import { getPath } from '../config/load';
import { leafKeys } from '../config/schema';
import type { Context } from '../core/context';
import { printJson } from '../ui/messages';
import { renderTable } from '../ui/table';

export default async function configList(_args: string[], opts: { all?: boolean; json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const rows = [...leafKeys().keys()]
    .map((key) => ({ key, value: getPath(ctx.config.values, key), source: ctx.config.origins.get(key) ?? null }))
    .filter((r) => opts.all || r.value !== undefined);
  if (opts.json) {
    printJson(rows.map((r) => ({ ...r, value: r.value ?? null })));
    return 0;
  }
  if (rows.length === 0) {
    process.stderr.write(`nothing is set; 'biz config list --all' shows every key\n`);
    return 0;
  }
  process.stdout.write(renderTable(['KEY', 'VALUE', 'SOURCE'], rows.map((r) => [r.key, r.value === undefined ? '' : String(r.value), r.source ?? ''])));
  return 0;
}
