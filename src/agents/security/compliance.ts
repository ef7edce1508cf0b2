import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { severityAtLeast, type Finding, type Severity } from './findings';
import type { Policy } from './policy';
import type { ControlResult } from './report-model';

const OWASP_2021: [string, string][] = [
  ['A01:2021', 'Broken Access Control'],
  ['A02:2021', 'Cryptographic Failures'],
  ['A03:2021', 'Injection'],
  ['A04:2021', 'Insecure Design'],
  ['A05:2021', 'Security Misconfiguration'],
  ['A06:2021', 'Vulnerable and Outdated Components'],
  ['A07:2021', 'Identification and Authentication Failures'],
  ['A08:2021', 'Software and Data Integrity Failures'],
  ['A09:2021', 'Security Logging and Monitoring Failures'],
  ['A10:2021', 'Server-Side Request Forgery'],
];

// MITRE CWE Top 25 Most Dangerous Software Weaknesses, 2024 edition.
const CWE_TOP25_2024: [string, string][] = [
  ['CWE-79', 'Cross-site Scripting'],
  ['CWE-787', 'Out-of-bounds Write'],
  ['CWE-89', 'SQL Injection'],
  ['CWE-352', 'Cross-Site Request Forgery'],
  ['CWE-22', 'Path Traversal'],
  ['CWE-125', 'Out-of-bounds Read'],
  ['CWE-78', 'OS Command Injection'],
  ['CWE-416', 'Use After Free'],
  ['CWE-862', 'Missing Authorization'],
  ['CWE-434', 'Unrestricted Upload of File with Dangerous Type'],
  ['CWE-94', 'Code Injection'],
  ['CWE-20', 'Improper Input Validation'],
  ['CWE-77', 'Command Injection'],
  ['CWE-287', 'Improper Authentication'],
  ['CWE-269', 'Improper Privilege Management'],
  ['CWE-502', 'Deserialization of Untrusted Data'],
  ['CWE-200', 'Exposure of Sensitive Information'],
  ['CWE-863', 'Incorrect Authorization'],
  ['CWE-918', 'Server-Side Request Forgery'],
  ['CWE-119', 'Improper Restriction of Operations within Memory Buffer Bounds'],
  ['CWE-476', 'NULL Pointer Dereference'],
  ['CWE-798', 'Use of Hard-coded Credentials'],
  ['CWE-190', 'Integer Overflow or Wraparound'],
  ['CWE-400', 'Uncontrolled Resource Consumption'],
  ['CWE-306', 'Missing Authentication for Critical Function'],
];

/** GitHub and GitLab look for CODEOWNERS (and friends) in these places too. */
const ALTERNATE_DIRS = ['', '.github', 'docs', '.gitlab'];

function categoryControls(prefix: string, catalogue: [string, string][], findings: Finding[], ids: (f: Finding) => string[] | undefined): ControlResult[] {
  return catalogue.map(([id, title]) => {
    const hits = findings.filter((f) => ids(f)?.includes(id));
    return {
      id: `${prefix}/${id}`,
      title: `${id} ${title}`,
      status: hits.length ? 'fail' : 'pass',
      details: hits.length ? `${hits.length} finding(s), e.g. ${hits[0].ruleId} at ${hits[0].file}:${hits[0].line}` : 'no findings',
    };
  });
}

/** Pass/fail per control of the policy: required files, fail-on threshold, expired ignores, built-in profiles. */
export function evaluateCompliance(root: string, policy: Policy, findings: Finding[], failOn: Severity | 'none', expired: { reason: string; expires: string }[]): ControlResult[] {
  const controls: ControlResult[] = [];
  for (const name of policy.requiredFiles ?? []) {
    const where = ALTERNATE_DIRS.map((d) => join(d, name)).find((p) => existsSync(join(root, p)));
    controls.push({
      id: `required-file/${name}`,
      title: `${name} is present`,
      status: where ? 'pass' : 'fail',
      details: where ? `found at ${where}` : `missing (looked in ${ALTERNATE_DIRS.map((d) => d || '.').join(', ')})`,
    });
  }
  const blocking = failOn === 'none' ? [] : findings.filter((f) => severityAtLeast(f.severity, failOn));
  controls.push({
    id: 'fail-on',
    title: failOn === 'none' ? 'no severity threshold' : `no findings at or above ${failOn}`,
    status: blocking.length ? 'fail' : 'pass',
    details: blocking.length ? `${blocking.length} finding(s) at or above ${failOn}` : 'none',
  });
  for (const e of expired) {
    controls.push({ id: 'policy/ignore-expired', title: 'policy ignores are current', status: 'fail', details: `ignore "${e.reason}" expired on ${e.expires}; its findings are reported again` });
  }
  if (policy.profiles?.includes('owasp-top10')) controls.push(...categoryControls('owasp', OWASP_2021, findings, (f) => f.owasp));
  if (policy.profiles?.includes('cwe-top25')) controls.push(...categoryControls('cwe-top25', CWE_TOP25_2024, findings, (f) => f.cwe));
  return controls;
}
