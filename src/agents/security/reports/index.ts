import type { ScanReport } from '../report-model';
import { renderGitlab } from './gitlab';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import type { RenderOptions } from './options';
import { renderSarif } from './sarif';
import { renderTable } from './table';

export const REPORT_FORMATS = ['table', 'md', 'json', 'sarif', 'gitlab-sast', 'gitlab-secrets', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const RENDERERS: Record<ReportFormat, (report: ScanReport, opts: RenderOptions) => string> = {
  table: renderTable,
  md: renderMarkdown,
  json: renderJson,
  sarif: renderSarif,
  'gitlab-sast': (report) => renderGitlab(report, 'sast'),
  'gitlab-secrets': (report) => renderGitlab(report, 'secret_detection'),
  html: renderHtml,
};

/** The report as text in one format; pure: the same report always gives the same text. */
export function renderReport(format: ReportFormat, report: ScanReport, opts: RenderOptions): string {
  return RENDERERS[format](report, opts);
}

export { jsonReportSchema, type JsonReport } from './json';
export type { RenderOptions } from './options';
