import { join } from 'node:path';
import type { RunContext } from '../../runtime/context';
import { createOfflineSource, createOsvApiSource, scanDependencies } from '../scanners/deps';
import type { ScanStateType } from '../state';

const OSV_TIMEOUT_MS = 15_000;

/**
 * Advisories for every package in the lockfiles the walk found: from the offline database with --offline or
 * --osv-db, else from the OSV API (cached in the store). When neither answers, one warning and the scan goes on.
 */
export function dependenciesNode(ctx: RunContext) {
  return async (state: ScanStateType): Promise<Partial<ScanStateType>> => {
    const { input } = state;
    if (state.lockfiles.length === 0) return {};
    const offlineDir = input.osvDb ?? (input.offline ? join(ctx.base.config.paths.cacheDir, 'osv') : undefined);
    const source = offlineDir
      ? createOfflineSource(offlineDir)
      : createOsvApiSource({
          baseUrl: input.osvApiUrl,
          cache: input.cache ? ctx.store.httpCache : { get: () => undefined, put: () => {} },
          timeoutMs: OSV_TIMEOUT_MS,
        });
    try {
      const result = await scanDependencies({ root: input.root, lockfiles: state.lockfiles, source });
      return { findings: result.findings, warnings: result.warnings, dependencyRules: result.rules };
    } catch (err) {
      const how = offlineDir ? '' : ` (scan offline with 'biz db update' then --offline, or set BIZ_OSV_API_URL to a mirror)`;
      return { warnings: [{ file: state.lockfiles[0], message: `dependency scan skipped: ${(err as Error).message}${how}` }] };
    }
  };
}
