import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicKeyOf } from '../../src/license/signing';
import { biz, cleanEnv, ROOT, run, tempDir, type Result } from '../helpers';
import { DAY, testSigner } from './support';

// The test build (.cache/dist-test) trusts a key pair made here; dist/ is built without it (scripts/build.mjs).
const TEST_DIST = join(ROOT, '.cache', 'dist-test');
const signer = testSigner('e2e-1');
const work = tempDir('biz-license-cli-');
const pemFile = join(work, 'e2e-1.private.pem');

beforeAll(async () => {
  const keysFile = join(work, 'test-license-keys.json');
  writeFileSync(keysFile, JSON.stringify(signer.trustedKeys));
  writeFileSync(pemFile, signer.privateKeyPem, { mode: 0o600 });
  const built = await run(process.execPath, ['scripts/build.mjs'], { env: { ...process.env, BIZ_BUILD_TEST_LICENSE_KEYS: keysFile } });
  expect(built.code, built.stderr).toBe(0);
});

const testBiz = (args: string[], env: NodeJS.ProcessEnv) => run(process.execPath, [join(TEST_DIST, 'cli.js'), ...args], { env });
const vendor = (args: string[]) => run(process.execPath, [join(TEST_DIST, 'biz-license-vendor.js'), ...args], { env: cleanEnv(work) });

/** A key issued by the vendor tool of the test build. */
async function issue(overrides: Record<string, unknown> = {}): Promise<string> {
  const now = Date.now();
  const payloadFile = join(tempDir('biz-license-payload-'), 'payload.json');
  const payload = {
    id: 'lic-e2e-1',
    customer: 'Acme GmbH',
    plan: 'team',
    entitlements: ['team', 'sso', 'tenants'],
    seats: 5,
    issuedAt: new Date(now - DAY).toISOString(),
    notBefore: new Date(now - DAY).toISOString(),
    expiresAt: new Date(now + 365 * DAY).toISOString(),
    graceDays: 7,
    ...overrides,
  };
  writeFileSync(payloadFile, JSON.stringify(payload));
  const issued = await vendor(['issue', '--key', pemFile, '--kid', 'e2e-1', '--payload', payloadFile]);
  expect(issued.code, issued.stderr).toBe(0);
  return issued.stdout.trim();
}

function home() {
  const dir = tempDir('biz-license-home-');
  const bizHome = join(dir, 'biz');
  return { env: cleanEnv(dir), keyFile: join(bizHome, 'config', 'license.key'), bizHome };
}

function auditLog(bizHome: string): { event: string; detail: Record<string, unknown> }[] {
  const db = new Database(join(bizHome, 'data', 'tenants', 'default', 'biz.db'), { readonly: true });
  try {
    return (db.prepare('SELECT event, detail FROM audit_log ORDER BY id').all() as { event: string; detail: string }[]).map((r) => ({ event: r.event, detail: JSON.parse(r.detail) }));
  } finally {
    db.close();
  }
}

/** Every file biz wrote, but the key file itself. */
function filesWritten(dir: string, skip: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && join(e.parentPath, e.name) !== skip)
    .map((e) => readFileSync(join(e.parentPath, e.name), 'latin1'));
}

function expectNoKeyIn(texts: string[], key: string): void {
  const [, , payload, signature] = key.split('.');
  for (const text of texts) for (const secret of [key, payload, signature]) expect(text).not.toContain(secret);
}

describe('the vendor tool', () => {
  it('keygen writes the private key with mode 0600 and prints the public key for the trusted-keys map', async () => {
    const out = join(tempDir('biz-vendor-'), 'keys');
    const made = await vendor(['keygen', '--kid', 'acme-2026', '--out', out]);
    expect(made.code, made.stderr).toBe(0);
    const pem = join(out, 'acme-2026.private.pem');
    expect(statSync(pem).mode & 0o777).toBe(0o600);
    expect(made.stdout).toBe(`  'acme-2026': '${publicKeyOf(readFileSync(pem, 'utf8'))}',\n`);
    expect(made.stderr).toMatch(/keep it secret/);
    expect((await vendor(['keygen', '--kid', 'acme-2026', '--out', out])).code).toBe(1);
    const badKid = await vendor(['keygen', '--kid', 'Bad Kid', '--out', out]);
    expect(badKid.code).toBe(2);
    expect(badKid.stderr).toMatch(/^error: invalid kid "Bad Kid": a kid is 1-32 lowercase letters/);
    expect((await vendor(['issue', '--key', pem])).stderr).toMatch(/--kid is required/);
  });

  it('issue refuses a payload that is not a license', async () => {
    const bad = join(tempDir('biz-vendor-'), 'bad.json');
    writeFileSync(bad, JSON.stringify({ id: 'x', plan: 'gold' }));
    const r = await vendor(['issue', '--key', pemFile, '--kid', 'e2e-1', '--payload', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: invalid license payload: /);
  });
});

describe('biz license, end to end', () => {
  it('activate a valid key from @file, status, deactivate; the key appears nowhere but its file', async () => {
    const { env, keyFile, bizHome } = home();
    const key = await issue();
    const keyInput = join(work, 'license.txt');
    writeFileSync(keyInput, `${key}\n`);
    const outputs: Result[] = [];
    const step = async (args: string[]) => {
      const r = await testBiz(args, env);
      outputs.push(r);
      return r;
    };

    const activated = await step(['license', 'activate', `@${keyInput}`]);
    expect(activated.code, activated.stderr).toBe(0);
    expect(activated.stderr).toMatch(/^Activated license lic-e2e-1: Team plan for Acme GmbH, 5 seats, until \d{4}-\d\d-\d\d\.$/m);
    expect(readFileSync(keyFile, 'utf8')).toBe(`${key}\n`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const json = await step(['license', 'status', '--json']);
    expect(json.code).toBe(0);
    const status = JSON.parse(json.stdout);
    expect(status).toMatchObject({ plan: 'team', status: 'valid', licenseId: 'lic-e2e-1', kid: 'e2e-1', customer: 'Acme GmbH', seats: 5, daysLeft: 365, keyFile });
    expect(status.entitlements).toEqual(['agent:security', 'agent:coding', 'agent:marketing', 'agent:bizdev', 'team', 'sso', 'tenants']);
    expect(status.machine).toMatch(/^[0-9a-f]{64}$/);

    const text = await step(['license', 'status']);
    expect(text.stdout).toMatch(/^plan: +Team \(valid\)$/m);
    expect(text.stdout).toMatch(/^license: +lic-e2e-1 \(signing key e2e-1\)/m);

    const again = await step(['license', 'activate', key]);
    expect(again.code).toBe(0);

    const deactivated = await step(['license', 'deactivate']);
    expect(deactivated.code).toBe(0);
    expect(deactivated.stderr).toBe('Deactivated license lic-e2e-1; back to the Community plan.\n');
    expect(existsSync(keyFile)).toBe(false);
    expect(JSON.parse((await step(['license', 'status', '--json'])).stdout)).toMatchObject({ plan: 'community', status: 'community', licenseId: null, keyFile: null });
    expect((await step(['license', 'deactivate'])).stderr).toMatch(/No license key is activated/);

    expect(auditLog(bizHome)).toEqual([
      { event: 'license.activated', detail: { licenseId: 'lic-e2e-1', kid: 'e2e-1', plan: 'team', expiresAt: status.expiresAt, replaced: null } },
      { event: 'license.activated', detail: { licenseId: 'lic-e2e-1', kid: 'e2e-1', plan: 'team', expiresAt: status.expiresAt, replaced: 'lic-e2e-1' } },
      { event: 'license.deactivated', detail: { licenseId: 'lic-e2e-1', kid: 'e2e-1', status: 'valid' } },
    ]);
    expectNoKeyIn([...outputs.flatMap((r) => [r.stdout, r.stderr]), ...filesWritten(bizHome, keyFile)], key);
  });

  it('a garbage or forged key exits 4, changes nothing, and the refusal is audited', async () => {
    const { env, keyFile, bizHome } = home();
    const garbage = await testBiz(['license', 'activate', 'not-a-license-key'], env);
    expect(garbage.code).toBe(4);
    expect(garbage.stderr).toMatch(/^error: this is not a biz license key/);
    expect(existsSync(keyFile)).toBe(false);

    const good = await issue();
    expect((await testBiz(['license', 'activate', good], env)).code).toBe(0);
    const forged = testSigner('e2e-1').issue({ plan: 'enterprise' });
    const refused = await testBiz(['license', 'activate', forged], env);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^error: the license key's signature does not match its content/);
    expect(readFileSync(keyFile, 'utf8')).toBe(`${good}\n`);

    const expired = await issue({ expiresAt: new Date(Date.now() - 2 * DAY).toISOString(), graceDays: 0 });
    const late = await testBiz(['license', 'activate', expired], env);
    expect(late.code).toBe(4);
    expect(late.stderr).toMatch(/^error: license lic-e2e-1 expired on \d{4}-\d\d-\d\d\nRenew the Team license/);
    expect(readFileSync(keyFile, 'utf8')).toBe(`${good}\n`);

    expect(auditLog(bizHome).map((e) => [e.event, e.detail.failure ?? null])).toEqual([
      ['license.refused', 'garbage'],
      ['license.activated', null],
      ['license.refused', 'bad-signature'],
      ['license.refused', 'expired'],
    ]);
    expectNoKeyIn([garbage.stderr, refused.stderr, late.stderr, ...filesWritten(bizHome, keyFile)], forged);
  });

  it('an activated key that expired: status exits 4, says why, and Community features keep working', async () => {
    const { env, keyFile } = home();
    const key = await issue({ issuedAt: new Date(Date.now() - 400 * DAY).toISOString(), notBefore: new Date(Date.now() - 400 * DAY).toISOString(), expiresAt: new Date(Date.now() - 30 * DAY).toISOString() });
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, key, { mode: 0o600 });
    const r = await testBiz(['license', 'status', '--json'], env);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ plan: 'team', status: 'expired', failure: 'past-grace', entitlements: ['agent:security', 'agent:coding', 'agent:marketing', 'agent:bizdev'] });
    expect(r.stderr).toMatch(/^warning: license lic-e2e-1 expired on .* grace period ended on .*; paid features are off, Community features keep working$/m);
  });

  it('the shipped build (dist/) does not trust the test key', async () => {
    const key = await issue();
    const r = await biz(['license', 'activate', key], { env: home().env });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: the license key was signed with key "e2e-1", which this version of biz does not trust$/m);
  });
});
