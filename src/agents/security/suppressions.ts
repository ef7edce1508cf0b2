import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../../core/errors';
import type { Finding } from './findings';
import { ignoreExpired, type Policy } from './policy';

export interface Suppressions {
  /** gitignore-syntax path patterns for the walker. */
  pathPatterns: string[];
  /** Decides for one finding; says why when it suppresses. */
  suppresses(f: Finding): string | undefined;
  /** Policy ignores past their expiry: they no longer apply, and compliance reports them. */
  expired: { reason: string; expires: string }[];
}

const FINGERPRINT = /^[a-z0-9-]+\/[^:\s]+:.+:[0-9a-f]{32}$/;

/** .bizignore: gitignore-style path lines, plus finding fingerprints (like .gitleaksignore) one per line. */
function readBizignore(root: string): { paths: string[]; fingerprints: string[] } {
  const path = join(root, '.bizignore');
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split(/\r?\n/) : [];
  const useful = lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return { paths: useful.filter((l) => !FINGERPRINT.test(l)), fingerprints: useful.filter((l) => FINGERPRINT.test(l)) };
}

/** A baseline is an earlier `biz scan --format json` report, or a plain list of fingerprints. */
export function readBaseline(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read baseline ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (text.trimStart().startsWith('{')) {
    try {
      const doc = JSON.parse(text) as { findings?: { fingerprint?: string }[] };
      if (!Array.isArray(doc.findings)) throw new Error('no "findings" array');
      return new Set(doc.findings.map((f) => f.fingerprint).filter((f): f is string => typeof f === 'string'));
    } catch (err) {
      throw new UsageError(`baseline ${path} is not a biz JSON report: ${(err as Error).message}`, 'Make one with: biz scan --format json -o baseline.json');
    }
  }
  return new Set(text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

export function buildSuppressions(root: string, policy: Policy, baseline: Set<string>, now = new Date()): Suppressions {
  const bizignore = readBizignore(root);
  const active = (policy.ignore ?? []).filter((e) => !ignoreExpired(e, now));
  const expired = (policy.ignore ?? [])
    .filter((e) => ignoreExpired(e, now))
    .map((e) => ({ reason: e.reason, expires: e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : String(e.expires) }));
  // Ignores that name only paths skip those files altogether; the rest are judged per finding.
  const pathOnly = active.filter((e) => e.paths && !e.rules && !e.fingerprints).flatMap((e) => e.paths!);
  const matchers = active
    .filter((e) => e.rules || e.fingerprints)
    .map((e) => ({
      reason: e.reason,
      rule: e.rules ? picomatch(e.rules) : () => true,
      path: e.paths ? picomatch(e.paths, { dot: true }) : () => true,
      fingerprints: e.fingerprints ? new Set(e.fingerprints) : undefined,
    }));
  const ignoredFingerprints = new Set(bizignore.fingerprints);
  return {
    pathPatterns: [...bizignore.paths, ...pathOnly],
    expired,
    suppresses(f) {
      if (ignoredFingerprints.has(f.fingerprint)) return '.bizignore';
      if (baseline.has(f.fingerprint)) return 'baseline';
      for (const m of matchers) {
        if (m.fingerprints && !m.fingerprints.has(f.fingerprint)) continue;
        if (m.rule(f.ruleId) && m.path(f.file)) return `policy: ${m.reason}`;
      }
      return undefined;
    },
  };
}
