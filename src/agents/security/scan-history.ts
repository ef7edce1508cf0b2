import type { Store } from '../../store';
import type { Finding } from './findings';
import type { ComparedFinding, ScanComparison } from './report-model';

/** Findings of each scan run, kept so a later scan can say what is new and what was fixed (--compare). */
export function saveScanFindings(store: Store, runId: string, findings: Finding[]): void {
  const insert = store.db.prepare(
    'INSERT OR IGNORE INTO scan_findings (run_id, fingerprint, rule_id, severity, file, line, title) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  store.write(() => {
    for (const f of findings) insert.run(runId, f.commit ? `${f.fingerprint}@${f.commit}` : f.fingerprint, f.ruleId, f.severity, f.file, f.line, f.title);
  });
}

function loadScanFindings(store: Store, runId: string): ComparedFinding[] {
  return store.db
    .prepare('SELECT fingerprint, rule_id AS ruleId, severity, file, line, title FROM scan_findings WHERE run_id = ? ORDER BY file, line')
    .all(runId) as ComparedFinding[];
}

export function compareRuns(store: Store, before: string, now: string): ScanComparison {
  const earlier = loadScanFindings(store, before);
  const current = loadScanFindings(store, now);
  const old = new Set(earlier.map((f) => f.fingerprint));
  const still = new Set(current.map((f) => f.fingerprint));
  return { against: before, added: current.filter((f) => !old.has(f.fingerprint)), fixed: earlier.filter((f) => !still.has(f.fingerprint)) };
}
