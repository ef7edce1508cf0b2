import { ActionsRepo } from './actions';
import { AuditRepo } from './audit';
import { openDatabase, type Db } from './db';
import { EventsRepo } from './events';
import { KvCache } from './kv-cache';
import { LeadFollowUpsRepo } from './lead-followups';
import { LeadImportsRepo } from './lead-imports';
import { LeadsRepo } from './leads';
import { LeasesRepo } from './leases';
import { MarketPostsRepo } from './market-posts';
import { MarketSchedulesRepo } from './market-schedules';
import { OutboxRepo } from './outbox';
import { RunsRepo } from './runs';

const HTTP_CACHE_MAX_AGE_MS = 24 * 3600_000;

/** One tenant's local store. */
export class Store {
  readonly runs: RunsRepo;
  readonly events: EventsRepo;
  readonly actions: ActionsRepo;
  readonly modelCache: KvCache;
  readonly httpCache: KvCache;
  readonly audit: AuditRepo;
  readonly outbox: OutboxRepo;
  readonly leases: LeasesRepo;
  readonly marketPosts: MarketPostsRepo;
  readonly marketSchedules: MarketSchedulesRepo;
  readonly leads: LeadsRepo;
  readonly leadFollowUps: LeadFollowUpsRepo;
  readonly leadImports: LeadImportsRepo;

  constructor(readonly db: Db) {
    this.runs = new RunsRepo(db);
    this.events = new EventsRepo(db);
    this.actions = new ActionsRepo(db);
    this.modelCache = new KvCache(db, 'model');
    this.httpCache = new KvCache(db, 'http', HTTP_CACHE_MAX_AGE_MS);
    this.audit = new AuditRepo(db);
    this.outbox = new OutboxRepo(db);
    this.leases = new LeasesRepo(db);
    this.marketPosts = new MarketPostsRepo(db);
    this.marketSchedules = new MarketSchedulesRepo(db);
    this.leads = new LeadsRepo(db);
    this.leadFollowUps = new LeadFollowUpsRepo(db);
    this.leadImports = new LeadImportsRepo(db);
  }

  /** Runs fn in a write transaction that takes the lock up front, so a concurrent writer waits instead of failing. */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openStore(dir: string): Store {
  return new Store(openDatabase(dir));
}

export type { Db };
