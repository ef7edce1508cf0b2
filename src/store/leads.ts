import type { Db } from './db';

/**
 * local: not meant for the CRM (none connected); pending: to be written; sending: a write is under way in batch
 * `crmBatch` (after a crash, look in the CRM before writing again); synced; failed (with crmError).
 */
export type CrmStatus = 'local' | 'pending' | 'sending' | 'synced' | 'failed';

export interface StoredLead {
  id: number;
  email: string;
  emailKey: string;
  nameKey: string;
  firstName: string | null;
  lastName: string;
  company: string;
  companyDomain: string | null;
  title: string | null;
  phone: string | null;
  source: string | null;
  owner: string | null;
  notes: string | null;
  flags: string[];
  score: number;
  grade: string;
  scoreReasons: string[];
  summary: string | null;
  sequence: string | null;
  crmStatus: CrmStatus;
  crmId: string | null;
  crmType: 'Lead' | 'Contact' | null;
  crmBatch: string | null;
  crmError: string | null;
  crmSyncedAt: number | null;
  runId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The fields a lead is made of, as normalization produces them. */
export type LeadValues = Pick<StoredLead, 'email' | 'emailKey' | 'nameKey' | 'lastName' | 'company' | 'score' | 'grade' | 'scoreReasons' | 'flags'> &
  Partial<Pick<StoredLead, 'firstName' | 'companyDomain' | 'title' | 'phone' | 'source' | 'owner' | 'notes' | 'summary' | 'sequence'>>;

export type UpsertOutcome = 'new' | 'updated' | 'unchanged' | 'repeated';

const COLUMNS: Record<string, string> = {
  email: 'email',
  emailKey: 'email_key',
  nameKey: 'name_key',
  firstName: 'first_name',
  lastName: 'last_name',
  company: 'company',
  companyDomain: 'company_domain',
  title: 'title',
  phone: 'phone',
  source: 'source',
  owner: 'owner',
  notes: 'notes',
  flags: 'flags',
  score: 'score',
  grade: 'grade',
  scoreReasons: 'score_reasons',
  summary: 'summary',
  sequence: 'sequence',
};
/** Fields a later import may fill in or change; the rest (keys, score) follow from them. */
const MERGED = ['firstName', 'lastName', 'company', 'companyDomain', 'title', 'phone', 'source', 'owner', 'notes', 'summary', 'sequence'] as const;

type Row = Record<string, unknown>;

function fromRow(r: Row): StoredLead {
  return {
    id: r.id as number,
    email: r.email as string,
    emailKey: r.email_key as string,
    nameKey: r.name_key as string,
    firstName: r.first_name as string | null,
    lastName: r.last_name as string,
    company: r.company as string,
    companyDomain: r.company_domain as string | null,
    title: r.title as string | null,
    phone: r.phone as string | null,
    source: r.source as string | null,
    owner: r.owner as string | null,
    notes: r.notes as string | null,
    flags: JSON.parse(r.flags as string) as string[],
    score: r.score as number,
    grade: r.grade as string,
    scoreReasons: JSON.parse(r.score_reasons as string) as string[],
    summary: r.summary as string | null,
    sequence: r.sequence as string | null,
    crmStatus: r.crm_status as CrmStatus,
    crmId: r.crm_id as string | null,
    crmType: r.crm_type as StoredLead['crmType'],
    crmBatch: r.crm_batch as string | null,
    crmError: r.crm_error as string | null,
    crmSyncedAt: r.crm_synced_at as number | null,
    runId: r.run_id as string | null,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
  };
}

const dbValue = (v: unknown) => (Array.isArray(v) ? JSON.stringify(v) : (v ?? null));

/** Leads kept on this machine, with where each stands in the CRM. */
export class LeadsRepo {
  constructor(private readonly db: Db) {}

  byEmailKey(key: string): StoredLead | undefined {
    const row = this.db.prepare('SELECT * FROM leads WHERE email_key = ?').get(key) as Row | undefined;
    return row && fromRow(row);
  }

  byNameKey(key: string): StoredLead | undefined {
    const row = this.db.prepare('SELECT * FROM leads WHERE name_key = ? ORDER BY id LIMIT 1').get(key) as Row | undefined;
    return row && fromRow(row);
  }

  get(id: number): StoredLead | undefined {
    const row = this.db.prepare('SELECT * FROM leads WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  /**
   * Adds a lead, or merges it into the one with the same email key (or, failing that, the same name at the same
   * company): blanks are filled and changed values win.
   * `repeated` means this run already wrote it (the same person twice in one file).
   */
  upsert(values: LeadValues, runId: string, crmStatus: 'local' | 'pending', now = Date.now()): { id: number; outcome: UpsertOutcome } {
    const sameEmail = this.byEmailKey(values.emailKey);
    const existing = sameEmail ?? this.byNameKey(values.nameKey);
    if (existing && !sameEmail) {
      // The same person at the same company writing from another address: one lead, and the address is kept.
      const note = `also wrote from ${values.email}`;
      values = { ...values, email: existing.email, emailKey: existing.emailKey, notes: existing.notes?.includes(note) ? existing.notes : [existing.notes, values.notes, note].filter(Boolean).join('\n') };
    }
    if (!existing) {
      const keys = Object.keys(COLUMNS).filter((k) => values[k as keyof LeadValues] !== undefined);
      const cols = [...keys.map((k) => COLUMNS[k]), 'crm_status', 'run_id', 'created_at', 'updated_at'];
      const { lastInsertRowid } = this.db
        .prepare(`INSERT INTO leads (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
        .run(...keys.map((k) => dbValue(values[k as keyof LeadValues])), crmStatus, runId, now, now);
      return { id: Number(lastInsertRowid), outcome: 'new' };
    }
    const changed = MERGED.filter((k) => values[k] !== undefined && values[k] !== null && values[k] !== '' && values[k] !== existing[k]);
    if (changed.length === 0) return { id: existing.id, outcome: existing.runId === runId ? 'repeated' : 'unchanged' };
    const sets = [...changed.map((k) => `${COLUMNS[k]} = ?`), 'name_key = ?', 'score = ?', 'grade = ?', 'score_reasons = ?', 'flags = ?', 'updated_at = ?'];
    const resync = existing.crmStatus === 'synced' || existing.crmStatus === 'failed' ? ", crm_status = 'pending'" : existing.crmStatus === 'local' && crmStatus === 'pending' ? ", crm_status = 'pending'" : '';
    this.db
      .prepare(`UPDATE leads SET ${sets.join(', ')}${resync} WHERE id = ?`)
      .run(...changed.map((k) => dbValue(values[k])), values.nameKey, values.score, values.grade, JSON.stringify(values.scoreReasons), JSON.stringify(values.flags), now, existing.id);
    return { id: existing.id, outcome: existing.runId === runId ? 'repeated' : 'updated' };
  }

  /** Up to `limit` leads in this CRM state, in id order after `afterId`. */
  withStatus(status: CrmStatus, limit: number, afterId = 0): StoredLead[] {
    return (this.db.prepare('SELECT * FROM leads WHERE crm_status = ? AND id > ? ORDER BY id LIMIT ?').all(status, afterId, limit) as Row[]).map(fromRow);
  }

  /** The leads of one write batch, in the order they were sent. */
  inBatch(batch: string): StoredLead[] {
    return (this.db.prepare('SELECT * FROM leads WHERE crm_batch = ? ORDER BY id').all(batch) as Row[]).map(fromRow);
  }

  countWithStatus(status: CrmStatus): number {
    return this.db.prepare('SELECT COUNT(*) FROM leads WHERE crm_status = ?').pluck().get(status) as number;
  }

  /** Salesforce is connected now: leads kept only here until then are to be written with the next run. */
  queueLocalForCrm(): number {
    return this.db.prepare("UPDATE leads SET crm_status = 'pending' WHERE crm_status = 'local'").run().changes;
  }

  /** The CRM record this lead turned out to be (found by email or name before writing). */
  attach(id: number, crmId: string, crmType: 'Lead' | 'Contact'): void {
    this.db.prepare('UPDATE leads SET crm_id = ?, crm_type = ?, updated_at = ? WHERE id = ?').run(crmId, crmType, Date.now(), id);
  }

  /** The idempotency record: these leads are being written in `batch`; set before the CRM is called. */
  markSending(ids: number[], batch: string): void {
    const stmt = this.db.prepare("UPDATE leads SET crm_status = 'sending', crm_batch = ? WHERE id = ?");
    for (const id of ids) stmt.run(batch, id);
  }

  markSynced(id: number, crmId: string, crmType: 'Lead' | 'Contact', note: string | null = null, now = Date.now()): void {
    this.db
      .prepare("UPDATE leads SET crm_status = 'synced', crm_id = ?, crm_type = ?, crm_error = ?, crm_batch = NULL, crm_synced_at = ?, updated_at = ? WHERE id = ?")
      .run(crmId, crmType, note, now, now, id);
  }

  markFailed(id: number, error: string): void {
    this.db.prepare("UPDATE leads SET crm_status = 'failed', crm_error = ?, crm_batch = NULL, updated_at = ? WHERE id = ?").run(error, Date.now(), id);
  }

  /** Back to pending: the write did not happen (a limit stopped it before the call). */
  unmarkSending(ids: number[]): void {
    const stmt = this.db.prepare("UPDATE leads SET crm_status = 'pending', crm_batch = NULL WHERE id = ? AND crm_status = 'sending'");
    for (const id of ids) stmt.run(id);
  }

  list(opts: { limit: number; status?: CrmStatus }): StoredLead[] {
    return (this.db.prepare('SELECT * FROM leads WHERE (? IS NULL OR crm_status = ?) ORDER BY id DESC LIMIT ?').all(opts.status ?? null, opts.status ?? null, opts.limit) as Row[]).map(fromRow);
  }

  setSummary(id: number, summary: string): void {
    this.db.prepare('UPDATE leads SET summary = ?, updated_at = ? WHERE id = ?').run(summary, Date.now(), id);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM leads WHERE id = ?').run(id);
  }
}
