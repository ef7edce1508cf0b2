import type { Db } from './db';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Named leases: at most one process holds a name at a time (two overlapping cron runs of `biz market publish`). A
 * lease whose holder died, or that outlived its time, is taken over.
 */
export class LeasesRepo {
  constructor(private readonly db: Db) {}

  /** Takes the lease for ttlMs; returns the pid of the live holder when someone else has it. */
  acquire(name: string, ttlMs: number, now = Date.now()): { ok: true } | { ok: false; pid: number } {
    return this.db
      .transaction(() => {
        const held = this.db.prepare('SELECT pid, expires_at FROM leases WHERE name = ?').get(name) as { pid: number; expires_at: number } | undefined;
        if (held && held.pid !== process.pid && held.expires_at > now && alive(held.pid)) return { ok: false as const, pid: held.pid };
        this.db.prepare('INSERT INTO leases (name, pid, expires_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET pid = excluded.pid, expires_at = excluded.expires_at').run(name, process.pid, now + ttlMs);
        return { ok: true as const };
      })
      .immediate();
  }

  release(name: string): void {
    this.db.prepare('DELETE FROM leases WHERE name = ? AND pid = ?').run(name, process.pid);
  }
}
