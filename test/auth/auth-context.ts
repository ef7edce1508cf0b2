import { join } from 'node:path';
import { createContext, type Context } from '../../src/core/context';
import type { FakeOidc } from '../fakes/oidc';
import { tempDir } from '../helpers';

/**
 * A Context for tenant `<fake realm>` with its own BIZ_HOME, pointed at the fake Keycloak. createContext reads
 * process.env, so the variables are set there (each test file runs in its own process).
 */
export async function authContext(fake: FakeOidc, env: Record<string, string> = {}): Promise<Context> {
  const home = tempDir('biz-auth-');
  for (const name of ['BIZ_TOKEN', 'BIZ_CLIENT_ID', 'BIZ_CLIENT_SECRET', 'DBUS_SESSION_BUS_ADDRESS']) delete process.env[name];
  Object.assign(process.env, { BIZ_HOME: join(home, 'biz'), BIZ_AUTH_URL: fake.baseUrl, BIZ_AUTH_CLIENT_ID: fake.clientId, BIZ_TENANT: fake.realm, ...env });
  return createContext({});
}

/** Another command in the same BIZ_HOME: a fresh Context, so nothing is cached between them. */
export function nextCommand(): Promise<Context> {
  return createContext({});
}

export function auditEvents(ctx: Context): string[] {
  return ctx.store().audit.list().map((e) => e.event).reverse();
}
