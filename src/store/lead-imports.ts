import type { Db } from './db';

export interface ImportProgress {
  runId: string;
  file: string;
  rowsDone: number;
  accepted: number;
  duplicates: number;
  bulkJob: string | null;
}

export interface RejectedRow {
  row: number;
  line: number;
  reason: string;
  text: string;
}

/** How far each `biz lead import` run got: rows are committed with this progress, so a resume skips exactly them. */
export class LeadImportsRepo {
  constructor(private readonly db: Db) {}

  start(runId: string, file: string): ImportProgress {
    this.db.prepare('INSERT INTO lead_imports (run_id, file) VALUES (?, ?) ON CONFLICT(run_id) DO NOTHING').run(runId, file);
    return this.get(runId)!;
  }

  get(runId: string): ImportProgress | undefined {
    const r = this.db.prepare('SELECT * FROM lead_imports WHERE run_id = ?').get(runId) as Record<string, unknown> | undefined;
    return r && { runId, file: r.file as string, rowsDone: r.rows_done as number, accepted: r.accepted as number, duplicates: r.duplicates as number, bulkJob: r.bulk_job as string | null };
  }

  /** Called inside the transaction that wrote the rows' leads. */
  advance(runId: string, rowsDone: number, accepted: number, duplicates: number, rejects: RejectedRow[]): void {
    this.db.prepare('UPDATE lead_imports SET rows_done = ?, accepted = accepted + ?, duplicates = duplicates + ? WHERE run_id = ?').run(rowsDone, accepted, duplicates, runId);
    const stmt = this.db.prepare('INSERT INTO lead_rejects (run_id, row, line, reason, text) VALUES (?, ?, ?, ?, ?) ON CONFLICT(run_id, row) DO NOTHING');
    for (const r of rejects) stmt.run(runId, r.row, r.line, r.reason, r.text);
  }

  rejectedCount(runId: string): number {
    return this.db.prepare('SELECT COUNT(*) FROM lead_rejects WHERE run_id = ?').pluck().get(runId) as number;
  }

  /** Streams the run's rejected rows in file order (never all in memory). */
  *rejects(runId: string): Generator<RejectedRow> {
    for (const r of this.db.prepare('SELECT row, line, reason, text FROM lead_rejects WHERE run_id = ? ORDER BY row').iterate(runId) as Iterable<RejectedRow>) yield r;
  }

  setBulkJob(runId: string, jobId: string | null): void {
    this.db.prepare('UPDATE lead_imports SET bulk_job = ? WHERE run_id = ?').run(jobId, runId);
  }
}
