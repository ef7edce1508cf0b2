import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULTS } from '../../config/schema';
import type { Context } from '../../core/context';
import { UsageError } from '../../core/errors';
import { packageRoot } from '../runtime/templates';
import { loadSequence } from './leads/sequence';
import type { LeadInput } from './state';

/**
 * The follow-up sequence new leads join: a path, or a name looked up in .biz/sequences/ and then in biz's own
 * templates/sequences/. `false` (--no-sequence) enrolls nobody. Loaded here so a bad file is a usage error.
 */
export function sequenceFileFor(ctx: Context, flag: string | boolean | undefined): string | undefined {
  if (flag === false) return undefined;
  const name = typeof flag === 'string' ? flag : (ctx.config.values.lead?.sequence ?? DEFAULTS.leadSequence);
  const candidates = /[/\\]|\.ya?ml$/.test(name) ? [resolve(ctx.cwd, name)] : [join(ctx.cwd, '.biz', 'sequences', `${name}.yaml`), join(packageRoot(), 'templates', 'sequences', `${name}.yaml`)];
  const file = candidates.find((c) => existsSync(c));
  if (!file) throw new UsageError(`no follow-up sequence "${name}"`, `Looked for ${candidates.join(' and ')}. Give a file with --sequence, or --no-sequence.`);
  try {
    loadSequence(file);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return file;
}

/** What every lead run shares: the CRM if one is connected, the sequence, the bulk threshold, the default country. */
export async function leadInputBase(ctx: Context, flags: { sequence?: string | boolean; country?: string }): Promise<Pick<LeadInput, 'crm' | 'sequenceFile' | 'bulkThreshold' | 'defaultCountry'>> {
  const { salesforceConnection } = await import('../../integrations/connections');
  const country = flags.country ?? ctx.config.values.lead?.defaultCountry;
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) throw new UsageError(`--country must be a two-letter country code such as US, not "${country}"`);
  return {
    crm: Boolean(await salesforceConnection(ctx)),
    sequenceFile: sequenceFileFor(ctx, flags.sequence),
    bulkThreshold: ctx.config.values.salesforce?.bulkThreshold ?? DEFAULTS.salesforceBulkThreshold,
    defaultCountry: country,
  };
}
