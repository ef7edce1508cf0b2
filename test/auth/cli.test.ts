import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOidc, type FakeOidc } from '../fakes/oidc';
import { biz, cleanEnv, tempDir, waitFor } from '../helpers';

// Runs the built CLI: `npm test` builds first; alone, run `node scripts/build.mjs` before vitest.
let fake: FakeOidc;
beforeAll(async () => {
  fake = await startFakeOidc();
  fake.settings.interval = 1;
});
afterAll(() => fake.close());

describe('biz login, whoami, logout as a user runs them (no TTY)', () => {
  it('prints the code, waits for approval, stores the tokens; whoami shows the roles; logout revokes', async () => {
    const home = tempDir();
    const env = cleanEnv(home, { BIZ_AUTH_URL: fake.baseUrl, BIZ_AUTH_CLIENT_ID: fake.clientId });

    const login = biz(['login', '--tenant', 'acme', '--verbose'], { env });
    let stderr = '';
    login.child.stderr!.on('data', (d) => (stderr += d));
    const url = await waitFor(() => /Then open this page and approve: (\S+)/.exec(stderr)?.[1], 'the verification URL on stderr');
    expect(stderr).toMatch(/First copy your one-time code: [A-Z]{4}-[A-Z]{4}/);
    expect(stderr).not.toMatch(/Press Enter/);
    await fake.approve(url);
    const done = await login;
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/warning: cannot write to the OS keyring/);
    expect(done.stderr).toMatch(/Logged in to acme as alice; roles: biz:code, biz:scan, offline_access\./);

    const whoami = await biz(['whoami', '--json', '--tenant', 'acme', '--verbose'], { env });
    expect(whoami.code).toBe(0);
    const shown = JSON.parse(whoami.stdout);
    expect(shown).toMatchObject({ user: 'alice', tenant: 'acme', issuer: fake.issuer, clientId: 'biz-cli', roles: ['biz:code', 'biz:scan', 'offline_access'], storage: 'file' });
    expect(Date.parse(shown.expiresAt)).toBeGreaterThan(Date.now());

    const text = await biz(['whoami', '--tenant', 'acme'], { env });
    expect(text.stdout).toMatch(/user: +alice/);
    expect(text.stdout).toMatch(/stored: +.*credentials\/acme\.json/);

    const credentials = JSON.parse(readFileSync(join(home, 'biz', 'config', 'credentials', 'acme.json'), 'utf8'));
    const secrets: string[] = [credentials.tokens.accessToken, credentials.tokens.refreshToken];

    const revocations = fake.seen.revocations.length;
    const logout = await biz(['logout', '--tenant', 'acme', '--verbose'], { env });
    expect(logout.code).toBe(0);
    expect(logout.stderr).toMatch(/Logged out of acme; the tokens were revoked/);
    expect(fake.seen.revocations.length).toBe(revocations + 1);

    const after = await biz(['whoami', '--tenant', 'acme'], { env });
    expect(after.code).toBe(3);
    expect(after.stderr).toMatch(/not logged in to tenant acme/);

    const logs = readdirSync(join(home, 'biz', 'state', 'logs')).map((f) => readFileSync(join(home, 'biz', 'state', 'logs', f), 'utf8'));
    for (const text of [done.stdout, done.stderr, whoami.stdout, whoami.stderr, logout.stdout, logout.stderr, ...logs]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('a denied login exits 3 with the reason', async () => {
    const env = cleanEnv(tempDir(), { BIZ_AUTH_URL: fake.baseUrl, BIZ_AUTH_CLIENT_ID: fake.clientId, BIZ_TENANT: 'acme' });
    const login = biz(['login', '--insecure-storage'], { env });
    let stderr = '';
    login.child.stderr!.on('data', (d) => (stderr += d));
    await fake.deny(await waitFor(() => /Then open this page and approve: (\S+)/.exec(stderr)?.[1], 'the verification URL'));
    const done = await login;
    expect(done.code).toBe(3);
    expect(done.stderr).toMatch(/error: the login was denied in the browser/);
  });

  it('without auth.url, login says how to configure it (exit 2)', async () => {
    const r = await biz(['login'], { env: cleanEnv(tempDir()) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no identity provider is configured/);
    expect(r.stderr).toMatch(/biz config set auth\.url/);
  });

  it('CI: whoami with client credentials from the environment, and the secret never printed', async () => {
    const env = cleanEnv(tempDir(), { BIZ_AUTH_URL: fake.baseUrl, BIZ_TENANT: 'acme', BIZ_CLIENT_ID: fake.ciClient.id, BIZ_CLIENT_SECRET: fake.ciClient.secret });
    const r = await biz(['whoami', '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ user: 'service-account-biz-ci', storage: 'client-credentials', roles: ['biz:market', 'biz:scan'] });
    expect(r.stdout + r.stderr).not.toContain(fake.ciClient.secret);
  });
});
