import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { UsageError } from '../core/errors';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

const BUSY_TIMEOUT_MS = 15_000;

/**
 * Opens (and migrates) a store database. WAL lets readers and one writer work at once; busy_timeout plus
 * BEGIN IMMEDIATE for every write transaction means a second process waits for the lock instead of failing
 * with SQLITE_BUSY.
 */
export function openDatabase(dir: string, name = 'biz.db'): Db {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const fresh = !existsSync(path);
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  keepStatementsAlive(db);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, fresh);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * Node 24.19 made native object wrappers unregister a cleanup hook when V8 collects them, and that aborts the
 * process when the collection runs outside a JavaScript context (an idle GC, or at exit). better-sqlite3 12 (the
 * last line that supports Node 20) wraps every Statement that way, so no Statement may ever become garbage: each
 * SQL text is prepared once per connection and reused, which is faster anyway. Pragmas go through the same cache
 * (better-sqlite3 would prepare a fresh statement for each one), for our code and for the LangGraph checkpointer.
 */
function keepStatementsAlive(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const cached = (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      cache.set(sql, stmt);
    } else if (stmt.reader) {
      // A reused statement starts from the default row shape whatever its last user asked for.
      stmt.raw(false).pluck(false).expand(false);
    }
    return stmt;
  };
  db.prepare = cached as Db['prepare'];
  db.pragma = ((source: string, options?: { simple?: boolean }) => {
    const stmt = cached(`PRAGMA ${source}`);
    if (!stmt.reader) return stmt.run();
    return options?.simple ? stmt.pluck().get() : stmt.all();
  }) as Db['pragma'];
}

function migrate(db: Db, path: string, fresh: boolean): void {
  const latest = MIGRATIONS.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new UsageError(
      `${path} was written by a newer biz (schema ${current}, this biz knows ${latest}); nothing was changed`,
      'Upgrade biz (npm install -g bizagents@latest) or point BIZ_HOME at another directory.',
    );
  }
  if (current === latest) return;
  // VACUUM cannot run inside a transaction, so the backup is taken first.
  if (!fresh && current > 0) db.prepare('VACUUM INTO ?').run(`${path}.backup-v${current}-${Date.now()}`);
  db.transaction(() => {
    // Another process may have migrated while we waited for the write lock.
    const now = db.pragma('user_version', { simple: true }) as number;
    if (now >= latest) return;
    for (let v = now; v < latest; v++) db.exec(MIGRATIONS[v]);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}
