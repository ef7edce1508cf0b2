import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderReport } from '../../src/agents/security/reports';
import { uuidV5 } from '../../src/agents/security/reports/uuid';
import { cleanReport, findingsOf, scanReport } from './report-fixture';

/** The required fields and constraints of GitLab security report schema 15.x, common to SAST and secret detection. */
const vendorTool = z.strictObject({ id: z.string().min(1), name: z.string().min(1), version: z.string().min(1), vendor: z.strictObject({ name: z.string().min(1) }) });
const gitlabTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
const identifier = z.strictObject({ type: z.string().min(1), name: z.string().min(1).max(255), value: z.string().min(1).max(255), url: z.url().optional() });
const lines = { file: z.string().min(1), start_line: z.number().int().positive(), end_line: z.number().int().positive() };

function reportSchema(type: 'sast' | 'secret_detection', location: z.ZodType) {
  return z.strictObject({
    version: z.string().regex(/^15\.\d+\.\d+$/),
    scan: z.strictObject({
      analyzer: vendorTool,
      scanner: vendorTool,
      type: z.literal(type),
      start_time: gitlabTime,
      end_time: gitlabTime,
      status: z.enum(['success', 'failure']),
      messages: z.array(z.strictObject({ level: z.enum(['info', 'warn', 'fatal']), value: z.string() })).optional(),
    }),
    vulnerabilities: z.array(
      z.strictObject({
        id: z.uuid(),
        name: z.string().max(255).optional(),
        description: z.string().max(1048576).optional(),
        severity: z.enum(['Info', 'Unknown', 'Low', 'Medium', 'High', 'Critical']).optional(),
        solution: z.string().max(7000).optional(),
        identifiers: z.array(identifier).min(1),
        location,
      }),
    ),
  });
}

const sastSchema = reportSchema('sast', z.strictObject(lines));
const secretsSchema = reportSchema('secret_detection', z.strictObject({ ...lines, commit: z.strictObject({ sha: z.string().min(1) }) }));

const render = (format: 'gitlab-sast' | 'gitlab-secrets', report = scanReport()) => JSON.parse(renderReport(format, report, { color: false }));

describe('gitlab-sast report', () => {
  const doc = render('gitlab-sast');

  it('matches the schema 15.x SAST shape', () => {
    expect(sastSchema.parse(doc)).toEqual(doc);
    expect(doc.version).toBe('15.2.1');
    expect(doc.scan).toMatchObject({ type: 'sast', status: 'success', start_time: '2025-03-04T05:06:07', end_time: '2025-03-04T05:07:08' });
    expect(doc.scan.analyzer).toEqual({ id: 'biz', name: 'biz', version: '1.2.3', vendor: { name: 'biz' } });
  });

  it('holds code and infrastructure findings only', () => {
    const report = scanReport();
    const expected = [...findingsOf(report, 'code'), ...findingsOf(report, 'infrastructure')].map((f) => `${f.file}:${f.line}`).sort();
    expect(doc.vulnerabilities.map((v: { location: { file: string; start_line: number } }) => `${v.location.file}:${v.location.start_line}`).sort()).toEqual(expected);
  });

  it('names the rule first, then CWE and OWASP', () => {
    const evalInput = doc.vulnerabilities.find((v: { identifiers: { value: string }[] }) => v.identifiers[0].value === 'js/eval-input');
    expect(evalInput).toMatchObject({
      name: 'eval of request data',
      severity: 'Medium',
      solution: 'Parse the data with JSON.parse or a schema instead of evaluating it.',
      location: { file: 'src/server/app.js', start_line: 42, end_line: 44 },
      identifiers: [
        { type: 'biz_rule', name: 'js/eval-input', value: 'js/eval-input' },
        { type: 'cwe', name: 'CWE-95', value: '95', url: 'https://cwe.mitre.org/data/definitions/95.html' },
        { type: 'owasp', name: 'A03:2021', value: 'A03:2021' },
      ],
    });
  });

  it('passes scan warnings on as messages', () => {
    expect(doc.scan.messages).toEqual([
      { level: 'warn', value: 'vendor/blob.bin: could not read: EACCES' },
      { level: 'warn', value: 'composer.lock:3: malformed JSON | skipped <lockfile>' },
    ]);
  });
});

describe('gitlab-secrets report', () => {
  const doc = render('gitlab-secrets');

  it('matches the schema 15.x secret detection shape and holds secrets only', () => {
    expect(secretsSchema.parse(doc)).toEqual(doc);
    expect(doc.scan.type).toBe('secret_detection');
    expect(doc.vulnerabilities.map((v: { identifiers: { value: string }[] }) => v.identifiers[0].value)).toEqual(['secret/aws-access-key-id', 'secret/generic-api-key']);
  });

  it("records the finding's commit, else the scanned HEAD, else GitLab's placeholder", () => {
    expect(doc.vulnerabilities.map((v: { location: { commit: { sha: string } } }) => v.location.commit.sha)).toEqual([
      '9b1e7d3c5a2f4e6d8c0b1a2f3e4d5c6b7a8f9e0d',
      '4f2c9d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e',
    ]);
    const outsideGit = scanReport();
    outsideGit.commitSha = undefined;
    expect(render('gitlab-secrets', outsideGit).vulnerabilities[1].location.commit.sha).toBe('0000000');
  });

  it('is an empty list when nothing was found', () => {
    const clean = render('gitlab-secrets', cleanReport());
    expect(secretsSchema.parse(clean).vulnerabilities).toEqual([]);
  });
});

describe('gitlab vulnerability ids', () => {
  it('are stable name-based UUIDs, distinct per finding and commit', () => {
    const first = render('gitlab-secrets').vulnerabilities.map((v: { id: string }) => v.id);
    expect(render('gitlab-secrets').vulnerabilities.map((v: { id: string }) => v.id)).toEqual(first);
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const report = scanReport();
    const aws = report.findings.find((f) => f.ruleId === 'secret/aws-access-key-id')!;
    report.findings.push({ ...aws, commit: '1111111111111111111111111111111111111111' });
    const ids = render('gitlab-secrets', report).vulnerabilities.map((v: { id: string }) => v.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('follow RFC 4122 version 5', () => {
    expect(uuidV5('https://github.com/')).toBe('39983165-606c-5d83-abfa-b97af8b1ae8d');
  });
});
