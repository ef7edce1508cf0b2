import type { RunContext } from '../../runtime/context';
import type { ScanWarning } from '../findings';
import { loadPolicy } from '../policy';
import { scanWithPool } from '../scan-pool';
import { readGitleaksConfig } from '../scanners';
import { isLockfile } from '../scanners/deps';
import type { ScanStateType } from '../state';
import { buildSuppressions, readBaseline } from '../suppressions';
import { walkTree, type WalkedFile } from '../walk';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** One walk of the tree: content scanners run on every file in worker threads; lockfiles are noted on the way. */
export function filesNode(ctx: RunContext) {
  return async (state: ScanStateType): Promise<Partial<ScanStateType>> => {
    const { input } = state;
    const policy = loadPolicy(input.root, input.policy);
    const suppressions = buildSuppressions(input.root, policy, input.baseline ? readBaseline(input.baseline) : new Set());
    const warnings: ScanWarning[] = [];
    let ignored = 0;
    const lockfiles: string[] = [];
    const wantsLockfiles = input.scanners.includes('dependencies');
    const walk = walkTree(input.root, {
      gitignore: input.gitignore,
      extraIgnores: suppressions.pathPatterns,
      warn: (w) => warnings.push(w),
      onIgnored: () => ignored++,
    });
    function* noteLockfiles(files: Iterable<WalkedFile>) {
      for (const f of files) {
        if (wantsLockfiles && isLockfile(f.rel)) lockfiles.push(f.rel);
        yield f;
      }
    }
    const gitleaks = readGitleaksConfig(input.root);
    warnings.push(...gitleaks.warnings);
    const enabled = input.scanners.filter((s) => s !== 'dependencies');
    const result = await scanWithPool(noteLockfiles(walk), { scanners: { enabled, gitleaks: gitleaks.config }, maxBytes: MAX_FILE_BYTES }, ctx.signal);
    return {
      findings: result.findings,
      warnings: [...warnings, ...result.warnings],
      stats: result.stats,
      lockfiles: lockfiles.sort(),
      ignoredPaths: ignored,
    };
  };
}
