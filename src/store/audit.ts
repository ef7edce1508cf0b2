import type { Db } from './db';

export interface AuditEntry {
  ts: number;
  tenant: string;
  subject: string | null;
  runId: string | null;
  event: string;
  detail: Record<string, unknown>;
}

export class AuditRepo {
  constructor(private readonly db: Db) {}

  record(e: Omit<AuditEntry, 'ts'>): void {
    this.db
      .prepare('INSERT INTO audit_log (ts, tenant, subject, run_id, event, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(Date.now(), e.tenant, e.subject, e.runId, e.event, JSON.stringify(e.detail));
  }

  list(limit = 100): AuditEntry[] {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as {
      ts: number;
      tenant: string;
      subject: string | null;
      run_id: string | null;
      event: string;
      detail: string;
    }[];
    return rows.map((r) => ({ ts: r.ts, tenant: r.tenant, subject: r.subject, runId: r.run_id, event: r.event, detail: JSON.parse(r.detail) }));
  }
}
