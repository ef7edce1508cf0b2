import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileScanner, RuleMeta, ScannerName, ScanWarning } from '../findings';
import { createCodeScanner } from './code';
import { createInfraScanner } from './infra';
import { createSecretsScanner, loadGitleaksRules } from './secrets';

export const CONTENT_SCANNERS = ['secrets', 'code', 'infrastructure'] as const;
export const ALL_SCANNERS: ScannerName[] = ['secrets', 'dependencies', 'code', 'infrastructure'];

export interface ContentScannerOptions {
  enabled: ScannerName[];
  /** A repository's own .gitleaks.toml, added to the secret rules. */
  gitleaks?: { file: string; text: string };
}

/** The per-file scanners a scan runs, built the same way in every worker thread. */
export function createContentScanners(opts: ContentScannerOptions): { scanners: FileScanner[]; warnings: ScanWarning[] } {
  const warnings: ScanWarning[] = [];
  const scanners: FileScanner[] = [];
  if (opts.enabled.includes('secrets')) {
    const extra = opts.gitleaks ? loadGitleaksRules(opts.gitleaks.text, opts.gitleaks.file) : undefined;
    if (extra) warnings.push(...extra.warnings.map((message) => ({ file: opts.gitleaks!.file, message })));
    scanners.push(createSecretsScanner({ extraRules: extra?.rules, allowlists: extra?.allowlists }));
  }
  if (opts.enabled.includes('code')) scanners.push(createCodeScanner());
  if (opts.enabled.includes('infrastructure')) scanners.push(createInfraScanner());
  return { scanners, warnings };
}

export function contentRules(opts: ContentScannerOptions): RuleMeta[] {
  return createContentScanners(opts).scanners.flatMap((s) => s.rules);
}

/** Reads a repository's .gitleaks.toml once in the main thread: a broken one becomes a warning, not a failed scan. */
export function readGitleaksConfig(root: string): { config?: { file: string; text: string }; warnings: ScanWarning[] } {
  const path = join(root, '.gitleaks.toml');
  if (!existsSync(path)) return { warnings: [] };
  const config = { file: '.gitleaks.toml', text: readFileSync(path, 'utf8') };
  try {
    const { warnings } = createContentScanners({ enabled: ['secrets'], gitleaks: config });
    return { config, warnings };
  } catch (err) {
    return { warnings: [{ file: config.file, message: `${(err as Error).message}; its rules are not used` }] };
  }
}
