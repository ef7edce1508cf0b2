import type { MarketSchedule } from '../../store/market-schedules';

/** Throws croner's message ("Invalid value for minute: 61") for a bad expression. */
export async function nextOccurrence(cron: string, after: number): Promise<number | undefined> {
  const { Cron } = await import('croner');
  return new Cron(cron, { paused: true }).nextRun(new Date(after))?.getTime();
}

/** The occurrence a schedule owes at `now`: the first one after it last fired. Missed ones collapse into one. */
export async function dueOccurrence(schedule: MarketSchedule, now: number): Promise<number | undefined> {
  const next = await nextOccurrence(schedule.cron, schedule.firedAt ?? schedule.createdAt);
  return next !== undefined && next <= now ? next : undefined;
}
