import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../src/commands/run-command';
import { createContext, type Context } from '../../src/core/context';
import { requireEntitlement, licenseState } from '../../src/license/entitlements';
import { LicenseError } from '../../src/license/errors';
import { storeKey } from '../../src/license/key-file';
import { advanceLastSeen, readLastSeen } from '../../src/license/last-seen';
import { tempDir } from '../helpers';
import { DAY, NOW } from './support';

// This file's biz trusts a throwaway key made here instead of the compiled-in production keys.
const signer = await vi.hoisted(async () => (await import('./support')).testSigner('unit-1'));
vi.mock('../../src/license/trusted-keys', () => ({ PRODUCTION_LICENSE_KEYS: {}, TRUSTED_LICENSE_KEYS: signer.trustedKeys }));

const iso = (ms: number) => new Date(ms).toISOString();
let ctx: Context;

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterAll(() => vi.useRealTimers());

beforeEach(async () => {
  for (const name of ['BIZ_TENANT', 'BIZ_CONFIG']) delete process.env[name];
  process.env.BIZ_HOME = join(tempDir('biz-entitlements-'), 'biz');
  ctx = await createContext({});
  return () => ctx.close();
});

function refusal(entitlement: string): LicenseError {
  try {
    requireEntitlement(ctx, entitlement);
  } catch (err) {
    expect(err).toBeInstanceOf(LicenseError);
    return err as LicenseError;
  }
  throw new Error(`${entitlement} was granted`);
}

const refusals = () => ctx.store().audit.list().filter((e) => e.event === 'license.refused');

describe('requireEntitlement on the Community plan (no key)', () => {
  it('grants the four agents', () => {
    for (const agent of ['agent:security', 'agent:coding', 'agent:marketing', 'agent:bizdev']) expect(requireEntitlement(ctx, agent).status).toBe('community');
    expect(refusals()).toEqual([]);
  });

  it('refuses team mode with exit 4, names the plans that have it, and audits the refusal', () => {
    const err = refusal('team');
    expect(err).toMatchObject({ failure: 'missing-entitlement', exitCode: 4, message: 'team mode needs the Team or Enterprise plan; activate a key with biz license activate' });
    expect(() => requireEntitlement(ctx, 'gateway')).toThrow(/^the gateway needs the Enterprise plan; activate a key/);
    expect(() => requireEntitlement(ctx, 'sso')).toThrow(/^SSO enforcement needs the Team or Enterprise plan/);
    expect(() => requireEntitlement(ctx, 'custom-x')).toThrow(/^the "custom-x" entitlement needs a license with the "custom-x" entitlement/);
    expect(refusals().map((e) => e.detail.entitlement).reverse()).toEqual(['team', 'gateway', 'sso', 'custom-x']);
    expect(refusals()[0]).toMatchObject({ tenant: 'default', subject: null, runId: null, detail: { plan: 'community', status: 'community', licenseId: null } });
  });

  it('a command that needs team mode exits 4 with that message through the command runner', async () => {
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
    const code = await runCommand(async () => ({ default: async (_a: string[], _o: unknown, context: () => Promise<Context>) => (requireEntitlement(await context(), 'team'), 0) }), [], {});
    spy.mockRestore();
    expect(code).toBe(4);
    expect(stderr.join('')).toBe('error: team mode needs the Team or Enterprise plan; activate a key with biz license activate\nActivate a key with: biz license activate <key|@file>\n');
  });
});

describe('requireEntitlement with a Team key', () => {
  it('grants team mode and the agents, and refuses the Enterprise-only gateway', () => {
    storeKey(ctx.config.paths, signer.issue());
    expect(requireEntitlement(ctx, 'team')).toMatchObject({ plan: 'team', status: 'valid', licenseId: 'lic-0001', seats: 5 });
    expect(requireEntitlement(ctx, 'agent:coding').status).toBe('valid');
    expect(() => requireEntitlement(ctx, 'gateway')).toThrow('the gateway needs the Enterprise plan; license lic-0001 (Team plan) does not include it');
    expect(refusals()[0].detail).toEqual({ entitlement: 'gateway', plan: 'team', status: 'valid', licenseId: 'lic-0001', kid: 'unit-1' });
  });

  it('in grace the Team features keep working; past grace they stop and Community features keep working', () => {
    storeKey(ctx.config.paths, signer.issue({ expiresAt: iso(NOW - 2 * DAY), graceDays: 7 }));
    expect(requireEntitlement(ctx, 'team').status).toBe('grace');
    storeKey(ctx.config.paths, signer.issue({ expiresAt: iso(NOW - 8 * DAY), graceDays: 7 }));
    expect(() => requireEntitlement(ctx, 'team')).toThrow(/^team mode needs the Team or Enterprise plan, and the activated key is not in effect: license lic-0001 expired on .* grace period ended on/);
    expect(requireEntitlement(ctx, 'agent:security').status).toBe('expired');
  });

  it('a clock turned back more than 48 hours turns the key off until the clock is right; the record never moves back', () => {
    storeKey(ctx.config.paths, signer.issue());
    const future = NOW + 3 * DAY;
    advanceLastSeen(ctx.config.paths, future);
    expect(licenseState(ctx)).toMatchObject({ status: 'expired', failure: 'clock-turned-back' });
    expect(() => requireEntitlement(ctx, 'team')).toThrow(/the system clock .* is more than 48 hours behind the last time biz ran/);
    expect(readLastSeen(ctx.config.paths)).toBe(future);
    vi.setSystemTime(future + 1000);
    try {
      expect(requireEntitlement(ctx, 'team').status).toBe('valid');
      expect(readLastSeen(ctx.config.paths)).toBe(future + 1000);
    } finally {
      vi.setSystemTime(NOW);
    }
  });

  it('every check records the time biz saw', () => {
    expect(readLastSeen(ctx.config.paths)).toBeUndefined();
    licenseState(ctx);
    expect(readLastSeen(ctx.config.paths)).toBe(NOW);
  });
});
