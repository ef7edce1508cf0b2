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
  // 3: the marketing agent's review queue and schedules; named leases so two cron runs never overlap
  `
  CREATE TABLE market_posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT,
    variant INTEGER NOT NULL DEFAULT 0,
    campaign TEXT,
    brief TEXT NOT NULL,
    status TEXT NOT NULL,
    parts TEXT NOT NULL,
    hashtags TEXT NOT NULL DEFAULT '[]',
    link TEXT,
    media_path TEXT,
    media_alt TEXT,
    score INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    reasons TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    approved_by TEXT,
    publish_at INTEGER,
    retry_at INTEGER,
    x_ids TEXT NOT NULL DEFAULT '[]',
    x_url TEXT,
    published_at INTEGER,
    slack_status TEXT,
    slack_ts TEXT,
    last_error TEXT,
    UNIQUE (run_id, variant)
  );
  CREATE INDEX market_posts_status ON market_posts(status, publish_at);
  CREATE TABLE market_schedules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cron TEXT NOT NULL,
    campaign TEXT NOT NULL,
    brief_file TEXT NOT NULL,
    variants INTEGER NOT NULL,
    auto_approve_above INTEGER,
    created_at INTEGER NOT NULL,
    fired_at INTEGER
  );
  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  `,
  // 4: the business-development agent's leads, their follow-ups, and import progress (rows read, rejected rows)
  `
  CREATE TABLE leads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL UNIQUE,
    name_key TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT NOT NULL,
    company TEXT NOT NULL,
    company_domain TEXT,
    title TEXT,
    phone TEXT,
    source TEXT,
    owner TEXT,
    notes TEXT,
    flags TEXT NOT NULL DEFAULT '[]',
    score INTEGER NOT NULL,
    grade TEXT NOT NULL,
    score_reasons TEXT NOT NULL DEFAULT '[]',
    summary TEXT,
    sequence TEXT,
    crm_status TEXT NOT NULL,
    crm_id TEXT,
    crm_type TEXT,
    crm_batch TEXT,
    crm_error TEXT,
    crm_synced_at INTEGER,
    run_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX leads_name ON leads(name_key);
  CREATE INDEX leads_crm ON leads(crm_status, id);
  CREATE TABLE lead_followups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    sequence TEXT NOT NULL,
    step INTEGER NOT NULL,
    type TEXT NOT NULL,
    subject TEXT NOT NULL,
    description TEXT NOT NULL,
    due TEXT NOT NULL,
    crm_task_id TEXT,
    crm_batch TEXT,
    notified_at INTEGER,
    UNIQUE (lead_id, sequence, step)
  );
  CREATE INDEX lead_followups_due ON lead_followups(due);
  CREATE TABLE lead_imports (
    run_id TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    rows_done INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    bulk_job TEXT
  );
  CREATE TABLE lead_rejects (
    run_id TEXT NOT NULL,
    row INTEGER NOT NULL,
    line INTEGER NOT NULL,
    reason TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (run_id, row)
  );
  `,
];
