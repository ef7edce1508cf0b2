import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/auth/openid';
import { startDeviceAuthorization, waitForApproval } from '../../src/auth/device-flow';
import { DEFAULT_SCOPES, deviceLogin } from '../../src/auth/login';
import { loginRecordPath, readLoginRecord } from '../../src/auth/login-record';
import { logout } from '../../src/auth/logout';
import { currentIdentity } from '../../src/auth/session';
import { resolveAuthTarget } from '../../src/auth/target';
import type { Context } from '../../src/core/context';
import { startFakeOidc, type FakeOidc } from '../fakes/oidc';
import { auditEvents, authContext, nextCommand } from './auth-context';

let fake: FakeOidc;
beforeAll(async () => {
  fake = await startFakeOidc();
});
afterAll(() => fake.close());
beforeEach(() => {
  Object.assign(fake.settings, { interval: 1, deviceCodeTtl: 600, accessTokenTtl: 300, slowDownPolls: 0 });
});

/** A device login approved in the browser as soon as the code is shown. */
async function loginAsAlice(ctx: Context, warnings: string[] = []) {
  return deviceLogin(ctx, resolveAuthTarget(ctx), {
    scopes: DEFAULT_SCOPES,
    insecureStorage: true,
    onCode: (device) => fake.approve(device.verification_uri_complete!),
    onKeyringUnavailable: (reason) => warnings.push(reason),
  });
}

async function startDevice(ctx: Context) {
  const conn = await connect(resolveAuthTarget(ctx));
  const device = await startDeviceAuthorization(conn, DEFAULT_SCOPES);
  return { conn, device };
}

describe('device authorization grant', () => {
  it('logs in: the user approves in the browser, the tokens are verified, stored and audited', async () => {
    const ctx = await authContext(fake);
    const { identity, storage } = await loginAsAlice(ctx);
    expect(storage).toBe('file');
    expect(identity).toMatchObject({ username: 'alice', subject: 'alice', tenant: 'acme', issuer: fake.issuer, clientId: 'biz-cli' });
    expect(identity.roles).toEqual(['biz:code', 'biz:scan', 'offline_access']);
    expect(auditEvents(ctx)).toEqual(['auth.login']);

    const record = readLoginRecord(ctx.config.paths, 'acme')!;
    expect(record.tokens?.refreshToken).toBeTruthy();
    const path = loginRecordPath(ctx.config.paths, 'acme');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);

    const again = await currentIdentity(await nextCommand());
    expect(again).toMatchObject({ username: 'alice', roles: identity.roles, source: 'file' });
  });

  it('polls at once when approved first (interval 0) and gets an access and a refresh token', async () => {
    const ctx = await authContext(fake);
    const { conn, device } = await startDevice(ctx);
    expect(device.verification_uri_complete).toContain(device.user_code);
    await fake.approve(device.verification_uri_complete!);
    const tokens = await waitForApproval(conn, { ...device, interval: 0 }, ctx.signal);
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeTruthy();
  });

  it('slow_down: waits 5 s longer between polls, then succeeds', async () => {
    const ctx = await authContext(fake);
    const { conn, device } = await startDevice(ctx);
    fake.settings.slowDownPolls = 1;
    const polls = fake.seen.devicePolls;
    const waiting = waitForApproval(conn, { ...device, interval: 0 }, ctx.signal);
    await expect.poll(() => fake.seen.slowDowns, { timeout: 10_000 }).toBe(1);
    await fake.approve(device.verification_uri_complete!);
    expect((await waiting).access_token).toBeTruthy();
    expect(fake.seen.devicePolls - polls).toBe(2);
  });

  it('access_denied: the user aborts in the browser; exit 3 with a clear message, audited', async () => {
    const ctx = await authContext(fake);
    const attempt = deviceLogin(ctx, resolveAuthTarget(ctx), {
      scopes: DEFAULT_SCOPES,
      insecureStorage: true,
      onCode: (device) => fake.deny(device.verification_uri_complete!),
      onKeyringUnavailable: () => undefined,
    });
    await expect(attempt).rejects.toMatchObject({ exitCode: 3, message: 'the login was denied in the browser' });
    expect(auditEvents(ctx)).toEqual(['auth.login_failed']);
    expect(readLoginRecord(ctx.config.paths, 'acme')).toBeUndefined();
  });

  it('expired_token: the code expires before approval; exit 3 and how to retry', async () => {
    const ctx = await authContext(fake);
    fake.settings.deviceCodeTtl = 1;
    const { conn, device } = await startDevice(ctx);
    await new Promise((r) => setTimeout(r, 2_100));
    const attempt = waitForApproval(conn, { ...device, interval: 0, expires_in: 600 }, ctx.signal);
    await expect(attempt).rejects.toMatchObject({ exitCode: 3, message: 'the code expired before it was approved' });
  });
});

describe('refresh and logout', () => {
  it('refreshes an access token that is about to expire and stores the new tokens', async () => {
    const ctx = await authContext(fake);
    fake.settings.accessTokenTtl = 30; // inside the 60 s refresh margin
    await loginAsAlice(ctx);
    const before = readLoginRecord(ctx.config.paths, 'acme')!.tokens!;
    const refreshes = fake.seen.refreshes;
    fake.settings.accessTokenTtl = 300;
    const identity = await currentIdentity(await nextCommand());
    expect(identity?.username).toBe('alice');
    expect(fake.seen.refreshes).toBe(refreshes + 1);
    const after = readLoginRecord(ctx.config.paths, 'acme')!.tokens!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.expiresAt).toBeGreaterThan(before.expiresAt);
  });

  it('a dead refresh token ends the login: exit 3 "run biz login", audited, local tokens deleted', async () => {
    const ctx = await authContext(fake);
    fake.settings.accessTokenTtl = 30;
    await loginAsAlice(ctx);
    await fake.revokeSessions();
    const next = await nextCommand();
    await expect(currentIdentity(next)).rejects.toMatchObject({ exitCode: 3, hint: 'Run: biz login' });
    expect(auditEvents(next)).toContain('auth.refresh_failed');
    expect(readLoginRecord(ctx.config.paths, 'acme')).toBeUndefined();
  });

  it('logout revokes at the provider, deletes the tokens, and the refresh token is dead afterwards', async () => {
    const ctx = await authContext(fake);
    await loginAsAlice(ctx);
    const { refreshToken } = readLoginRecord(ctx.config.paths, 'acme')!.tokens!;
    const revocations = fake.seen.revocations.length;
    const result = await logout(await nextCommand());
    expect(result).toEqual({ loggedIn: true, revoked: true });
    expect(fake.seen.revocations.slice(revocations)).toEqual(['refresh_token']);
    expect(readLoginRecord(ctx.config.paths, 'acme')).toBeUndefined();
    const conn = await connect(resolveAuthTarget(ctx));
    await expect(conn.oidc.refreshTokenGrant(conn.config, refreshToken!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await currentIdentity(await nextCommand())).toBeUndefined();
    expect(auditEvents(ctx)).toEqual(['auth.login', 'auth.logout']);
    expect(await logout(await nextCommand())).toEqual({ loggedIn: false, revoked: false });
  });
});
