import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanWarning } from '../../src/agents/security/findings';
import { createInfraScanner, INFRA_RULES } from '../../src/agents/security/scanners/infra';

const FIXTURES = join(import.meta.dirname, '../fixtures/infra');

/** Scans a fixture under its path inside test/fixtures/infra, which decides what kind of file it is. */
function scanFixture(path: string, edit: (text: string) => string = (text) => text) {
  const warnings: ScanWarning[] = [];
  const findings = createInfraScanner().scan({ path, text: edit(readFileSync(join(FIXTURES, path), 'utf8')) }, (w) => warnings.push(w));
  return { findings, warnings };
}

interface Case {
  rule: string;
  fixture: string;
  /** The lines the rule reports, in order; empty for a look-alike that must stay silent. */
  lines: number[];
}

const CASES: Case[] = [
  { rule: 'docker/root-user', fixture: 'docker/root-user-positive.Dockerfile', lines: [5] },
  { rule: 'docker/root-user', fixture: 'docker/root-user-last.Dockerfile', lines: [4] },
  { rule: 'docker/root-user', fixture: 'docker/root-user-negative.Dockerfile', lines: [] },
  { rule: 'docker/root-user', fixture: 'docker/missing-healthcheck-positive.Dockerfile', lines: [] },
  { rule: 'docker/unpinned-base-image', fixture: 'docker/unpinned-base-image-positive.Dockerfile', lines: [2, 4] },
  { rule: 'docker/unpinned-base-image', fixture: 'docker/unpinned-base-image-negative.Dockerfile', lines: [] },
  { rule: 'docker/add-remote-url', fixture: 'docker/add-remote-url-positive.Dockerfile', lines: [2, 3] },
  { rule: 'docker/add-remote-url', fixture: 'docker/add-remote-url-negative.Dockerfile', lines: [] },
  { rule: 'docker/add-instead-of-copy', fixture: 'docker/add-instead-of-copy-positive.Dockerfile', lines: [2, 3] },
  { rule: 'docker/add-instead-of-copy', fixture: 'docker/add-instead-of-copy-negative.Dockerfile', lines: [] },
  { rule: 'docker/add-instead-of-copy', fixture: 'docker/add-remote-url-positive.Dockerfile', lines: [] },
  { rule: 'docker/curl-pipe-shell', fixture: 'docker/curl-pipe-shell-positive.Dockerfile', lines: [2, 4, 5, 9] },
  { rule: 'docker/curl-pipe-shell', fixture: 'docker/curl-pipe-shell-negative.Dockerfile', lines: [] },
  { rule: 'docker/secret-in-env', fixture: 'docker/secret-in-env-positive.Dockerfile', lines: [2, 3, 4] },
  { rule: 'docker/secret-in-env', fixture: 'docker/secret-in-env-negative.Dockerfile', lines: [] },
  { rule: 'docker/missing-healthcheck', fixture: 'docker/missing-healthcheck-positive.Dockerfile', lines: [4] },
  { rule: 'docker/missing-healthcheck', fixture: 'docker/missing-healthcheck-negative.Dockerfile', lines: [] },
  { rule: 'docker/missing-healthcheck', fixture: 'docker/root-user-last.Dockerfile', lines: [] },

  { rule: 'k8s/privileged-container', fixture: 'k8s/insecure.yaml', lines: [21] },
  { rule: 'k8s/privileged-container', fixture: 'k8s/hardened.yaml', lines: [] },
  { rule: 'k8s/privilege-escalation', fixture: 'k8s/insecure.yaml', lines: [18, 26, 50, 63] },
  { rule: 'k8s/privilege-escalation', fixture: 'k8s/hardened.yaml', lines: [] },
  { rule: 'k8s/dangerous-capability', fixture: 'k8s/insecure.yaml', lines: [30, 68] },
  { rule: 'k8s/dangerous-capability', fixture: 'k8s/hardened.yaml', lines: [] },
  { rule: 'k8s/added-capability', fixture: 'k8s/insecure.yaml', lines: [30] },
  { rule: 'k8s/added-capability', fixture: 'k8s/hardened.yaml', lines: [] },
  { rule: 'k8s/capabilities-not-dropped', fixture: 'k8s/insecure.yaml', lines: [18, 31, 50, 66] },
  { rule: 'k8s/capabilities-not-dropped', fixture: 'k8s/hardened.yaml', lines: [] },
  { rule: 'k8s/runs-as-root', fixture: 'k8s/insecure.yaml', lines: [18, 27, 48, 63] },
  { rule: 'k8s/runs-as-root', fixture: 'k8s/hardened.yaml', lines: [] },
  { rule: 'k8s/writable-root-filesystem', fixture: 'k8s/insecure.yaml', lines: [18, 28, 50, 63] },
  { rule: 'k8s/writable-root-filesystem', fixture: 'k8s/hardened.yaml', lines: [] },
  { rule: 'k8s/missing-resource-limits', fixture: 'k8s/insecure.yaml', lines: [18, 32, 52, 63] },
  { rule: 'k8s/missing-resource-limits', fixture: 'k8s/hardened.yaml', lines: [] },
  { rule: 'k8s/unpinned-image', fixture: 'k8s/insecure.yaml', lines: [19, 24, 51] },
  { rule: 'k8s/unpinned-image', fixture: 'k8s/hardened.yaml', lines: [] },
  { rule: 'k8s/host-namespace', fixture: 'k8s/insecure.yaml', lines: [8, 46] },
  { rule: 'k8s/host-namespace', fixture: 'k8s/hardened.yaml', lines: [] },
  { rule: 'k8s/host-path-volume', fixture: 'k8s/insecure.yaml', lines: [16] },
  { rule: 'k8s/host-path-volume', fixture: 'k8s/host-log.yaml', lines: [9, 12] },
  { rule: 'k8s/host-path-volume', fixture: 'k8s/hardened.yaml', lines: [] },
  { rule: 'k8s/sensitive-host-path', fixture: 'k8s/insecure.yaml', lines: [13] },
  { rule: 'k8s/sensitive-host-path', fixture: 'k8s/host-log.yaml', lines: [] },

  { rule: 'gitlab-ci/unpinned-image', fixture: 'gitlab-ci/insecure.gitlab-ci.yml', lines: [1, 9, 11, 12] },
  { rule: 'gitlab-ci/unpinned-image', fixture: 'gitlab-ci/safe.gitlab-ci.yml', lines: [] },
  { rule: 'gitlab-ci/remote-include', fixture: 'gitlab-ci/insecure.gitlab-ci.yml', lines: [3, 6] },
  { rule: 'gitlab-ci/remote-include', fixture: 'gitlab-ci/safe.gitlab-ci.yml', lines: [] },
  { rule: 'gitlab-ci/unpinned-project-include', fixture: 'gitlab-ci/insecure.gitlab-ci.yml', lines: [4] },
  { rule: 'gitlab-ci/unpinned-project-include', fixture: 'gitlab-ci/safe.gitlab-ci.yml', lines: [] },
  { rule: 'gitlab-ci/secret-echoed', fixture: 'gitlab-ci/insecure.gitlab-ci.yml', lines: [14, 18] },
  { rule: 'gitlab-ci/secret-echoed', fixture: 'gitlab-ci/safe.gitlab-ci.yml', lines: [] },
  { rule: 'gitlab-ci/script-injection', fixture: 'gitlab-ci/insecure.gitlab-ci.yml', lines: [22, 23, 25] },
  { rule: 'gitlab-ci/script-injection', fixture: 'gitlab-ci/safe.gitlab-ci.yml', lines: [] },

  { rule: 'gha/unpinned-action', fixture: 'gha/.github/workflows/insecure.yml', lines: [18, 19, 29] },
  { rule: 'gha/unpinned-action', fixture: 'gha/docker-action/action.yaml', lines: [5] },
  { rule: 'gha/unpinned-action', fixture: 'gha/.github/workflows/safe.yml', lines: [] },
  { rule: 'gha/unpinned-official-action', fixture: 'gha/.github/workflows/insecure.yml', lines: [15, 24] },
  { rule: 'gha/unpinned-official-action', fixture: 'gha/action/action.yml', lines: [6] },
  { rule: 'gha/unpinned-official-action', fixture: 'gha/.github/workflows/safe.yml', lines: [] },
  { rule: 'gha/untrusted-checkout', fixture: 'gha/.github/workflows/insecure.yml', lines: [17] },
  { rule: 'gha/untrusted-checkout', fixture: 'gha/.github/workflows/workflow-run.yml', lines: [11, 12] },
  { rule: 'gha/untrusted-checkout', fixture: 'gha/.github/workflows/safe.yml', lines: [] },
  { rule: 'gha/script-injection', fixture: 'gha/.github/workflows/insecure.yml', lines: [21, 27] },
  { rule: 'gha/script-injection', fixture: 'gha/action/action.yml', lines: [7] },
  { rule: 'gha/script-injection', fixture: 'gha/.github/workflows/safe.yml', lines: [] },
  { rule: 'gha/secret-echoed', fixture: 'gha/.github/workflows/insecure.yml', lines: [22, 23] },
  { rule: 'gha/secret-echoed', fixture: 'gha/.github/workflows/safe.yml', lines: [] },
  { rule: 'gha/write-all-permissions', fixture: 'gha/.github/workflows/insecure.yml', lines: [5, 9] },
  { rule: 'gha/write-all-permissions', fixture: 'gha/.github/workflows/safe.yml', lines: [] },
  { rule: 'gha/unpinned-image', fixture: 'gha/.github/workflows/insecure.yml', lines: [10, 13] },
  { rule: 'gha/unpinned-image', fixture: 'gha/.github/workflows/safe.yml', lines: [] },
];

describe('infrastructure rules', () => {
  it.each(CASES.map((c) => [c.rule, c.fixture, c.lines] as const))('%s on %s reports lines %j', (rule, fixture, lines) => {
    const { findings, warnings } = scanFixture(fixture);
    expect(warnings).toEqual([]);
    expect(findings.filter((f) => f.ruleId === rule).map((f) => f.line)).toEqual(lines);
  });

  it('has a positive and a look-alike negative case for every rule', () => {
    const missing = INFRA_RULES.flatMap((r) => {
      const cases = CASES.filter((c) => c.rule === r.id);
      const gaps: string[] = [];
      if (!cases.some((c) => c.lines.length > 0)) gaps.push(`${r.id}: no positive`);
      if (!cases.some((c) => c.lines.length === 0)) gaps.push(`${r.id}: no negative`);
      return gaps;
    });
    expect(missing).toEqual([]);
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(INFRA_RULES.map((r) => r.id)));
  });

  it('describes every rule fully under its scanner prefix', () => {
    expect(new Set(INFRA_RULES.map((r) => r.id)).size).toBe(INFRA_RULES.length);
    for (const rule of INFRA_RULES) {
      expect(rule.id).toMatch(/^(docker|k8s|gitlab-ci|gha)\/[a-z][a-z-]+$/);
      expect(rule.scanner).toBe('infrastructure');
      expect(rule.cwe?.[0]).toMatch(/^CWE-\d+$/);
      expect(rule.owasp?.[0]).toMatch(/^A\d\d:2021$/);
      expect(rule.description.length).toBeGreaterThan(40);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
  });

  it('reports a finding with its rule metadata, column, snippet and a fingerprint that survives a line move', () => {
    const { findings } = scanFixture('gha/.github/workflows/insecure.yml');
    const checkout = findings.find((f) => f.ruleId === 'gha/untrusted-checkout')!;
    expect(checkout).toMatchObject({
      scanner: 'infrastructure',
      severity: 'high',
      file: 'gha/.github/workflows/insecure.yml',
      line: 17,
      column: 11,
      snippet: 'ref: ${{ github.event.pull_request.head.sha }}',
    });
    expect(checkout.message).toContain('jobs.build.steps[0]');

    const moved = scanFixture('gha/.github/workflows/insecure.yml', (text) => `# moved\n\n${text}`).findings;
    const movedCheckout = moved.find((f) => f.ruleId === 'gha/untrusted-checkout')!;
    expect(movedCheckout.line).toBe(19);
    expect(movedCheckout.fingerprint).toBe(checkout.fingerprint);
    expect(new Set(moved.map((f) => f.fingerprint)).size).toBe(moved.length);
  });
});
