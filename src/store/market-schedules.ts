import type { Db } from './db';

export interface MarketSchedule {
  id: number;
  cron: string;
  campaign: string;
  briefFile: string;
  variants: number;
  autoApproveAbove: number | null;
  createdAt: number;
  /** The last time `schedule run` drafted for it; occurrences are counted from here (or from createdAt). */
  firedAt: number | null;
}

interface ScheduleRow {
  id: number;
  cron: string;
  campaign: string;
  brief_file: string;
  variants: number;
  auto_approve_above: number | null;
  created_at: number;
  fired_at: number | null;
}

const fromRow = (r: ScheduleRow): MarketSchedule => ({
  id: r.id,
  cron: r.cron,
  campaign: r.campaign,
  briefFile: r.brief_file,
  variants: r.variants,
  autoApproveAbove: r.auto_approve_above,
  createdAt: r.created_at,
  firedAt: r.fired_at,
});

/** Recurring drafting jobs (`biz market schedule`). */
export class MarketSchedulesRepo {
  constructor(private readonly db: Db) {}

  add(s: { cron: string; campaign: string; briefFile: string; variants: number; autoApproveAbove?: number }, now = Date.now()): MarketSchedule {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO market_schedules (cron, campaign, brief_file, variants, auto_approve_above, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.cron, s.campaign, s.briefFile, s.variants, s.autoApproveAbove ?? null, now);
    return this.get(Number(lastInsertRowid))!;
  }

  get(id: number): MarketSchedule | undefined {
    const row = this.db.prepare('SELECT * FROM market_schedules WHERE id = ?').get(id) as ScheduleRow | undefined;
    return row && fromRow(row);
  }

  list(): MarketSchedule[] {
    return (this.db.prepare('SELECT * FROM market_schedules ORDER BY id').all() as ScheduleRow[]).map(fromRow);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM market_schedules WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Claims an occurrence: true for the one process that moves fired_at from what it read to `at`, so two
   * overlapping `schedule run` ticks never draft the same occurrence twice.
   */
  claim(id: number, seen: number | null, at: number): boolean {
    return this.db.prepare('UPDATE market_schedules SET fired_at = ? WHERE id = ? AND fired_at IS ?').run(at, id, seen).changes === 1;
  }
}
