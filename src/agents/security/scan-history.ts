import type { Store } from '../../store';
import type { Finding } from './findings';

export interface StoredFinding {
  fingerprint: string;
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  title: string;
}

/** Findings of each scan run, kept so a later scan can say what is new and what was fixed (--compare). */
export function saveScanFindings(store: Store, runId: string, findings: Finding[]): void {
  const insert = store.db.prepare(
    'INSERT OR IGNORE INTO scan_findings (run_id, fingerprint, rule_id, severity, file, line, title) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  store.write(() => {
    for (const f of findings) insert.run(runId, f.commit ? `${f.fingerprint}@${f.commit}` : f.fingerprint, f.ruleId, f.severity, f.file, f.line, f.title);
  });
}

export function loadScanFindings(store: Store, runId: string): StoredFinding[] {
  return store.db
    .prepare('SELECT fingerprint, rule_id AS ruleId, severity, file, line, title FROM scan_findings WHERE run_id = ? ORDER BY file, line')
    .all(runId) as StoredFinding[];
}

export function compareFindings(before: StoredFinding[], now: StoredFinding[]): { added: StoredFinding[]; fixed: StoredFinding[] } {
  const old = new Set(before.map((f) => f.fingerprint));
  const current = new Set(now.map((f) => f.fingerprint));
  return { added: now.filter((f) => !old.has(f.fingerprint)), fixed: before.filter((f) => !current.has(f.fingerprint)) };
}
