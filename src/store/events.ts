import type { Db } from './db';

export interface StoredEvent {
  id: number;
  runId: string;
  ts: number;
  type: string;
  data: Record<string, unknown>;
}

export class EventsRepo {
  constructor(private readonly db: Db) {}

  append(runId: string, type: string, data: Record<string, unknown>, ts = Date.now()): number {
    return Number(this.db.prepare('INSERT INTO run_events (run_id, ts, type, data) VALUES (?, ?, ?, ?)').run(runId, ts, type, JSON.stringify(data)).lastInsertRowid);
  }

  forRun(runId: string): StoredEvent[] {
    const rows = this.db.prepare('SELECT * FROM run_events WHERE run_id = ? ORDER BY id').all(runId) as {
      id: number;
      run_id: string;
      ts: number;
      type: string;
      data: string;
    }[];
    return rows.map((r) => ({ id: r.id, runId: r.run_id, ts: r.ts, type: r.type, data: JSON.parse(r.data) }));
  }
}
