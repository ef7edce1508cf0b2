import type { Db } from './db';
import { IDLE_QUERIES } from './idle-queries';

export interface FollowUp {
  id: number;
  leadId: number;
  sequence: string;
  step: number;
  type: string;
  subject: string;
  description: string;
  /** YYYY-MM-DD */
  due: string;
  crmTaskId: string | null;
  crmBatch: string | null;
  notifiedAt: number | null;
}

type Row = Record<string, unknown>;
const fromRow = (r: Row): FollowUp => ({
  id: r.id as number,
  leadId: r.lead_id as number,
  sequence: r.sequence as string,
  step: r.step as number,
  type: r.type as string,
  subject: r.subject as string,
  description: r.description as string,
  due: r.due as string,
  crmTaskId: r.crm_task_id as string | null,
  crmBatch: r.crm_batch as string | null,
  notifiedAt: r.notified_at as number | null,
});

/** Planned follow-up steps of each lead: a Salesforce Task each, and a reminder on the day. */
export class LeadFollowUpsRepo {
  constructor(private readonly db: Db) {}

  /** Plans a lead's steps; a step already planned stays as it is. */
  plan(leadId: number, sequence: string, steps: { step: number; type: string; subject: string; description: string; due: string }[]): number {
    const stmt = this.db.prepare(
      'INSERT INTO lead_followups (lead_id, sequence, step, type, subject, description, due) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(lead_id, sequence, step) DO NOTHING',
    );
    return steps.reduce((n, s) => n + stmt.run(leadId, sequence, s.step, s.type, s.subject, s.description, s.due).changes, 0);
  }

  /** A Task to create or a reminder due by `today`: what `lead followups run` would act on. */
  hasWork(today: string): boolean {
    return this.db.prepare(IDLE_QUERIES['lead followups run']).get({ today }) !== undefined;
  }

  byIds(ids: number[]): FollowUp[] {
    const stmt = this.db.prepare('SELECT * FROM lead_followups WHERE id = ?');
    return ids.map((id) => stmt.get(id) as Row | undefined).filter((r): r is Row => r !== undefined).map(fromRow);
  }

  countWithoutTask(): number {
    return this.db.prepare(`SELECT COUNT(*) FROM lead_followups f JOIN leads l ON l.id = f.lead_id WHERE f.crm_task_id IS NULL AND l.crm_status = 'synced'`).pluck().get() as number;
  }

  forLead(leadId: number): FollowUp[] {
    return (this.db.prepare('SELECT * FROM lead_followups WHERE lead_id = ? ORDER BY due, step').all(leadId) as Row[]).map(fromRow);
  }

  /** Steps whose lead is in the CRM but whose Task is not yet; `sending` ones have a batch under way. */
  withoutTask(limit: number): FollowUp[] {
    return (
      this.db
        .prepare(
          `SELECT f.* FROM lead_followups f JOIN leads l ON l.id = f.lead_id WHERE f.crm_task_id IS NULL AND l.crm_status = 'synced' ORDER BY f.id LIMIT ?`,
        )
        .all(limit) as Row[]
    ).map(fromRow);
  }

  /** Due on or before `day` (YYYY-MM-DD) and not yet reminded. */
  dueUnnotified(day: string): FollowUp[] {
    return (this.db.prepare('SELECT * FROM lead_followups WHERE due <= ? AND notified_at IS NULL ORDER BY due, id').all(day) as Row[]).map(fromRow);
  }

  list(opts: { dueBy?: string; limit: number }): FollowUp[] {
    return (this.db.prepare('SELECT * FROM lead_followups WHERE (? IS NULL OR due <= ?) ORDER BY due, id LIMIT ?').all(opts.dueBy ?? null, opts.dueBy ?? null, opts.limit) as Row[]).map(fromRow);
  }

  markSending(ids: number[], batch: string): void {
    const stmt = this.db.prepare('UPDATE lead_followups SET crm_batch = ? WHERE id = ?');
    for (const id of ids) stmt.run(batch, id);
  }

  setTask(id: number, taskId: string): void {
    this.db.prepare('UPDATE lead_followups SET crm_task_id = ?, crm_batch = NULL WHERE id = ?').run(taskId, id);
  }

  markNotified(ids: number[], at = Date.now()): void {
    const stmt = this.db.prepare('UPDATE lead_followups SET notified_at = ? WHERE id = ?');
    for (const id of ids) stmt.run(at, id);
  }
}
