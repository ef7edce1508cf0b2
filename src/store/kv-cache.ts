import type { Db } from './db';

/** A string cache in one of the store's cache tables (model responses, HTTP lookups such as OSV advisories). */
export class KvCache {
  constructor(
    private readonly db: Db,
    private readonly table: 'model_cache' | 'http_cache',
    private readonly maxAgeMs = Infinity,
  ) {}

  get(key: string): string | undefined {
    const row = this.db.prepare(`SELECT value, created_at FROM ${this.table} WHERE key = ?`).get(key) as
      | { value: string; created_at: number }
      | undefined;
    if (!row || Date.now() - row.created_at > this.maxAgeMs) return undefined;
    return row.value;
  }

  put(key: string, value: string): void {
    this.db.prepare(`INSERT OR REPLACE INTO ${this.table} (key, value, created_at) VALUES (?, ?, ?)`).run(key, value, Date.now());
  }
}
