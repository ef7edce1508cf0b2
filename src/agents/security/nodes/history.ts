import type { RunContext } from '../../runtime/context';
import { createContentScanners, readGitleaksConfig } from '../scanners';
import { scanGitHistory } from '../scanners/secrets';
import type { ScanStateType } from '../state';

/** --history: secrets in the added lines of every commit, each finding naming its commit. */
export function historyNode(_ctx: RunContext) {
  return async (state: ScanStateType): Promise<Partial<ScanStateType>> => {
    const { input } = state;
    const gitleaks = readGitleaksConfig(input.root);
    const [secrets] = createContentScanners({ enabled: ['secrets'], gitleaks: gitleaks.config }).scanners;
    try {
      return { findings: await scanGitHistory(input.root, secrets) };
    } catch (err) {
      return { warnings: [{ file: '.git', message: `history scan skipped: ${(err as Error).message}` }] };
    }
  };
}
