import type { Db } from './db';
import { IDLE_QUERIES } from './idle-queries';

/** review: waits for a person; approved: goes out when due; published: on X; rejected: never goes out. */
export type PostStatus = 'review' | 'approved' | 'rejected' | 'published';
export type SlackStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface MarketPost {
  id: number;
  runId: string | null;
  campaign: string | null;
  brief: string;
  status: PostStatus;
  /** The post, or the posts of a thread in order. */
  parts: string[];
  hashtags: string[];
  link: string | null;
  mediaPath: string | null;
  mediaAlt: string | null;
  score: number;
  passed: boolean;
  reasons: string[];
  createdAt: number;
  updatedAt: number;
  approvedBy: string | null;
  /** Not before this time (approve --at). */
  publishAt: number | null;
  /** Not before this time either: X said so with a rate limit. */
  retryAt: number | null;
  /** Ids of the parts already on X, in order: a thread interrupted half-way resumes after the last one. */
  xIds: string[];
  xUrl: string | null;
  publishedAt: number | null;
  slackStatus: SlackStatus | null;
  slackTs: string | null;
  lastError: string | null;
}

export interface NewPost {
  runId: string;
  variant: number;
  campaign?: string;
  brief: string;
  status: 'review' | 'approved';
  parts: string[];
  hashtags: string[];
  link?: string;
  mediaPath?: string;
  mediaAlt?: string;
  score: number;
  passed: boolean;
  reasons: string[];
  approvedBy?: string;
}

interface PostRow {
  id: number;
  run_id: string | null;
  campaign: string | null;
  brief: string;
  status: PostStatus;
  parts: string;
  hashtags: string;
  link: string | null;
  media_path: string | null;
  media_alt: string | null;
  score: number;
  passed: number;
  reasons: string;
  created_at: number;
  updated_at: number;
  approved_by: string | null;
  publish_at: number | null;
  retry_at: number | null;
  x_ids: string;
  x_url: string | null;
  published_at: number | null;
  slack_status: SlackStatus | null;
  slack_ts: string | null;
  last_error: string | null;
}

const fromRow = (r: PostRow): MarketPost => ({
  id: r.id,
  runId: r.run_id,
  campaign: r.campaign,
  brief: r.brief,
  status: r.status,
  parts: JSON.parse(r.parts) as string[],
  hashtags: JSON.parse(r.hashtags) as string[],
  link: r.link,
  mediaPath: r.media_path,
  mediaAlt: r.media_alt,
  score: r.score,
  passed: r.passed === 1,
  reasons: JSON.parse(r.reasons) as string[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  approvedBy: r.approved_by,
  publishAt: r.publish_at,
  retryAt: r.retry_at,
  xIds: JSON.parse(r.x_ids) as string[],
  xUrl: r.x_url,
  publishedAt: r.published_at,
  slackStatus: r.slack_status,
  slackTs: r.slack_ts,
  lastError: r.last_error,
});

/** The marketing agent's review queue and publishing history. */
export class MarketPostsRepo {
  constructor(private readonly db: Db) {}

  /** Queues a draft; the same run and variant twice (a node run again after a crash) keeps the first. */
  add(p: NewPost, now = Date.now()): MarketPost {
    this.db
      .prepare(
        `INSERT INTO market_posts (run_id, variant, campaign, brief, status, parts, hashtags, link, media_path, media_alt, score, passed, reasons, approved_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(run_id, variant) DO NOTHING`,
      )
      .run(p.runId, p.variant, p.campaign ?? null, p.brief, p.status, JSON.stringify(p.parts), JSON.stringify(p.hashtags), p.link ?? null, p.mediaPath ?? null, p.mediaAlt ?? null, p.score, p.passed ? 1 : 0, JSON.stringify(p.reasons), p.approvedBy ?? null, now, now);
    const row = this.db.prepare('SELECT * FROM market_posts WHERE run_id = ? AND variant = ?').get(p.runId, p.variant) as PostRow;
    return fromRow(row);
  }

  get(id: number): MarketPost | undefined {
    const row = this.db.prepare('SELECT * FROM market_posts WHERE id = ?').get(id) as PostRow | undefined;
    return row && fromRow(row);
  }

  /** Drafts and approved posts still to go out, oldest first. */
  queue(campaign?: string): MarketPost[] {
    const rows = this.db
      .prepare(`SELECT * FROM market_posts WHERE status IN ('review', 'approved') AND (? IS NULL OR campaign = ?) ORDER BY id`)
      .all(campaign ?? null, campaign ?? null) as PostRow[];
    return rows.map(fromRow);
  }

  /** Approved posts whose time has come (and whose rate-limit wait is over). */
  due(now: number, campaign?: string): MarketPost[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM market_posts WHERE status = 'approved' AND (publish_at IS NULL OR publish_at <= ?) AND (retry_at IS NULL OR retry_at <= ?)
         AND (? IS NULL OR campaign = ?) ORDER BY COALESCE(publish_at, updated_at), id`,
      )
      .all(now, now, campaign ?? null, campaign ?? null) as PostRow[];
    return rows.map(fromRow);
  }

  /** Published posts whose Slack notice has not gone out yet. */
  noticesOwed(campaign?: string): MarketPost[] {
    const rows = this.db
      .prepare(`SELECT * FROM market_posts WHERE status = 'published' AND slack_status IN ('pending', 'failed') AND (? IS NULL OR campaign = ?) ORDER BY published_at, id`)
      .all(campaign ?? null, campaign ?? null) as PostRow[];
    return rows.map(fromRow);
  }

  /** Is anything waiting for `publish`? Answered with one indexed query, so an idle cron tick stays cheap. */
  hasWork(now: number): boolean {
    return this.db.prepare(IDLE_QUERIES['market publish']).get({ now }) !== undefined;
  }

  /** Published in the last `sinceMs`, newest first: what the model must not repeat and X would call a duplicate. */
  history(opts: { since?: number; limit?: number } = {}): MarketPost[] {
    const rows = this.db
      .prepare(`SELECT * FROM market_posts WHERE status = 'published' AND published_at >= ? ORDER BY published_at DESC, id DESC LIMIT ?`)
      .all(opts.since ?? 0, opts.limit ?? -1) as PostRow[];
    return rows.map(fromRow);
  }

  setStatus(id: number, status: PostStatus, extra: { approvedBy?: string | null; publishAt?: number | null } = {}, now = Date.now()): void {
    this.db
      .prepare('UPDATE market_posts SET status = ?, approved_by = ?, publish_at = ?, retry_at = NULL, updated_at = ? WHERE id = ?')
      .run(status, extra.approvedBy ?? null, extra.publishAt ?? null, now, id);
  }

  /** New text after an edit: scored again, and back to review (an edited post is approved anew). */
  revise(id: number, p: { parts: string[]; hashtags: string[]; link: string | null; score: number; passed: boolean; reasons: string[] }, now = Date.now()): void {
    this.db
      .prepare(`UPDATE market_posts SET parts = ?, hashtags = ?, link = ?, score = ?, passed = ?, reasons = ?, status = 'review', approved_by = NULL, updated_at = ? WHERE id = ?`)
      .run(JSON.stringify(p.parts), JSON.stringify(p.hashtags), p.link, p.score, p.passed ? 1 : 0, JSON.stringify(p.reasons), now, id);
  }

  /** One more part of the post is on X. */
  recordPart(id: number, xIds: string[], now = Date.now()): void {
    this.db.prepare('UPDATE market_posts SET x_ids = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(xIds), now, id);
  }

  markPublished(id: number, xUrl: string, slackStatus: SlackStatus, now = Date.now()): void {
    this.db
      .prepare(`UPDATE market_posts SET status = 'published', x_url = ?, published_at = ?, slack_status = ?, retry_at = NULL, last_error = NULL, updated_at = ? WHERE id = ?`)
      .run(xUrl, now, slackStatus, now, id);
  }

  deferUntil(id: number, retryAt: number, reason: string, now = Date.now()): void {
    this.db.prepare('UPDATE market_posts SET retry_at = ?, last_error = ?, updated_at = ? WHERE id = ?').run(retryAt, reason, now, id);
  }

  recordError(id: number, error: string, now = Date.now()): void {
    this.db.prepare('UPDATE market_posts SET last_error = ?, updated_at = ? WHERE id = ?').run(error, now, id);
  }

  setSlack(id: number, status: SlackStatus, ts: string | null, error: string | null = null, now = Date.now()): void {
    this.db.prepare('UPDATE market_posts SET slack_status = ?, slack_ts = COALESCE(?, slack_ts), last_error = ?, updated_at = ? WHERE id = ?').run(status, ts, error, now, id);
  }
}
