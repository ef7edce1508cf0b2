import { join, resolve } from 'node:path';
import { ECOSYSTEMS, updateOfflineDb, type Ecosystem } from '../agents/security/scanners/deps';
import { DEFAULTS } from '../config/schema';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { formatBytes, formatCount } from '../ui/format';
import { printInfo, printJson } from '../ui/messages';

export default async function dbUpdate(_args: string[], opts: { ecosystems: string; osvDb?: string; json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const dbDir = opts.osvDb ? resolve(opts.osvDb) : (ctx.config.values.osv?.dbDir ?? join(ctx.config.paths.cacheDir, 'osv'));
  const ecosystems = opts.ecosystems.split(',').map((e) => e.trim()).filter(Boolean);
  const unknown = ecosystems.find((e) => !ECOSYSTEMS.includes(e as Ecosystem));
  if (unknown || ecosystems.length === 0) throw new UsageError(`--ecosystems: unknown ecosystem "${unknown ?? opts.ecosystems}"`, `Choose from ${ECOSYSTEMS.join(', ')}.`);
  const baseUrl = ctx.config.values.osv?.dbUrl ?? DEFAULTS.osvDbUrl;
  if (!opts.json) printInfo(`downloading ${ecosystems.join(', ')} from ${baseUrl} into ${dbDir}`);
  const results = await updateOfflineDb({ baseUrl, dbDir, ecosystems: ecosystems as Ecosystem[] });
  if (opts.json) printJson({ dbDir, results });
  else for (const r of results) printInfo(`✓ ${r.ecosystem}: ${formatCount(r.vulnerabilities)} advisories (${formatBytes(r.bytes)})`);
  return 0;
}
