import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCOPES, deviceLogin } from '../../src/auth/login';
import { readLoginRecord } from '../../src/auth/login-record';
import { requireRole } from '../../src/auth/rbac';
import { currentIdentity } from '../../src/auth/session';
import { resolveAuthTarget } from '../../src/auth/target';
import type { Context } from '../../src/core/context';
import { startFakeOidc, type FakeOidc, type FakeOidcClient } from '../fakes/oidc';
import { auditEvents, authContext, nextCommand } from './auth-context';

let fake: FakeOidc;
beforeAll(async () => {
  fake = await startFakeOidc();
  fake.settings.interval = 1;
});
afterAll(() => fake.close());

async function clientCredentialsToken(client: FakeOidcClient): Promise<string> {
  const oidc = await import('openid-client');
  const config = await oidc.discovery(new URL(fake.issuer), client.id, undefined, oidc.ClientSecretBasic(client.secret), { execute: [oidc.allowInsecureRequests] });
  return (await oidc.clientCredentialsGrant(config)).access_token;
}

async function loginAsAlice(ctx: Context, opts: { insecureStorage: boolean; warnings?: string[] } = { insecureStorage: true }) {
  return deviceLogin(ctx, resolveAuthTarget(ctx), {
    scopes: DEFAULT_SCOPES,
    insecureStorage: opts.insecureStorage,
    onCode: (device) => fake.approve(device.verification_uri_complete!),
    onKeyringUnavailable: (reason) => opts.warnings?.push(reason),
  });
}

describe('CI and cron credentials', () => {
  it('client credentials from BIZ_CLIENT_ID / BIZ_CLIENT_SECRET: the service account and its realm roles', async () => {
    const ctx = await authContext(fake, { BIZ_CLIENT_ID: fake.ciClient.id, BIZ_CLIENT_SECRET: fake.ciClient.secret });
    const identity = await currentIdentity(ctx);
    expect(identity).toMatchObject({ username: 'service-account-biz-ci', clientId: 'biz-ci', roles: ['biz:market', 'biz:scan'], source: 'client-credentials' });
  });

  it('a wrong client secret exits 3 and is audited', async () => {
    const ctx = await authContext(fake, { BIZ_CLIENT_ID: fake.ciClient.id, BIZ_CLIENT_SECRET: 'not-the-secret-at-all' });
    await expect(currentIdentity(ctx)).rejects.toMatchObject({ exitCode: 3 });
    expect(auditEvents(ctx)).toEqual(['auth.refused']);
  });

  it('a ready token in BIZ_TOKEN is verified and used', async () => {
    const token = await clientCredentialsToken(fake.ciClient);
    const ctx = await authContext(fake, { BIZ_TOKEN: token, BIZ_CLIENT_ID: fake.ciClient.id });
    expect(await currentIdentity(ctx)).toMatchObject({ subject: 'biz-ci', source: 'BIZ_TOKEN', roles: ['biz:market', 'biz:scan'] });
  });
});

describe('access token verification', () => {
  it('refuses a token whose payload was changed (the signature no longer matches), and audits it', async () => {
    const token = await clientCredentialsToken(fake.ciClient);
    const [header, , signature] = token.split('.');
    const claims = { ...decodeJwt(token), realm_access: { roles: ['biz:scan', 'biz:admin'] } };
    const tampered = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    const ctx = await authContext(fake, { BIZ_TOKEN: tampered, BIZ_CLIENT_ID: fake.ciClient.id });
    await expect(currentIdentity(ctx)).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/signature does not match/) });
    expect(auditEvents(ctx)).toEqual(['auth.refused']);
  });

  it('refuses a token signed with a key that is not the realm\'s, even with the realm\'s key id', async () => {
    const claims = decodeJwt(await clientCredentialsToken(fake.ciClient));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'fake-rsa' }).sign(privateKey);
    const ctx = await authContext(fake, { BIZ_TOKEN: forged, BIZ_CLIENT_ID: fake.ciClient.id });
    await expect(currentIdentity(ctx)).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/refused/) });
  });

  it('refuses a genuine token of the realm that was issued to another client (audience)', async () => {
    const token = await clientCredentialsToken(fake.otherClient);
    const ctx = await authContext(fake, { BIZ_TOKEN: token });
    await expect(currentIdentity(ctx)).rejects.toMatchObject({ exitCode: 3, message: 'the access token was refused: it was issued to other-app, not to the client biz-cli' });
  });

  it('refuses a token of another issuer', async () => {
    const other = await startFakeOidc({ realm: 'elsewhere' });
    try {
      const oidc = await import('openid-client');
      const config = await oidc.discovery(new URL(other.issuer), other.ciClient.id, undefined, oidc.ClientSecretBasic(other.ciClient.secret), { execute: [oidc.allowInsecureRequests] });
      const token = (await oidc.clientCredentialsGrant(config)).access_token;
      const ctx = await authContext(fake, { BIZ_TOKEN: token, BIZ_CLIENT_ID: other.ciClient.id });
      await expect(currentIdentity(ctx)).rejects.toMatchObject({ exitCode: 3 });
    } finally {
      await other.close();
    }
  });
});

describe('requireRole', () => {
  it('enforced without a login: exit 3 "login required: run biz login", audited', async () => {
    const ctx = await authContext(fake);
    await expect(requireRole(ctx, 'biz:scan', { enforced: true })).rejects.toMatchObject({ exitCode: 3, message: 'login required: run biz login' });
    expect(ctx.store().audit.list()[0]).toMatchObject({ event: 'auth.refused', subject: null, detail: { role: 'biz:scan', reason: 'not logged in' } });
  });

  it('not enforced: undefined without a login, the identity with one', async () => {
    const ctx = await authContext(fake);
    expect(await requireRole(ctx, 'biz:scan', { enforced: false })).toBeUndefined();
    await loginAsAlice(ctx);
    expect(await requireRole(await nextCommand(), 'biz:lead', { enforced: false })).toMatchObject({ username: 'alice' });
  });

  it('enforced with a login: the identity when it has the role; exit 3 naming the role when not', async () => {
    const ctx = await authContext(fake);
    await loginAsAlice(ctx);
    expect(await requireRole(await nextCommand(), 'biz:scan', { enforced: true, runId: 'run-1' })).toMatchObject({ username: 'alice' });
    expect(await requireRole(await nextCommand(), 'biz:code', { enforced: true })).toMatchObject({ username: 'alice' });
    const next = await nextCommand();
    await expect(requireRole(next, 'biz:lead', { enforced: true, runId: 'run-2' })).rejects.toMatchObject({ exitCode: 3, message: 'alice lacks the role "biz:lead" in tenant acme' });
    expect(next.store().audit.list()[0]).toMatchObject({ event: 'auth.refused', subject: 'alice', runId: 'run-2', detail: { role: 'biz:lead' } });
  });
});

describe('credential storage and secrecy', () => {
  it('falls back to the 0600 file with a warning when no keyring answers', async () => {
    const ctx = await authContext(fake, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    const warnings: string[] = [];
    const { storage } = await loginAsAlice(ctx, { insecureStorage: false, warnings });
    expect(storage).toBe('file');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/keyring/);
    expect(readLoginRecord(ctx.config.paths, 'acme')).toMatchObject({ storage: 'file' });
  });

  it('no token appears in the audit log, the log files or the store', async () => {
    const ctx = await authContext(fake);
    fake.settings.accessTokenTtl = 30;
    await loginAsAlice(ctx);
    fake.settings.accessTokenTtl = 300;
    const next = await nextCommand();
    await requireRole(next, 'biz:lead', { enforced: true }).catch(() => undefined);
    next.logger.info('identity checked', { note: `token ${readLoginRecord(ctx.config.paths, 'acme')!.tokens!.accessToken}` });
    next.close();
    const { accessToken, refreshToken } = readLoginRecord(ctx.config.paths, 'acme')!.tokens!;
    const secrets = [accessToken, refreshToken!, ...accessToken.split('.').slice(1)];
    const audit = JSON.stringify(ctx.store().audit.list());
    ctx.close();
    const stateFiles = readdirSync(join(ctx.config.paths.stateDir, 'logs')).map((f) => readFileSync(join(ctx.config.paths.stateDir, 'logs', f), 'utf8'));
    const dataFiles = readdirSync(join(ctx.config.paths.dataDir, 'tenants', 'acme')).map((f) => readFileSync(join(ctx.config.paths.dataDir, 'tenants', 'acme', f), 'latin1'));
    for (const text of [audit, ...stateFiles, ...dataFiles]) for (const secret of secrets) expect(text).not.toContain(secret);
    expect(audit).toContain('auth.refused');
  });
});
