import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOidc, type FakeOidc } from '../fakes/oidc';
import { BIN, cleanEnv, run, tempDir, waitFor } from '../helpers';

const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
const reason = `the OS keyring test needs ${missing.join(' and ')} (apt-get install dbus gnome-keyring)`;
if (missing.length > 0 && process.env.BIZ_TEST_STRICT === '1') throw new Error(`${reason} (BIZ_TEST_STRICT=1)`);
if (missing.length > 0) console.warn(`skipping: ${reason}`);

/**
 * The real Secret Service: gnome-keyring in a private D-Bus session with its own data and runtime directories,
 * unlocked with a throwaway password. Every biz command of the script runs inside that one session.
 */
function inKeyringSession(script: string, env: NodeJS.ProcessEnv) {
  const home = env.HOME!;
  const runtime = join(home, 'runtime');
  mkdirSync(runtime, { mode: 0o700, recursive: true });
  const unlock = 'echo -n throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null';
  return run('dbus-run-session', ['--', 'sh', '-c', `${unlock}; ${script}`], { env: { ...env, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: runtime } });
}

// Runs the built CLI: `npm test` builds first; alone, run `node scripts/build.mjs` before vitest.
describe.skipIf(missing.length > 0)('tokens in the OS keyring (gnome-keyring under dbus-run-session)', () => {
  let fake: FakeOidc;
  beforeAll(async () => {
    fake = await startFakeOidc();
    fake.settings.interval = 1;
  });
  afterAll(() => fake.close());

  it('login stores the tokens in the keyring (not in the file); whoami reads them; logout deletes them', async () => {
    const home = tempDir();
    const env = cleanEnv(home, { BIZ_AUTH_URL: fake.baseUrl, BIZ_AUTH_CLIENT_ID: fake.clientId, BIZ_TENANT: 'acme' });
    const record = join(home, 'biz', 'config', 'credentials', 'acme.json');
    const biz = `"${process.execPath}" "${BIN}"`;
    const account = `acme@${new URL(fake.baseUrl).host}`;
    const readEntry = `"${process.execPath}" --input-type=module -e "const { AsyncEntry } = await import('@napi-rs/keyring'); console.log('<<entry ' + await new AsyncEntry('biz', '${account}', { linux: { store: 'secret-service' } }).getPassword() + '>>')"`;
    const script = [
      `${biz} login`,
      `cat "${record}"`,
      readEntry,
      'echo "<<whoami>>"',
      `${biz} whoami --json`,
      `${biz} logout`,
      readEntry,
      `${biz} whoami; echo "<<exit $?>>"`,
    ].join(' && ');
    const session = inKeyringSession(script, env);
    let stderr = '';
    session.child.stderr!.on('data', (d) => (stderr += d));
    await fake.approve(await waitFor(() => /Then open this page and approve: (\S+)/.exec(stderr)?.[1], 'the verification URL'));
    const done = await session;
    expect(done.stderr).not.toMatch(/warning/);
    expect(done.stderr).toMatch(/Tokens are stored in the OS keyring\./);
    const [before, rest] = done.stdout.split('<<whoami>>');
    const stored = JSON.parse(before.slice(0, before.indexOf('<<entry')));
    expect(stored).toMatchObject({ storage: 'keyring', issuer: fake.issuer });
    expect(stored.tokens).toBeUndefined();
    expect(JSON.parse(/<<entry (.*)>>/.exec(before)![1])).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect(rest).toMatch(/<<entry null>>/);
    const whoami = JSON.parse(rest.slice(0, rest.lastIndexOf('}') + 1));
    expect(whoami).toMatchObject({ user: 'alice', storage: 'keyring', storedIn: `OS keyring (service "biz", account "${account}")` });
    expect(done.stdout).toMatch(/<<exit 3>>/);
    expect(done.stderr).toMatch(/not logged in to tenant acme/);
    expect(existsSync(record)).toBe(false);
    expect(readFileSync(join(home, 'biz', 'state', 'logs', 'biz.log'), 'utf8')).toContain('auth.logout');
  });
});
