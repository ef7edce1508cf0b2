import { emailKey } from '../agents/bizdev/leads/dedup-key';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import type { StoredLead } from '../store/leads';

/** A lead by its local id or its email address. */
export function findLead(ctx: Context, ref: string): StoredLead {
  const leads = ctx.store().leads;
  const lead = /^\d+$/.test(ref) ? leads.get(Number(ref)) : ref.includes('@') ? leads.byEmailKey(emailKey(ref.trim().toLowerCase())) : undefined;
  if (!lead) throw new UsageError(`no lead ${ref}`, 'See them with: biz lead list');
  return lead;
}
