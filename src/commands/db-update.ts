import { join, resolve } from 'node:path';
import { updateOfflineDb } from '../agents/security/scanners/deps';
import { DEFAULTS } from '../config/schema';
import type { Context } from '../core/context';
import { formatBytes, formatCount } from '../ui/format';
import { printInfo, printJson } from '../ui/messages';

export default async function dbUpdate(_args: string[], opts: { ecosystems: string; osvDb?: string; json?: boolean }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const dbDir = opts.osvDb ? resolve(opts.osvDb) : (ctx.config.values.osv?.dbDir ?? join(ctx.config.paths.cacheDir, 'osv'));
  const ecosystems = opts.ecosystems.split(',').map((e) => e.trim()).filter(Boolean);
  const baseUrl = ctx.config.values.osv?.dbUrl ?? DEFAULTS.osvDbUrl;
  if (!opts.json) printInfo(`downloading ${ecosystems.join(', ')} from ${baseUrl} into ${dbDir}`);
  const results = await updateOfflineDb({ baseUrl, dbDir, ecosystems });
  if (opts.json) printJson({ dbDir, results });
  else for (const r of results) printInfo(`✓ ${r.ecosystem}: ${formatCount(r.vulnerabilities)} advisories (${formatBytes(r.bytes)})`);
  return 0;
}
