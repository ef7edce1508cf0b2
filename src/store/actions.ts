import type { Db } from './db';

export type ActionStatus = 'proposed' | 'approved' | 'rejected' | 'executing' | 'executed' | 'failed' | 'skipped';

export interface ActionRecord {
  idempotencyKey: string;
  runId: string;
  kind: string;
  target: string;
  preview: string;
  status: ActionStatus;
  result: unknown;
  error: string | null;
}

interface ActionRow {
  idempotency_key: string;
  run_id: string;
  kind: string;
  target: string;
  preview: string;
  status: ActionStatus;
  result: string | null;
  error: string | null;
}

/** The ledger that makes side effects happen at most once across reruns and resumes (DESIGN.md, Action). */
export class ActionsRepo {
  constructor(private readonly db: Db) {}

  /** Records a proposal; an action already known under the same key keeps its status. */
  propose(a: { idempotencyKey: string; runId: string; kind: string; target: string; preview: string }): ActionRecord {
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO actions (idempotency_key, run_id, kind, target, preview, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'proposed', ?, ?) ON CONFLICT(idempotency_key) DO NOTHING`,
      )
      .run(a.idempotencyKey, a.runId, a.kind, a.target, a.preview, now, now);
    return this.get(a.idempotencyKey)!;
  }

  get(key: string): ActionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM actions WHERE idempotency_key = ?').get(key) as ActionRow | undefined;
    return row && {
      idempotencyKey: row.idempotency_key,
      runId: row.run_id,
      kind: row.kind,
      target: row.target,
      preview: row.preview,
      status: row.status,
      result: row.result === null ? null : JSON.parse(row.result),
      error: row.error,
    };
  }

  forRun(runId: string): ActionRecord[] {
    const keys = this.db.prepare('SELECT idempotency_key FROM actions WHERE run_id = ? ORDER BY created_at, rowid').pluck().all(runId) as string[];
    return keys.map((k) => this.get(k)!);
  }

  setStatus(key: string, status: ActionStatus, extra: { result?: unknown; error?: string } = {}): void {
    this.db
      .prepare('UPDATE actions SET status = ?, result = COALESCE(?, result), error = ?, updated_at = ? WHERE idempotency_key = ?')
      .run(status, extra.result === undefined ? null : JSON.stringify(extra.result), extra.error ?? null, Date.now(), key);
  }
}
