import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolvePaths, tenantDataDir } from '../../src/config/paths';
import { openStore } from '../../src/store';
import { startFakeSalesforce, type FakeSalesforce } from '../fakes/salesforce';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';
import { startFakeX, type FakeX } from '../fakes/x';
import { biz, cleanEnv, tempDir } from '../helpers';

let x: FakeX;
let slack: FakeSlack;
let sf: FakeSalesforce;
let home: string;

beforeEach(async () => {
  x = await startFakeX();
  slack = await startFakeSlack();
  slack.addChannel('marketing', { member: true });
  sf = await startFakeSalesforce();
  home = tempDir();
});

afterEach(async () => {
  await Promise.all([x.close(), slack.close(), sf.close()]);
});

/** Endpoints only: every credential must come from the credential store. */
const endpoints = () => cleanEnv(home, { BIZ_X_API_URL: x.url, BIZ_SLACK_API_URL: slack.url, BIZ_SALESFORCE_LOGIN_URL: sf.url });
const credentialsFile = () => join(resolvePaths(endpoints()).configDir, 'credentials', 'default.services.json');

describe('biz market connect / biz lead connect', () => {
  it('checks X and Slack credentials, keeps them (0600 file with --insecure-storage), and publish then needs no environment', async () => {
    const r = await biz(['market', 'connect', 'x', '--from-env', '--insecure-storage'], { env: { ...endpoints(), BIZ_X_BEARER: x.bearer } });
    expect(r.stderr).toContain(`X connected as @${x.user.username}`);
    expect(r.code).toBe(0);
    const s = await biz(['market', 'connect', 'slack', '--from-env', '--insecure-storage', '--channel', '#marketing'], { env: { ...endpoints(), BIZ_SLACK_TOKEN: slack.token } });
    expect(s.code).toBe(0);
    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o600);

    const store = openStore(tenantDataDir(resolvePaths(endpoints()), 'default'));
    store.marketPosts.add({ runId: 'seed', variant: 0, brief: 'b', status: 'approved', parts: ['from stored credentials'], hashtags: [], score: 90, passed: true, reasons: [] });
    store.close();
    const publish = await biz(['market', 'publish'], { env: endpoints() });
    expect(publish.stderr).not.toMatch(/error/);
    expect(publish.code).toBe(0);
    expect(x.posts.map((p) => p.text)).toEqual(['from stored credentials']);
    expect(slack.channel('#marketing').messages).toHaveLength(1);
  });

  it('refuses credentials the service does not accept, stores nothing, and never prints the secret', async () => {
    const secret = 'wrong-bearer-token-0123456789';
    const r = await biz(['market', 'connect', 'x', '--from-env', '--insecure-storage'], { env: { ...endpoints(), BIZ_X_BEARER: secret } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/did not accept/);
    expect(r.stderr + r.stdout).not.toContain(secret);
    expect(() => readFileSync(credentialsFile())).toThrow();
  });

  it('without a terminal and without --from-env it says how to give the values', async () => {
    const r = await biz(['market', 'connect', 'slack'], { env: endpoints() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/BIZ_SLACK_TOKEN.*--from-env/);
    const wrong = await biz(['market', 'connect', 'salesforce'], { env: endpoints() });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/x, slack/);
  });

  it('connects Salesforce with a refresh token and lead add uses it', async () => {
    const env = { ...endpoints(), BIZ_SALESFORCE_CLIENT_ID: sf.clientId, BIZ_SALESFORCE_CLIENT_SECRET: sf.clientSecret, BIZ_SALESFORCE_REFRESH_TOKEN: sf.refreshToken };
    const r = await biz(['lead', 'connect', 'salesforce', '--from-env', '--insecure-storage', '--instance-url', sf.url], { env });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const add = await biz(['lead', 'add', '--name', 'Ada Lovelace', '--email', 'ada@analytical.example', '--company', 'Analytical Engines', '--yes', '--no-sequence'], { env: endpoints() });
    expect(add.code).toBe(0);
    expect([...sf.records.Lead.values()]).toHaveLength(1);
  });
});
