import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/agents/security/reports';
import { expectValid, validate } from '../support/sarif';
import { cleanReport, scanReport } from './report-fixture';

describe('sarif report', () => {
  const report = scanReport();
  const text = renderReport('sarif', report, { color: false });
  const log = JSON.parse(text);
  const run = log.runs[0];

  it('passes Sarif.Multitool validate without errors', () => {
    expectValid('full', text);
  });

  it('passes validation when nothing was found', () => {
    expectValid('clean', renderReport('sarif', cleanReport(), { color: false }));
  });

  it('would notice an invalid log (the harness reads the validator right)', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    delete broken.runs[0].results[1].message;
    const result = validate('broken', JSON.stringify(broken));
    if (!result.ran) {
      if (process.env.BIZ_TEST_STRICT === '1') throw new Error(`SARIF validation could not run: ${result.reason}`);
      return;
    }
    expect(result.errors.map((e) => e.ruleId)).toEqual(expect.arrayContaining(['JSON1008', 'JSON1002']));
  });

  it('is one SARIF 2.1.0 run by biz', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'biz', version: '1.2.3', informationUri: 'https://www.npmjs.com/package/bizagents' });
    expect(run.invocations).toEqual([
      expect.objectContaining({ executionSuccessful: true, startTimeUtc: '2025-03-04T05:06:07.089Z', endTimeUtc: '2025-03-04T05:07:08.123Z' }),
    ]);
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/dev/shop%20app/' } });
  });

  it('describes each rule the way GitHub code scanning reads it', () => {
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    const aws = run.tool.driver.rules.find((r: { id: string }) => r.id === 'secret/aws-access-key-id');
    expect(aws).toEqual({
      id: 'secret/aws-access-key-id',
      name: 'SecretAwsAccessKeyId',
      shortDescription: { text: 'AWS access key id' },
      fullDescription: { text: 'An AWS access key id in the source lets anyone who reads it call AWS as you.' },
      help: {
        text: 'Deactivate the key in IAM, then remove it from history.',
        markdown: expect.stringContaining('**How to fix:** Deactivate the key in IAM, then remove it from history.'),
      },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'secrets', 'external/cwe/cwe-798', 'external/owasp/a07:2021'], 'security-severity': '9.5', precision: 'high' },
    });
    expect(aws.help.markdown).toContain('[CWE-798](https://cwe.mitre.org/data/definitions/798.html)');
    const severities = Object.fromEntries(run.tool.driver.rules.map((r: { id: string; properties: Record<string, string> }) => [r.id, r.properties['security-severity']]));
    expect(severities).toEqual({
      'dep/GHSA-35jh-r3h4-6jhm': '8.0',
      'docker/latest-tag': undefined,
      'docker/root-user': '5.5',
      'js/eval-input': '5.5',
      'js/weak-hash': '2.0',
      'secret/aws-access-key-id': '9.5',
      'secret/generic-api-key': '8.0',
    });
  });

  it('links dependency rules to their advisory', () => {
    const dep = run.tool.driver.rules.find((r: { id: string }) => r.id === 'dep/GHSA-35jh-r3h4-6jhm');
    expect(dep.helpUri).toBe('https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm');
    expect(dep.properties.precision).toBe('very-high');
  });

  it('makes a rule from the finding when the report lacks it', () => {
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'docker/latest-tag');
    expect(rule).toMatchObject({ name: 'DockerLatestTag', shortDescription: { text: 'Base image uses the latest tag' }, defaultConfiguration: { level: 'note' } });
  });

  it('points every result at its rule by id and index', () => {
    expect(run.results).toHaveLength(report.findings.length);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'error', 'error', 'warning', 'warning', 'note', 'note']);
  });

  it('locates results relative to %SRCROOT%, with fingerprints and commits', () => {
    const [aws, , apiKey, , evalInput] = run.results;
    expect(aws).toMatchObject({
      ruleId: 'secret/aws-access-key-id',
      message: { text: 'An AWS access key id is committed in history.' },
      partialFingerprints: { 'bizFingerprint/v1': 'secret/aws-access-key-id:config/prod.env:c0ffee00c0ffee00c0ffee00c0ffee00' },
      properties: { commit: '9b1e7d3c5a2f4e6d8c0b1a2f3e4d5c6b7a8f9e0d' },
    });
    expect(aws.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'config/prod.env', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 19, snippet: { text: 'AWS_ACCESS_KEY_ID=AKIA****' } },
    });
    expect(apiKey.locations[0].physicalLocation.artifactLocation.uri).toBe('src/%C3%BCn%C3%AFcode/%E5%AE%A2%E6%88%B7%E7%AB%AF.ts');
    expect(apiKey.properties).toBeUndefined();
    expect(evalInput.locations[0].physicalLocation.region).toMatchObject({ startLine: 42, startColumn: 5, endLine: 44 });
  });

  it('reports scan warnings as tool notifications', () => {
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      { level: 'warning', message: { text: 'could not read: EACCES' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'vendor/blob.bin', uriBaseId: '%SRCROOT%' } } }] },
      {
        level: 'warning',
        message: { text: 'malformed JSON | skipped <lockfile>' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'composer.lock', uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } } }],
      },
    ]);
  });
});
