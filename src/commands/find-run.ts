import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import type { RunRecord } from '../store/runs';

export function findRun(ctx: Context, idOrPrefix: string): RunRecord {
  const matches = ctx.store().runs.find(idOrPrefix);
  if (matches.length === 0) throw new UsageError(`no run "${idOrPrefix}" in tenant ${ctx.tenant}`, `'biz runs list' shows recent runs.`);
  if (matches.length > 1) throw new UsageError(`"${idOrPrefix}" matches more than one run`, 'Give more characters of the id.');
  return matches[0];
}
