import type { Context } from '../core/context';
import { UsageError } from '../core/errors';

export default async function marketScheduleRemove([id]: string[], _flags: unknown, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  if (!ctx.store().marketSchedules.remove(Number(id))) throw new UsageError(`there is no schedule ${id}`, 'See them with: biz market schedule list');
  process.stderr.write(`removed schedule ${id}\n`);
  return 0;
}
