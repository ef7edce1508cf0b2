import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { nextOccurrence } from '../agents/marketing/schedule';
import type { Context } from '../core/context';
import { nowMs } from '../core/clock';
import { UsageError } from '../core/errors';
import { printJson } from '../ui/messages';

interface AddFlags {
  campaign?: string;
  briefFile?: string;
  variants?: string;
  autoApproveAbove?: string;
  json?: boolean;
}

export default async function marketScheduleAdd([cron]: string[], flags: AddFlags, context: () => Promise<Context>): Promise<number> {
  if (!flags.campaign) throw new UsageError('--campaign is required', 'e.g. biz market schedule add "0 9 * * 1-5" --campaign launch --brief-file brief.md');
  if (!flags.briefFile) throw new UsageError('--brief-file is required: the brief each occurrence drafts from');
  const ctx = await context();
  const briefFile = resolve(ctx.cwd, flags.briefFile);
  if (!existsSync(briefFile) || !statSync(briefFile).isFile()) throw new UsageError(`--brief-file ${flags.briefFile}: no such file`);
  const variants = flags.variants === undefined ? 1 : Number(flags.variants);
  if (!Number.isInteger(variants) || variants < 1 || variants > 5) throw new UsageError(`--variants must be a whole number from 1 to 5, not "${flags.variants}"`);
  const autoApproveAbove = flags.autoApproveAbove === undefined ? undefined : Number(flags.autoApproveAbove);
  if (autoApproveAbove !== undefined && (!Number.isInteger(autoApproveAbove) || autoApproveAbove < 0 || autoApproveAbove > 100)) {
    throw new UsageError(`--auto-approve-above must be a score from 0 to 100, not "${flags.autoApproveAbove}"`);
  }
  const now = nowMs(ctx.env);
  let next: number | undefined;
  try {
    next = await nextOccurrence(cron, now);
  } catch (err) {
    throw new UsageError(`"${cron}" is not a cron expression: ${(err as Error).message.replace(/^CronPattern: /, '')}`, 'Five fields: minute hour day-of-month month day-of-week, e.g. "0 9 * * 1-5" (09:00 on weekdays)');
  }
  if (next === undefined) throw new UsageError(`"${cron}" never fires`);
  const schedule = ctx.store().marketSchedules.add({ cron, campaign: flags.campaign, briefFile, variants, autoApproveAbove }, now);
  if (flags.json) printJson({ ...schedule, nextAt: next });
  else {
    process.stdout.write(`schedule ${schedule.id}: "${cron}" for ${flags.campaign}, next at ${new Date(next).toISOString()}\n`);
    process.stderr.write('Drafts are made by `biz market schedule run`; see `biz market schedule install` for the cron line.\n');
  }
  return 0;
}
