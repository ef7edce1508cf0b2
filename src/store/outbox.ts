import type { Db } from './db';

/** Events waiting to be published to Kafka in team mode (transactional outbox: written with the data they describe). */
export class OutboxRepo {
  constructor(private readonly db: Db) {}

  add(topic: string, key: string | null, payload: unknown): void {
    this.db.prepare('INSERT INTO outbox (ts, topic, key, payload) VALUES (?, ?, ?, ?)').run(Date.now(), topic, key, JSON.stringify(payload));
  }

  pending(limit = 500): { id: number; topic: string; key: string | null; payload: unknown }[] {
    const rows = this.db.prepare('SELECT id, topic, key, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?').all(limit) as {
      id: number;
      topic: string;
      key: string | null;
      payload: string;
    }[];
    return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) }));
  }

  markPublished(ids: number[]): void {
    const stmt = this.db.prepare('UPDATE outbox SET published_at = ? WHERE id = ?');
    const now = Date.now();
    this.db.transaction(() => ids.forEach((id) => stmt.run(now, id))).immediate();
  }
}
