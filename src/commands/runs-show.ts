import type { Context } from '../core/context';
import { formatDuration, formatUsage } from '../ui/format';
import { printJson } from '../ui/messages';
import { findRun } from './find-run';

export default async function runsShow([id]: string[], opts: { json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const run = findRun(ctx, id);
  const store = ctx.store();
  const actions = store.actions.forRun(run.id);
  const events = store.events.forRun(run.id);
  if (opts.json) {
    printJson({ ...run, actions, events });
    return 0;
  }
  const out: string[] = [
    `run ${run.id}`,
    `agent     ${run.agent}`,
    `status    ${run.status}${run.error ? `: ${run.error}` : ''}`,
    `started   ${new Date(run.startedAt).toISOString()}`,
    `duration  ${run.finishedAt ? formatDuration(run.finishedAt - run.startedAt) : '-'}`,
    `usage     ${formatUsage(run)}`,
  ];
  if (actions.length > 0) {
    out.push('', 'actions');
    for (const a of actions) out.push(`  ${a.status.padEnd(9)} ${a.kind} ${a.target}${a.error ? ` (${a.error})` : ''}`);
    const waiting = actions.filter((a) => a.status === 'proposed');
    for (const a of waiting) out.push('', `── ${a.kind} → ${a.target}`, a.preview);
  }
  out.push('', 'events');
  for (const e of events) {
    const detail = Object.entries(e.data)
      .filter(([k]) => k !== 'preview')
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    out.push(`  ${new Date(e.ts).toISOString().slice(11, 23)} ${e.type} ${detail}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
