import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import { biz, cleanEnv, tempDir } from '../helpers';

describe('biz doctor', () => {
  let fake: FakeOpenAI;
  // biz:ignore js/hardcoded-credential (the fake server's key)
  const key = 'sk-doctor-test-000000000000';
  beforeAll(async () => {
    fake = await startFakeOpenAI({ replies: ['OK'], apiKey: key });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('on a fresh machine with no model: every check ok but a warning for the model, exit 0', async () => {
    const r = await biz(['doctor', '--json'], { env: cleanEnv(tempDir()) });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    const byName = Object.fromEntries(doc.checks.map((c: { name: string; status: string }) => [c.name, c.status]));
    expect(byName).toEqual({ node: 'ok', 'data dir': 'ok', sqlite: 'ok', model: 'warn', license: 'ok', login: 'ok', services: 'ok' });
    expect(doc.checks.find((c: { name: string }) => c.name === 'services').detail).toBe('X: not connected; Slack: not connected; Salesforce: not connected');
    expect(doc.checks.find((c: { name: string }) => c.name === 'model').fix).toMatch(/set OPENAI_API_KEY[\s\S]*Ollama/);
  });

  it('says where each service gets its credentials, without printing them', async () => {
    const token = 'xoxb-1-2-doctorsecret000000';
    const r = await biz(['doctor', '--json'], { env: cleanEnv(tempDir(), { BIZ_SLACK_TOKEN: token, BIZ_SLACK_CHANNEL: '#m', BIZ_X_BEARER: 'bearer-doctor-secret-000' }) });
    const services = JSON.parse(r.stdout).checks.find((c: { name: string }) => c.name === 'services');
    expect(services.detail).toBe('X: from the environment; Slack: from the environment, channel #m; Salesforce: not connected');
    expect(r.stdout).not.toContain('doctorsecret');
  });

  it('sends one tiny real request to the configured model and reports its latency', async () => {
    const r = await biz(['doctor'], { env: cleanEnv(tempDir(), { OPENAI_API_KEY: key, OPENAI_BASE_URL: fake.url }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok\s+model\s+openai:gpt-4o-mini answered in \d+ ms$/m);
    expect(fake.requests.at(-1)!.body.messages).toBeDefined();
  });

  it('a rejected key is a failure with a fix, exit 1, and the key is never printed', async () => {
    const wrong = 'sk-wrong-key-11111111111111';
    const r = await biz(['doctor'], { env: cleanEnv(tempDir(), { OPENAI_API_KEY: wrong, OPENAI_BASE_URL: fake.url }) });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^fail\s+model\s+/m);
    expect(r.stdout).toMatch(/fix: /);
    expect(r.stdout + r.stderr).not.toContain(wrong);
  });

  it('a broken config file is a failing check, not a crash', async () => {
    const home = tempDir();
    mkdirSync(join(home, 'biz', 'config'), { recursive: true });
    writeFileSync(join(home, 'biz', 'config', 'config.yaml'), 'tenant: [\n');
    const r = await biz(['doctor'], { env: cleanEnv(home) });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^fail\s+config\s+.*config\.yaml:\d+: invalid YAML/m);
  });
});
