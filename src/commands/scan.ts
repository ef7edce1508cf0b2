import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULTS } from '../config/schema';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { writeFileAtomic } from '../config/files';
import { securityAgent } from '../agents/security/agent';
import { severityAtLeast, type ScannerName, type Severity } from '../agents/security/findings';
import { loadPolicy } from '../agents/security/policy';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../agents/security/reports';
import type { ScanReport } from '../agents/security/report-model';
import { compareRuns, saveScanFindings } from '../agents/security/scan-history';
import { ALL_SCANNERS } from '../agents/security/scanners';
import { printWarning } from '../ui/messages';
import { runAgentSession } from './agent-session';
import { findRun } from './find-run';

interface ScanFlags {
  format?: string;
  output?: string[];
  failOn?: Severity | 'none';
  scanners?: string;
  offline?: boolean;
  osvDb?: string;
  history?: boolean;
  since?: string;
  baseline?: string;
  compare?: string;
  ignore?: boolean;
  policy?: string;
  triage?: boolean;
  cache?: boolean;
  json?: boolean;
}

function parseScanners(list: string | undefined): ScannerName[] {
  if (!list) return ALL_SCANNERS;
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !ALL_SCANNERS.includes(n as ScannerName));
  if (unknown.length || names.length === 0) throw new UsageError(`--scanners: unknown scanner "${unknown[0] ?? list}"`, `Choose from ${ALL_SCANNERS.join(', ')}.`);
  return names as ScannerName[];
}

/** Pairs formats with destinations: `-f table,sarif -o - -o biz.sarif`; a format without an -o goes to stdout. */
function outputsFor(flags: ScanFlags, ctx: Context): { format: ReportFormat; file?: string }[] {
  const formats = (flags.json ? 'json' : (flags.format ?? ctx.config.values.scan?.format ?? 'table')).split(',').map((f) => f.trim());
  const known = (f: string): f is ReportFormat => (REPORT_FORMATS as readonly string[]).includes(f);
  const unknown = formats.find((f) => !known(f));
  if (unknown !== undefined) throw new UsageError(`--format: unknown format "${unknown}"`, `Choose from ${REPORT_FORMATS.join(', ')}.`);
  const files = flags.output ?? [];
  if (files.length > formats.length) throw new UsageError(`${files.length} -o files for ${formats.length} format(s)`, 'Give one --format per -o, e.g. -f table,sarif -o - -o biz.sarif');
  const outputs = formats.filter(known).map((format, i) => ({ format, file: files[i] === '-' ? undefined : files[i] }));
  if (outputs.filter((o) => !o.file).length > 1) throw new UsageError('more than one format would go to stdout', 'Send the others to files with -o.');
  return outputs;
}

export default async function scan([path = '.']: string[], flags: ScanFlags, context: () => Promise<Context>): Promise<number> {
  const root = resolve(path);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${path} is not a directory`, 'Give the repository directory to scan, e.g. biz scan .');
  const ctx = await context();
  const outputs = outputsFor(flags, ctx);
  const policy = loadPolicy(root, flags.policy);
  const failOn = flags.failOn ?? policy.failOn ?? ctx.config.values.scan?.failOn ?? DEFAULTS.failOn;
  const previous = flags.compare ? findRun(ctx, flags.compare) : undefined;
  if (previous && previous.agent !== 'security') throw new UsageError(`--compare ${flags.compare}: run ${previous.id} is not a scan`);

  const outcome = await runAgentSession(ctx, securityAgent, {
    input: {
      root,
      scanners: parseScanners(flags.scanners),
      offline: Boolean(flags.offline),
      osvDb: flags.osvDb ? resolve(flags.osvDb) : undefined,
      osvApiUrl: ctx.config.values.osv?.apiUrl ?? DEFAULTS.osvApiUrl,
      history: Boolean(flags.history),
      since: flags.since,
      baseline: flags.baseline ? resolve(flags.baseline) : undefined,
      gitignore: flags.ignore !== false,
      policy: flags.policy ? resolve(flags.policy) : undefined,
      failOn,
      triage: Boolean(flags.triage),
      cache: flags.cache !== false,
    },
  });
  const store = ctx.store();
  saveScanFindings(store, outcome.runId, (outcome.result as ScanReport).findings);
  const report: ScanReport = { ...(outcome.result as ScanReport), ...(previous ? { comparison: compareRuns(store, previous.id, outcome.runId) } : {}) };

  for (const w of report.warnings) printWarning(`${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
  for (const { format, file } of outputs) {
    const text = renderReport(format, report, { color: !file && ctx.output.color, width: process.stdout.columns });
    if (file) writeFileAtomic(resolve(file), text);
    else process.stdout.write(text);
  }
  return failOn !== 'none' && report.findings.some((f) => severityAtLeast(f.severity, failOn)) ? 1 : 0;
}
