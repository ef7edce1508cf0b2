import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { formatCost, formatCount, formatDuration } from '../ui/format';
import { printJson } from '../ui/messages';
import { renderTable } from '../ui/table';

export default async function runsList(_args: string[], opts: { agent?: string; limit?: string; json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const limit = Number(opts.limit ?? 20);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not "${opts.limit}"`);
  const ctx = await context();
  const runs = ctx.store().runs.list({ limit, agent: opts.agent });
  if (opts.json) {
    printJson(runs.map(({ input: _input, result: _result, ...r }) => ({ ...r, durationMs: r.finishedAt ? r.finishedAt - r.startedAt : null })));
    return 0;
  }
  if (runs.length === 0) {
    process.stderr.write('no runs yet\n');
    return 0;
  }
  const rows = runs.map((r) => [
    r.id,
    r.agent,
    r.status,
    new Date(r.startedAt).toISOString().replace('T', ' ').slice(0, 19),
    r.finishedAt ? formatDuration(r.finishedAt - r.startedAt) : '-',
    formatCount(r.inputTokens + r.outputTokens),
    formatCost(r.costUsd),
  ]);
  process.stdout.write(renderTable(['ID', 'AGENT', 'STATUS', 'STARTED', 'DURATION', 'TOKENS', 'COST'], rows));
  return 0;
}
