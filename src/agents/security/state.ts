import { Annotation } from '@langchain/langgraph';
import { z } from 'zod';
import type { Finding, ScanWarning } from './findings';
import type { ScanReport, TriageNote } from './report-model';
import { emptyStats, type FileStats } from './scan-file';

export const scanInput = z.object({
  root: z.string().min(1),
  scanners: z.array(z.enum(['secrets', 'dependencies', 'code', 'infrastructure'])).min(1),
  offline: z.boolean().default(false),
  osvDb: z.string().optional(),
  osvApiUrl: z.string(),
  history: z.boolean().default(false),
  since: z.string().optional(),
  baseline: z.string().optional(),
  gitignore: z.boolean().default(true),
  policy: z.string().optional(),
  failOn: z.enum(['info', 'low', 'medium', 'high', 'critical', 'none']),
  triage: z.boolean().default(false),
  cache: z.boolean().default(true),
});
export type ScanInput = z.infer<typeof scanInput>;

const append = <T>() => Annotation<T[]>({ reducer: (a, b) => a.concat(b), default: () => [] });

export const ScanState = Annotation.Root({
  input: Annotation<ScanInput>(),
  startedAt: Annotation<string>(),
  findings: append<Finding>(),
  warnings: append<ScanWarning>(),
  lockfiles: Annotation<string[]>({ reducer: (_a, b) => b, default: () => [] }),
  stats: Annotation<FileStats>({ reducer: (_a, b) => b, default: emptyStats }),
  ignoredPaths: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  dependencyRules: append<import('./findings').RuleMeta>(),
  triageNotes: Annotation<TriageNote[]>({ reducer: (_a, b) => b, default: () => [] }),
  report: Annotation<ScanReport | undefined>({ reducer: (_a, b) => b, default: () => undefined }),
});
export type ScanStateType = typeof ScanState.State;
