/**
 * "Is there anything to do?" for each cron entry, as one SQL query each: the repositories answer with them, and so
 * does the idle check that runs before the CLI loads (src/cron-idle.ts). Parameters: now (epoch ms), today (YYYY-MM-DD).
 */
export const IDLE_QUERIES = {
  'market publish': `SELECT 1 FROM market_posts WHERE (status = 'approved' AND (publish_at IS NULL OR publish_at <= @now) AND (retry_at IS NULL OR retry_at <= @now))
    OR (status = 'published' AND slack_status IN ('pending', 'failed')) LIMIT 1`,
  // Whether an occurrence is due needs the cron expression: any schedule at all means the full command decides.
  'market schedule run': 'SELECT 1 FROM market_schedules LIMIT 1',
  'lead followups run': `SELECT 1 FROM lead_followups f JOIN leads l ON l.id = f.lead_id
    WHERE (f.crm_task_id IS NULL AND l.crm_status = 'synced') OR (f.due <= @today AND f.notified_at IS NULL) LIMIT 1`,
} as const;

export type CronEntry = keyof typeof IDLE_QUERIES;
