import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, biz, cleanEnv, run, tempDir } from '../helpers';

describe('biz command line', () => {
  const home = tempDir();
  const env = cleanEnv(home);

  it('--version prints the package version', async () => {
    const r = await biz(['--version'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('--help lists every command; each command has examples', async () => {
    const r = await biz(['--help'], { env });
    expect(r.code).toBe(0);
    for (const c of ['scan', 'db', 'config', 'doctor', 'runs', 'completion']) expect(r.stdout).toMatch(new RegExp(`\\n  ${c}\\b`));
    const scan = await biz(['scan', '--help'], { env });
    expect(scan.stdout).toContain('Examples:');
    expect(scan.stdout).toContain('$ biz scan --format sarif -o biz.sarif');
  });

  it('an unknown command suggests the right one and exits 2', async () => {
    const r = await biz(['scna'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'scna'/);
    expect(r.stderr).toMatch(/Did you mean scan\?/);
  });

  it('an unknown flag suggests and exits 2', async () => {
    const r = await biz(['scan', '--formt', 'json'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--formt'/);
    expect(r.stderr).toMatch(/Did you mean --format\?/);
  });

  it('a bad choice exits 2 and names the flag', async () => {
    const r = await biz(['scan', '--fail-on', 'severe'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--fail-on/);
  });

  it('config set / get / list / unset round-trip, with sources', async () => {
    expect((await biz(['config', 'set', 'models.default', 'ollama:llama3.2'], { env })).code).toBe(0);
    const got = await biz(['config', 'get', 'models.default', '--json'], { env });
    expect(JSON.parse(got.stdout)).toEqual({ key: 'models.default', value: 'ollama:llama3.2', source: join(home, 'biz', 'config', 'config.yaml') });
    const overridden = await biz(['config', 'get', 'models.default'], { env: { ...env, BIZ_MODEL: 'openai:gpt-4o' } });
    expect(overridden.stdout.trim()).toBe('openai:gpt-4o');
    const list = await biz(['config', 'list'], { env });
    expect(list.stdout).toMatch(/models\.default\s+ollama:llama3\.2\s+\//);
    expect((await biz(['config', 'unset', 'models.default'], { env })).code).toBe(0);
    const gone = await biz(['config', 'get', 'models.default'], { env });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/models.default is not set/);
  });

  it('config set with a bad value or key exits 2 and writes nothing', async () => {
    const bad = await biz(['config', 'set', 'scan.failOn', 'severe'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error: scan.failOn: /);
    const unknown = await biz(['config', 'set', 'scan.failon', 'high'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown config key "scan.failon"/);
    expect(unknown.stderr).toMatch(/Did you mean "scan.failOn"\?/);
  });

  it('a broken config file makes commands exit 2 naming file and line', async () => {
    const h = tempDir();
    const e = cleanEnv(h);
    mkdirSync(join(h, 'biz', 'config'), { recursive: true });
    writeFileSync(join(h, 'biz', 'config', 'config.yaml'), 'models:\n  default: [oops\n');
    const r = await biz(['runs', 'list'], { env: e });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(h, 'biz', 'config', 'config.yaml')}:`);
    expect(r.stderr).toMatch(/invalid YAML/);
    const path = await biz(['config', 'path', '--json'], { env: e });
    expect(path.code).toBe(0);
    expect(JSON.parse(path.stdout).data).toBe(join(h, 'biz', 'data'));
  });

  it('runs list on a fresh machine says there are none', async () => {
    const r = await biz(['runs', 'list'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no runs yet/);
    const json = await biz(['runs', 'list', '--json'], { env });
    expect(JSON.parse(json.stdout)).toEqual([]);
    const missing = await biz(['runs', 'show', 'nope'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no run "nope"/);
  });

  it('with auth.required an agent command needs a login (exit 3); local use needs none', async () => {
    const repo = tempDir();
    const required = await biz(['scan', repo, '--scanners', 'secrets'], { env: { ...env, BIZ_AUTH_REQUIRED: 'true' } });
    expect(required.code).toBe(3);
    expect(required.stderr).toMatch(/login required: run biz login/);
    expect(required.stderr).toMatch(/biz:scan/);
    const local = await biz(['scan', repo, '--scanners', 'secrets'], { env });
    expect(local.code).toBe(0);
  });

  it('a closed pipe (biz ... | head) ends quietly', async () => {
    // `true` exits at once, so biz writes into a pipe nobody reads: EPIPE.
    const r = await run('bash', ['-c', `set -o pipefail; node ${BIN} completion bash | true`], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('completion scripts are valid for bash, zsh and fish', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await biz(['completion', shell], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('scan');
    }
    const bash = await biz(['completion', 'bash'], { env });
    const file = join(home, 'biz.bash');
    writeFileSync(file, bash.stdout);
    const check = await run('bash', ['-c', `source ${file}; COMP_WORDS=(biz sc); COMP_CWORD=1; _biz; echo "\${COMPREPLY[@]}"`], { env: { PATH: process.env.PATH } });
    expect(check.stdout.trim()).toBe('scan');
    const sub = await run('bash', ['-c', `source ${file}; COMP_WORDS=(biz runs re); COMP_CWORD=2; _biz; echo "\${COMPREPLY[@]}"`], { env: { PATH: process.env.PATH } });
    expect(sub.stdout.trim()).toBe('resume');
    const bad = await biz(['completion', 'tcsh'], { env });
    expect(bad.code).toBe(2);
  });
});
