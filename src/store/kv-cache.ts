import type { Db } from './db';

export type CacheKind = 'model' | 'http';

/** A string cache in the store (model responses, HTTP lookups such as OSV advisories), one namespace per kind. */
export class KvCache {
  constructor(
    private readonly db: Db,
    private readonly kind: CacheKind,
    private readonly maxAgeMs = Infinity,
  ) {}

  get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value, created_at FROM cache WHERE kind = ? AND key = ?').get(this.kind, key) as
      | { value: string; created_at: number }
      | undefined;
    if (!row || Date.now() - row.created_at > this.maxAgeMs) return undefined;
    return row.value;
  }

  put(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO cache (kind, key, value, created_at) VALUES (?, ?, ?, ?)').run(this.kind, key, value, Date.now());
  }
}
