import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import { startFakeOsv, type FakeOsv } from '../fakes/osv';
import { alnum, base32 } from '../fixtures/secrets/fake-tokens';
import { biz, cleanEnv, deadUrl, ROOT, tempDir } from '../helpers';
import { expectValid } from '../support/sarif';

const lodashAdvisory = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/deps/advisories/GHSA-35jh-r3h4-6jhm.json'), 'utf8'));
const AWS_KEY = `AKIA${base32(16)}`;
const GH_TOKEN = `ghp_${alnum(36)}`;
const IGNORED_TOKEN = `ghp_${alnum(36)}`;

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
}

/** A small repository with one problem of every kind, and the files a scanner must skip. */
function makeRepo(): string {
  const repo = tempDir('biz-repo-');
  const write = (rel: string, text: string | Buffer) => {
    mkdirSync(join(repo, rel, '..'), { recursive: true });
    writeFileSync(join(repo, rel), text);
  };
  write('src/config.js', `export const region = 'eu-west-1';\nexport const awsKeyId = '${AWS_KEY}';\n`);
  write('app.py', 'from flask import Flask, request\napp = Flask(__name__)\n\n@app.route("/u")\ndef user():\n    cursor.execute("SELECT * FROM users WHERE id = " + request.args.get("id"))\n');
  write('Dockerfile', 'FROM node:latest\nCOPY . /app\nCMD ["node", "/app/index.js"]\n');
  write('package-lock.json', JSON.stringify({ name: 'demo', lockfileVersion: 3, packages: { '': { name: 'demo' }, 'node_modules/lodash': { version: '4.17.20' } } }, null, 2));
  write('deploy/notes.txt', `token for the bot: ${GH_TOKEN}\n`);
  write('ignored/leak.env', `GITHUB_TOKEN=${IGNORED_TOKEN}\n`);
  write('.gitignore', 'ignored/\n');
  write('assets/logo.bin', Buffer.concat([Buffer.from(`${GH_TOKEN}`), Buffer.from([0, 1, 2, 3])]));
  write('vendor/bundle.js', `var a=1;${'x'.repeat(20000)}`);
  write('latin1.txt', Buffer.concat([Buffer.from('caf\xe9 ', 'latin1'), Buffer.from(`aws_key=${AWS_KEY}\n`)]));
  symlinkSync('..', join(repo, 'src', 'loop'));
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'initial');
  return repo;
}

describe('biz scan end to end', () => {
  let osv: FakeOsv;
  let repo: string;
  let home: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    osv = await startFakeOsv({ vulns: [lodashAdvisory] });
    osv.zips.set('npm', zipSync({ 'GHSA-35jh-r3h4-6jhm.json': strToU8(JSON.stringify(lodashAdvisory)) }));
    repo = makeRepo();
    home = tempDir();
    env = cleanEnv(home, { BIZ_OSV_API_URL: osv.url, BIZ_OSV_DB_URL: osv.url });
  });
  afterAll(async () => {
    await osv.close();
  });

  it('finds one problem of each kind, masks secrets everywhere and exits 1', async () => {
    const r = await biz(['scan', repo, '--format', 'json'], { env });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const rules = doc.findings.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'secret/aws-access-key-id src/config.js',
        'secret/aws-access-key-id latin1.txt',
        'secret/github-pat deploy/notes.txt',
        'py/sql-injection app.py',
        'docker/unpinned-base-image Dockerfile',
        'docker/root-user Dockerfile',
        'dep/GHSA-35jh-r3h4-6jhm package-lock.json',
      ]),
    );
    expect(rules.filter((x: string) => x.startsWith('secret/github-pat'))).toEqual(['secret/github-pat deploy/notes.txt']);
    expect(doc.summary.skipped).toMatchObject({ binary: 1, minified: 1, ignored: 1 });
    for (const secret of [AWS_KEY, GH_TOKEN]) {
      expect(r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(secret);
    }
    const dbDir = join(home, 'biz', 'data', 'tenants', 'default');
    for (const f of readdirSync(dbDir)) expect(readFileSync(join(dbDir, f)).includes(AWS_KEY)).toBe(false);
  });

  it('writes several formats at once; SARIF passes the multitool; GitLab reports split secrets from SAST', async () => {
    const out = tempDir();
    const files = ['r.json', 'r.sarif', 'sast.json', 'secrets.json', 'r.md', 'r.html'].map((f) => join(out, f));
    const r = await biz(['scan', repo, '-f', 'json,sarif,gitlab-sast,gitlab-secrets,md,html', ...files.flatMap((f) => ['-o', f]), '--fail-on', 'none'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const [json, sarif, sast, secrets, md, html] = files.map((f) => readFileSync(f, 'utf8'));
    for (const text of [json, sarif, sast, secrets, md, html]) {
      expect(text).not.toContain(AWS_KEY);
      expect(text).not.toContain(GH_TOKEN);
    }
    expectValid('e2e', sarif);
    expect(JSON.parse(sarif).runs[0].results.length).toBe(JSON.parse(json).findings.length);
    const sastTypes = new Set(JSON.parse(sast).vulnerabilities.map((v: { identifiers: { value: string }[] }) => v.identifiers[0].value.split('/')[0]));
    expect([...sastTypes].sort()).toEqual(['docker', 'py']);
    const secretVulns = JSON.parse(secrets).vulnerabilities;
    expect(secretVulns.every((v: { identifiers: { value: string }[] }) => v.identifiers[0].value.startsWith('secret/'))).toBe(true);
    expect(secretVulns[0].location.commit.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(md).toContain('| ');
    expect(html.toLowerCase()).toContain('<!doctype html>');
  });

  it('usage errors exit 2 and write nothing', async () => {
    const out = tempDir();
    const bad = await biz(['scan', repo, '-f', 'json,xml', '-o', join(out, 'a'), '-o', join(out, 'b')], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format: unknown format "xml"/);
    expect(readdirSync(out)).toEqual([]);
    expect((await biz(['scan', join(repo, 'nope')], { env })).code).toBe(2);
    const two = await biz(['scan', repo, '-f', 'json,sarif'], { env });
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/more than one format would go to stdout/);
    const scanners = await biz(['scan', repo, '--scanners', 'secrets,magic'], { env });
    expect(scanners.code).toBe(2);
    expect(scanners.stderr).toMatch(/unknown scanner "magic"/);
  });

  it('caches advisories: a second scan asks OSV only for the batch, not the details', async () => {
    const before = osv.requestsTo('/v1/vulns/').length;
    expect(before).toBeGreaterThan(0);
    const r = await biz(['scan', repo, '--scanners', 'dependencies', '--format', 'json'], { env });
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
    expect(osv.requestsTo('/v1/vulns/').length).toBe(before);
  });

  it('without a reachable OSV it says so once and scans the rest', async () => {
    const r = await biz(['scan', repo, '--format', 'json'], { env: { ...env, BIZ_OSV_API_URL: await deadUrl() } });
    expect(r.code).toBe(1);
    expect(r.stderr.match(/dependency scan skipped/g)).toHaveLength(1);
    expect(JSON.parse(r.stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'secret/aws-access-key-id')).toBe(true);
  });

  it('db update then --offline: advisories from the local database, no API call', async () => {
    const update = await biz(['db', 'update', '--ecosystems', 'npm', '--json'], { env });
    expect(update.stderr).toBe('');
    expect(update.code).toBe(0);
    expect(JSON.parse(update.stdout).results).toEqual([expect.objectContaining({ ecosystem: 'npm', vulnerabilities: 1 })]);
    const batches = osv.requestsTo('/v1/querybatch').length;
    const r = await biz(['scan', repo, '--offline', '--scanners', 'dependencies', '--format', 'json'], { env });
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['dep/GHSA-35jh-r3h4-6jhm']);
    expect(osv.requestsTo('/v1/querybatch').length).toBe(batches);
    const missing = await biz(['scan', repo, '--osv-db', tempDir(), '--scanners', 'dependencies', '--format', 'json'], { env });
    expect(missing.stderr).toMatch(/dependency scan skipped: .*biz db update --ecosystems npm/);
  });

  it('--no-ignore scans what .gitignore excludes', async () => {
    const r = await biz(['scan', repo, '--no-ignore', '--scanners', 'secrets', '--format', 'json'], { env });
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toContain('ignored/leak.env');
  });

  it('--baseline accepts known findings; inline, .bizignore and policy ignores suppress; expired ignores come back', async () => {
    const out = tempDir();
    const baseline = join(out, 'baseline.json');
    await biz(['scan', repo, '-f', 'json', '-o', baseline], { env });
    const again = await biz(['scan', repo, '--baseline', baseline, '--format', 'json'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).findings).toEqual([]);
    expect(JSON.parse(again.stdout).summary.suppressed).toBeGreaterThan(0);

    const copy = makeRepo();
    writeFileSync(join(copy, 'src', 'config.js'), `// biz:ignore secret/aws-access-key-id\nexport const awsKeyId = '${AWS_KEY}';\n`);
    writeFileSync(join(copy, '.bizignore'), 'deploy/\n');
    mkdirSync(join(copy, '.biz'));
    writeFileSync(
      join(copy, '.biz', 'policy.yaml'),
      'failOn: critical\nrequiredFiles: [SECURITY.md, LICENSE]\nignore:\n  - rules: ["docker/*"]\n    reason: base images are pinned by the platform team\n  - rules: ["py/*"]\n    reason: old exception\n    expires: 2020-01-01\n',
    );
    writeFileSync(join(copy, 'LICENSE'), 'MIT\n');
    const r = await biz(['scan', copy, '--format', 'json'], { env });
    const doc = JSON.parse(r.stdout);
    const files = doc.findings.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`);
    expect(files).not.toContain('secret/aws-access-key-id src/config.js');
    expect(files.some((f: string) => f.includes('deploy/'))).toBe(false);
    expect(files.some((f: string) => f.startsWith('docker/'))).toBe(false);
    expect(files).toContain('py/sql-injection app.py');
    const controls = Object.fromEntries(doc.compliance.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect(controls).toMatchObject({ 'required-file/SECURITY.md': 'fail', 'required-file/LICENSE': 'pass', 'policy/ignore-expired': 'fail' });
    expect(r.code).toBe(doc.findings.some((f: { severity: string }) => f.severity === 'critical') ? 1 : 0);

    writeFileSync(join(copy, '.biz', 'policy.yaml'), 'ignore:\n  - rules: ["docker/*"]\n');
    const broken = await biz(['scan', copy], { env });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${join(copy, '.biz', 'policy.yaml')}:2: ignore.0.reason`);
  });

  it('--since reports only what the branch adds; --compare shows new and fixed', async () => {
    const copy = makeRepo();
    const base = git(copy, 'rev-parse', 'HEAD').trim();
    const first = await biz(['scan', copy, '--scanners', 'secrets,code,infrastructure', '--format', 'json'], { env });
    const firstRun = (await biz(['runs', 'list', '--json', '--limit', '1'], { env })).stdout;
    const firstId = JSON.parse(firstRun)[0].id;
    expect(JSON.parse(first.stdout).findings.length).toBeGreaterThan(1);

    const newToken = `ghp_${alnum(36)}`;
    writeFileSync(join(copy, 'deploy', 'notes.txt'), 'no token here any more\n');
    writeFileSync(join(copy, 'new.env'), `GITHUB_TOKEN=${newToken}\n`);
    const since = await biz(['scan', copy, '--since', base, '--scanners', 'secrets,code,infrastructure', '--format', 'json'], { env });
    expect(JSON.parse(since.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['new.env']);

    const compared = await biz(['scan', copy, '--compare', firstId, '--scanners', 'secrets,code,infrastructure', '--fail-on', 'none'], { env });
    expect(compared.code).toBe(0);
    expect(compared.stdout).toMatch(/Compared with run \w+: 1 new, 1 fixed/);
    expect(compared.stdout).toMatch(/new:\n\s+\w+\s+secret\/github-pat\s+new\.env:1/);
    expect(compared.stdout).toMatch(/fixed:\n\s+\w+\s+secret\/github-pat\s+deploy\/notes\.txt:1/);
    expect(compared.stdout).not.toContain(newToken);

    const json = await biz(['scan', copy, '--compare', firstId, '--scanners', 'secrets,code,infrastructure', '--format', 'json'], { env });
    expect(JSON.parse(json.stdout).comparison).toMatchObject({ against: firstId, added: [expect.objectContaining({ file: 'new.env' })], fixed: [expect.objectContaining({ file: 'deploy/notes.txt' })] });

    const bad = await biz(['scan', copy, '--since', 'no-such-ref'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since no-such-ref: not a commit/);
  });

  it('--history finds a secret that a later commit removed, with its commit', async () => {
    const copy = makeRepo();
    const leaked = git(copy, 'rev-parse', 'HEAD').trim();
    writeFileSync(join(copy, 'deploy', 'notes.txt'), 'rotated\n');
    git(copy, 'commit', '-qam', 'remove token');
    const r = await biz(['scan', copy, '--history', '--scanners', 'secrets', '--format', 'json'], { env });
    const hits = JSON.parse(r.stdout).findings.filter((f: { file: string; commit?: string }) => f.file === 'deploy/notes.txt');
    expect(hits).toEqual([expect.objectContaining({ ruleId: 'secret/github-pat', commit: leaked, line: 1 })]);
  });

  it('a malformed lockfile is a warning with file and line; the scan goes on', async () => {
    const copy = makeRepo();
    writeFileSync(join(copy, 'package-lock.json'), '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/x": { "version": \n');
    const r = await biz(['scan', copy, '--format', 'json'], { env });
    expect(r.stderr).toMatch(/warning: package-lock\.json:\d+: /);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
  });

  it('--jsonl streams run events on stdout', async () => {
    const r = await biz(['scan', repo, '--scanners', 'infrastructure', '--jsonl', '--fail-on', 'none'], { env });
    const lines = r.stdout.trim().split('\n').filter((l) => l.startsWith('{"runId"'));
    const types = lines.map((l) => JSON.parse(l).type);
    expect(types[0]).toBe('run.started');
    expect(types).toContain('node.finished');
    expect(types.at(-1)).toBe('run.finished');
  });
});

describe('biz scan --triage', () => {
  let model: FakeOpenAI;
  beforeAll(async () => {
    model = await startFakeOpenAI({
      replies: [(req) => {
        const prompt = JSON.stringify(req.body.messages);
        const ids = [...prompt.matchAll(/\\n(\d+)\. \[/g)].map((m) => Number(m[1]));
        return { json: { findings: ids.map((id, rank) => ({ id, rank: rank + 1, likelyFalsePositive: id === 0, note: `note ${id}` })) } };
      }],
    });
  });
  afterAll(async () => {
    await model.close();
  });

  it('annotates findings with the model and hides none', async () => {
    const repo = makeRepo();
    const home = tempDir();
    // biz:ignore js/hardcoded-credential (the fake server's key)
    const env = cleanEnv(home, { OPENAI_API_KEY: 'sk-test-00000000000000000000', OPENAI_BASE_URL: model.url, BIZ_OSV_API_URL: await deadUrl() });
    const plain = await biz(['scan', repo, '--scanners', 'secrets,code,infrastructure', '--format', 'json'], { env });
    const triaged = await biz(['scan', repo, '--scanners', 'secrets,code,infrastructure', '--format', 'json', '--triage'], { env });
    expect(triaged.stderr).not.toMatch(/error|warning/i);
    const doc = JSON.parse(triaged.stdout);
    expect(doc.findings.length).toBe(JSON.parse(plain.stdout).findings.length);
    expect(doc.triage.length).toBe(doc.findings.length);
    expect(doc.triage[0]).toMatchObject({ rank: 1, note: expect.stringMatching(/^note \d+$/) });
    model.enqueue((req) => {
      const ids = [...JSON.stringify(req.body.messages).matchAll(/\\n(\d+)\. \[/g)].map((m) => Number(m[1]));
      return { json: { findings: ids.map((id, rank) => ({ id, rank: rank + 1, likelyFalsePositive: false, note: `table note ${id}` })) } };
    });
    const table = await biz(['scan', repo, '--scanners', 'secrets,code,infrastructure', '--triage', '--no-cache'], { env });
    expect(table.stdout).toMatch(/Triage \(the model's opinion; nothing was hidden\):\n {2}1\. \S+ \S+:\d+: table note \d+/);
    const prompt = JSON.stringify(model.requests[0].body);
    expect(prompt).not.toContain(AWS_KEY);
    expect(existsSync(join(home, 'biz'))).toBe(true);
  });
});
