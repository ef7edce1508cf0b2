import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db';
import { openStore } from '../../src/store';
import { MIGRATIONS } from '../../src/store/migrations';
import { ROOT, run, tempDir } from '../helpers';

describe('store', () => {
  it('creates the schema in WAL mode with the latest version', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['runs', 'run_events', 'actions', 'cache', 'audit_log', 'outbox', 'scan_findings']));
    db.close();
  });

  it('refuses a database from a newer biz and leaves it untouched', () => {
    const dir = tempDir();
    const raw = new Database(join(dir, 'biz.db'));
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    expect(() => openDatabase(dir)).toThrow(/written by a newer biz \(schema \d+, this biz knows \d+\); nothing was changed/);
    const after = new Database(join(dir, 'biz.db'));
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'runs'").get()).toBeUndefined();
    after.close();
  });

  it('backs up an older database before migrating it', () => {
    const dir = tempDir();
    const raw = new Database(join(dir, 'biz.db'));
    raw.exec(MIGRATIONS[0]);
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO runs (id, agent, status, input, started_at) VALUES ('r1', 'security', 'succeeded', '{}', 1)").run();
    raw.close();
    const db = openDatabase(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    const backups = readdirSync(dir).filter((f) => f.startsWith('biz.db.backup-v1-'));
    expect(backups).toHaveLength(1);
    const backup = new Database(join(dir, backups[0]), { readonly: true });
    expect(backup.prepare('SELECT id FROM runs').pluck().all()).toEqual(['r1']);
    backup.close();
  });

  it('the action ledger keeps the first proposal of a key', () => {
    const store = openStore(tempDir());
    store.runs.create({ id: 'r', agent: 'test', input: {} });
    store.actions.propose({ idempotencyKey: 'k', runId: 'r', kind: 'post', target: 'x', preview: 'first' });
    store.actions.setStatus('k', 'executed', { result: { id: 1 } });
    const again = store.actions.propose({ idempotencyKey: 'k', runId: 'r', kind: 'post', target: 'x', preview: 'second' });
    expect(again.status).toBe('executed');
    expect(again.preview).toBe('first');
    expect(again.result).toEqual({ id: 1 });
    store.close();
  });

  it('two processes writing at once never fail with SQLITE_BUSY', async () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const writer = join(ROOT, 'test/support/store-writer.ts');
    const env = { PATH: process.env.PATH };
    const procs = ['a', 'b', 'c'].map((name) => run(process.execPath, ['--import', 'tsx', writer, dir, name, '400'], { env }));
    const results = await Promise.all(procs);
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const db = new Database(join(dir, 'biz.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM run_events').pluck().get()).toBe(1200);
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(3);
    expect(db.prepare('SELECT sum(input_tokens) FROM runs').pluck().get()).toBe(1200);
    db.close();
    expect(existsSync(join(dir, 'biz.db'))).toBe(true);
  });
});
