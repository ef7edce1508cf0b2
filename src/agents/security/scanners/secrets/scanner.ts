import { findingFor, type FileScanner, type Finding, type SourceFile } from '../../findings';
import { SecretDetector, type SecretHit } from './engine';
import { LineIndex } from './line-index';
import { maskedSnippet } from './mask';
import type { SecretAllowlist, SecretRule } from './rule';
import { SECRET_RULES } from './rules/index';

/** Files that cannot hold a readable secret, or whose high-entropy content is checksums (lockfiles). */
const SKIPPED_PATHS = [
  /\.(?:png|jpe?g|gif|bmp|ico|webp|tiff?|svgz|eot|[ot]tf|woff2?|mp[34]|mov|avi|webm|wav|flac|ogg|pdf|docx?|xlsx?|pptx?|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|exe|dll|so|dylib|o|a|pdb|wasm|pyc|node)$/i,
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb|deno\.lock|Cargo\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|composer\.lock|Gemfile\.lock|go\.sum|packages\.lock\.json)$/,
];

export interface SecretsScannerOptions {
  /** Rules added to the built-in ones (e.g. from .gitleaks.toml). */
  extraRules?: SecretRule[];
  /** Allowlists that apply to every rule (gitleaks' global [allowlist]). */
  allowlists?: SecretAllowlist[];
}

export function createSecretsScanner(opts: SecretsScannerOptions = {}): FileScanner {
  const rules = [...SECRET_RULES, ...(opts.extraRules ?? [])];
  const detector = new SecretDetector(rules, opts.allowlists);
  return {
    name: 'secrets',
    rules: rules.map((r) => r.meta),
    accepts: (path) => !SKIPPED_PATHS.some((p) => p.test(path)),
    scan: (file) => findingsFor(file, detector.detect(file)),
  };
}

function findingsFor(file: SourceFile, hits: SecretHit[]): Finding[] {
  if (hits.length === 0) return [];
  const lines = new LineIndex(file.text);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const hit of hits.sort((a, b) => a.start - b.start)) {
    const line = lines.lineOf(hit.start);
    const key = `${hit.rule.meta.id}\0${line}\0${hit.secret}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const endLine = lines.lineOf(hit.end - 1);
    const { meta } = hit.rule;
    findings.push(
      findingFor(
        meta,
        {
          file: file.path,
          line,
          column: lines.columnOf(hit.start, line),
          endLine: endLine === line ? undefined : endLine,
          snippet: maskedSnippet(lines.lineText(line), lines.lineStart(line), hits, hit.start),
          matched: hit.secret,
        },
        `${meta.title} found in ${file.path}. ${meta.fix}`,
      ),
    );
  }
  return findings;
}
