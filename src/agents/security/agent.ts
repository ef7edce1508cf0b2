import type { Agent } from '../runtime/agent';
import { buildSecurityGraph } from './graph';
import type { ScanReport, TriageNote } from './report-model';
import { scanInput, type ScanInput } from './state';

export const securityAgent: Agent<ScanInput> = {
  name: 'security',
  summary: 'scans a repository for secrets, vulnerable dependencies, dangerous code and risky infrastructure files',
  entitlement: 'agent:security',
  role: 'biz:scan',
  input: scanInput,
  build: buildSecurityGraph,
  result(state): ScanReport {
    const report = state.report as ScanReport;
    const triage = state.triageNotes as TriageNote[];
    // Dates come back from the checkpoint as strings.
    return { ...report, startedAt: new Date(report.startedAt), finishedAt: new Date(report.finishedAt), ...(triage.length ? { triage } : {}) };
  },
};
