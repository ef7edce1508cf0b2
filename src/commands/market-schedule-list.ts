import { nextOccurrence } from '../agents/marketing/schedule';
import type { Context } from '../core/context';
import { nowMs } from '../core/clock';
import { printJson } from '../ui/messages';
import { renderTable } from '../ui/table';

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 16) : '-');

export default async function marketScheduleList(_args: string[], flags: { json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const now = nowMs(ctx.env);
  const schedules = await Promise.all(ctx.store().marketSchedules.list().map(async (s) => ({ ...s, nextAt: (await nextOccurrence(s.cron, Math.max(now, s.firedAt ?? 0))) ?? null })));
  if (flags.json) {
    printJson(schedules);
    return 0;
  }
  if (schedules.length === 0) {
    process.stderr.write('no schedules: biz market schedule add "0 9 * * 1-5" --campaign NAME --brief-file F\n');
    return 0;
  }
  const rows = schedules.map((s) => [String(s.id), s.cron, s.campaign, String(s.variants), s.autoApproveAbove === null ? '-' : `>= ${s.autoApproveAbove}`, iso(s.firedAt), iso(s.nextAt), s.briefFile]);
  process.stdout.write(renderTable(['ID', 'CRON', 'CAMPAIGN', 'VARIANTS', 'AUTO-APPROVE', 'LAST (UTC)', 'NEXT (UTC)', 'BRIEF'], rows));
  return 0;
}
