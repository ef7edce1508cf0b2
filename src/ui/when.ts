import { UsageError } from '../core/errors';

const FORMS = 'an ISO date-time (2026-12-01T09:30, local time unless it ends in Z or an offset), a time of day (14:30: the next one), or a delay (+45m, +2h, +1d)';
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a --at value into epoch ms; errors say which forms work. */
export function parseWhen(text: string, now: number, flag = '--at'): number {
  const value = text.trim();
  const delay = /^\+(\d+)([mhd])$/.exec(value);
  if (delay) return now + Number(delay[1]) * UNIT_MS[delay[2]];
  const clock = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (clock && Number(clock[1]) < 24 && Number(clock[2]) < 60) {
    const at = new Date(now);
    at.setHours(Number(clock[1]), Number(clock[2]), 0, 0);
    if (at.getTime() <= now) at.setDate(at.getDate() + 1);
    return at.getTime();
  }
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) {
    const ms = Date.parse(value.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return ms;
  }
  throw new UsageError(`${flag} ${text}: not a time I understand`, `Use ${FORMS}.`);
}
