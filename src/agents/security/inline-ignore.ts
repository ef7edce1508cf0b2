import type { Finding } from './findings';

const MARKER = /(?:biz:ignore|gitleaks:allow|nosec)(?:[ \t]+([a-z0-9/_*,.-]+))?/i;

/**
 * An inline suppression comment on the finding's line or the line above: `biz:ignore` (every rule) or
 * `biz:ignore secret/aws-access-key-id,js/eval-input`. `gitleaks:allow` is honoured too, so existing
 * suppressions keep working when a team moves to biz.
 */
export function suppressedInline(finding: Finding, lines: string[]): boolean {
  for (const index of [finding.line - 1, finding.line - 2]) {
    const line = lines[index];
    if (line === undefined) continue;
    const m = MARKER.exec(line);
    if (!m) continue;
    if (!m[1]) return true;
    const ids = m[1].split(',');
    if (ids.some((id) => id === finding.ruleId || (id.endsWith('*') && finding.ruleId.startsWith(id.slice(0, -1))))) return true;
  }
  return false;
}
