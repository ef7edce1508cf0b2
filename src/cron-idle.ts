/**
 * The idle answer of the cron entries (`biz market publish`, `biz market schedule run`, `biz lead followups run`),
 * which run every few minutes and almost always have nothing to do. When the command line is only the command and
 * no config file can move the tenant, one read-only query on the tenant's database decides, before commander, the
 * config schema or the runtime load. Anything unusual (a flag, a config file naming a tenant, an older database, an
 * error) falls through to the full command, which then decides the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { findProjectConfig, resolvePaths, tenantDataDir } from './config/paths';
import { nowMs } from './core/clock';
import { IDLE_QUERIES, type CronEntry } from './store/idle-queries';
import { MIGRATIONS } from './store/migrations';

const TENANT = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** True when the command is a cron entry and there is certainly nothing for it to do. */
export function idleCronTick(argv: string[], env: NodeJS.ProcessEnv, cwd: string): boolean {
  const entry = argv.join(' ');
  if (!(entry in IDLE_QUERIES)) return false;
  try {
    const paths = resolvePaths(env);
    for (const file of [join(paths.configDir, 'config.yaml'), findProjectConfig(cwd)]) {
      if (file && existsSync(file) && readFileSync(file, 'utf8').includes('tenant')) return false;
    }
    const tenant = env.BIZ_TENANT || 'default';
    if (!TENANT.test(tenant)) return false;
    const dbFile = join(tenantDataDir(paths, tenant), 'biz.db');
    if (!existsSync(dbFile)) return true;
    const now = nowMs(env);
    const load = createRequire(import.meta.url);
    const Database = load('better-sqlite3') as typeof BetterSqlite3;
    // Naming the addon skips the `bindings` package's search of a dozen paths.
    const nativeBinding = load.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const db = new Database(dbFile, { readonly: true, fileMustExist: true, nativeBinding });
    try {
      if (db.pragma('user_version', { simple: true }) !== MIGRATIONS.length) return false;
      return db.prepare(IDLE_QUERIES[entry as CronEntry]).get({ now, today: new Date(now).toISOString().slice(0, 10) }) === undefined;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
