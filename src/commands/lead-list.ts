import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import type { CrmStatus } from '../store/leads';
import { printJson } from '../ui/messages';
import { renderTable } from '../ui/table';

const STATUSES: CrmStatus[] = ['local', 'pending', 'sending', 'synced', 'failed'];

export default async function leadList(_args: string[], flags: { limit?: string; status?: string; json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const limit = Number(flags.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not "${flags.limit}"`);
  if (flags.status && !STATUSES.includes(flags.status as CrmStatus)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
  const ctx = await context();
  const leads = ctx.store().leads.list({ limit, status: flags.status as CrmStatus | undefined });
  if (flags.json) {
    printJson(leads);
    return 0;
  }
  if (leads.length === 0) {
    process.stderr.write('no leads yet: biz lead add, biz lead import, biz lead from-text\n');
    return 0;
  }
  const rows = leads.map((l) => [String(l.id), [l.firstName, l.lastName].filter(Boolean).join(' '), l.company, l.title ?? '-', `${l.score} ${l.grade}`, l.crmStatus, l.crmId ?? '-']);
  process.stdout.write(renderTable(['ID', 'NAME', 'COMPANY', 'TITLE', 'SCORE', 'CRM', 'CRM ID'], rows));
  return 0;
}
