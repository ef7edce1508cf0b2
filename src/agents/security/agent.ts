import type { Agent } from '../runtime/agent';
import { buildSecurityGraph } from './graph';
import type { ScanReport } from './report-model';
import { scanInput, type ScanInput, type TriageNote } from './state';

export interface ScanResult {
  report: ScanReport;
  triage: TriageNote[];
}

export const securityAgent: Agent<ScanInput> = {
  name: 'security',
  summary: 'scans a repository for secrets, vulnerable dependencies, dangerous code and risky infrastructure files',
  entitlement: 'agent:security',
  role: 'biz:scan',
  input: scanInput,
  build: buildSecurityGraph,
  result(state): ScanResult {
    const report = state.report as ScanReport;
    // Dates come back from the checkpoint as strings.
    return { report: { ...report, startedAt: new Date(report.startedAt), finishedAt: new Date(report.finishedAt) }, triage: (state.triageNotes as TriageNote[]) ?? [] };
  },
};
