import { VERSION } from '../../../core/version';
import type { RunContext } from '../../runtime/context';
import { evaluateCompliance } from '../compliance';
import { SEVERITIES, type Finding, type RuleMeta } from '../findings';
import { addedLinesSince, headCommit, isNewSince } from '../git';
import { loadPolicy } from '../policy';
import { contentRules } from '../scanners';
import type { ScanStateType } from '../state';
import { buildSuppressions, readBaseline } from '../suppressions';

const bySeverityThenPlace = (a: Finding, b: Finding) =>
  SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId);

/** Applies every suppression, --since, then the policy's controls, and assembles the report. */
export function finalizeNode(_ctx: RunContext) {
  return async (state: ScanStateType): Promise<Partial<ScanStateType>> => {
    const { input } = state;
    const policy = loadPolicy(input.root, input.policy);
    const suppressions = buildSuppressions(input.root, policy, input.baseline ? readBaseline(input.baseline) : new Set());
    const changes = input.since ? await addedLinesSince(input.root, input.since) : undefined;

    const seen = new Set<string>();
    const kept: Finding[] = [];
    let suppressed = state.stats.suppressed;
    for (const f of state.findings) {
      const key = `${f.fingerprint}@${f.commit ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (suppressions.suppresses(f) || (changes && !f.commit && !isNewSince(f, changes))) suppressed++;
      else kept.push(f);
    }
    kept.sort(bySeverityThenPlace);

    const failOn = input.failOn;
    const known = new Map<string, RuleMeta>();
    for (const r of [...contentRules({ enabled: input.scanners }), ...state.dependencyRules]) known.set(r.id, r);
    const used = new Set(kept.map((f) => f.ruleId));
    return {
      report: {
        tool: { name: 'biz', version: VERSION, informationUri: 'https://www.npmjs.com/package/bizagents' },
        root: input.root,
        startedAt: new Date(state.startedAt),
        finishedAt: new Date(),
        commitSha: await headCommit(input.root),
        findings: kept,
        rules: [...known.values()].filter((r) => used.has(r.id)),
        compliance: evaluateCompliance(input.root, policy, kept, failOn, suppressions.expired),
        warnings: state.warnings,
        summary: {
          filesScanned: state.stats.scanned,
          bytesScanned: state.stats.bytes,
          skipped: { binary: state.stats.binary, large: state.stats.large, minified: state.stats.minified, unreadable: state.stats.unreadable, ignored: state.ignoredPaths },
          suppressed,
        },
      },
    };
  };
}
