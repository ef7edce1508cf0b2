/** Numbered, append-only. Never edit a released migration: add the next one. */
export const MIGRATIONS: string[] = [
  // 1: runs, their events and actions; caches; audit log; team-mode outbox
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    agent TEXT NOT NULL,
    status TEXT NOT NULL,
    input TEXT NOT NULL,
    model TEXT,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL NOT NULL DEFAULT 0,
    error TEXT,
    result TEXT,
    pid INTEGER
  );
  CREATE INDEX runs_started ON runs(started_at);
  CREATE TABLE run_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    ts INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX run_events_run ON run_events(run_id, id);
  CREATE TABLE actions (
    idempotency_key TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    preview TEXT NOT NULL,
    status TEXT NOT NULL,
    result TEXT,
    error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX actions_run ON actions(run_id);
  CREATE TABLE cache (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts INTEGER NOT NULL,
    tenant TEXT NOT NULL,
    subject TEXT,
    run_id TEXT,
    event TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts INTEGER NOT NULL,
    topic TEXT NOT NULL,
    key TEXT,
    payload TEXT NOT NULL,
    published_at INTEGER
  );
  CREATE INDEX outbox_unpublished ON outbox(published_at) WHERE published_at IS NULL;
  `,
  // 2: findings of each scan run, for `biz scan --compare`
  `
  CREATE TABLE scan_findings (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    severity TEXT NOT NULL,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (run_id, fingerprint)
  );
  `,
];
