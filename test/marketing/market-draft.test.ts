import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIReply } from '../fakes/openai';
import { startFakeX, type FakeX } from '../fakes/x';
import { biz, cleanEnv, tempDir } from '../helpers';

let model: FakeOpenAI | undefined;
let x: FakeX | undefined;

afterEach(async () => {
  await model?.close();
  await x?.close();
  model = x = undefined;
});

const candidate = (text: string, link: string | null = null) => ({ text, link, mediaAlt: null });
const LONG = `${'Our scanner now reads every lockfile format you use and reports in SARIF for GitHub and GitLab. '.repeat(4)}#security`;

async function setup(replies: FakeOpenAIReply[], extra: Record<string, string> = {}) {
  model = await startFakeOpenAI({ replies });
  x = await startFakeX();
  const project = tempDir('biz-market-');
  // biz:ignore js/hardcoded-credential (the fake server's key)
  const env = cleanEnv(tempDir(), { OPENAI_API_KEY: 'sk-test-market-00000000000000', OPENAI_BASE_URL: model.url, BIZ_X_API_URL: x.url, BIZ_X_BEARER: x.bearer, ...extra });
  return { env, project };
}

const queue = async (env: NodeJS.ProcessEnv, cwd: string) => JSON.parse((await biz(['market', 'queue', '--json'], { env, cwd })).stdout) as Record<string, unknown>[];

describe('biz market draft -> review -> publish (scripted model, fake X)', () => {
  it('writes candidates, sends the one that fails a gate back with the reasons, and queues both for review', async () => {
    const { env, project } = await setup([
      { json: { candidates: [candidate('biz 2.0 scans twice as fast. Try it today:', 'https://example.com/2.0'), candidate(LONG)] } },
      { json: { candidates: [candidate('Every lockfile, SARIF for GitHub and GitLab: biz 2.0. #security')] } },
    ]);
    const r = await biz(['market', 'draft', 'announce biz 2.0', '--variants', '2', '--campaign', 'launch'], { env, cwd: project });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(model!.requests).toHaveLength(2);
    const revise = JSON.stringify(model!.requests[1].body);
    expect(revise).toMatch(/length/i);
    expect(revise).toContain('Rewrite these 1 candidate');
    const posts = await queue(env, project);
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatchObject({ status: 'review', campaign: 'launch', passed: true, parts: ['biz 2.0 scans twice as fast. Try it today: https://example.com/2.0'] });
    expect(posts[1]).toMatchObject({ status: 'review', passed: true, parts: ['Every lockfile, SARIF for GitHub and GitLab: biz 2.0. #security'] });
    expect(r.stderr).toContain(`biz market approve ${posts[0].id} ${posts[1].id}`);

    // Unattended, nothing in review goes out.
    expect((await biz(['market', 'publish'], { env, cwd: project })).stdout).toBe('');
    expect(x!.posts).toHaveLength(0);

    expect((await biz(['market', 'reject', String(posts[1].id)], { env, cwd: project })).code).toBe(0);
    const approve = await biz(['market', 'approve', String(posts[0].id), '--at', '+2h'], { env, cwd: project });
    expect(approve.code).toBe(0);
    expect((await biz(['market', 'publish'], { env, cwd: project })).stdout).toBe('');
    const later = { ...env, BIZ_NOW: new Date(Date.now() + 3 * 3600_000).toISOString() };
    const published = await biz(['market', 'publish'], { env: later, cwd: project });
    expect(published.code).toBe(0);
    expect(x!.posts.map((p) => p.text)).toEqual(['biz 2.0 scans twice as fast. Try it today: https://example.com/2.0']);
    expect(await queue(env, project)).toHaveLength(0);
  });

  it('keeps a draft that is still below the bar after the revisions for a person, and refuses to approve it until edited', async () => {
    const { env, project } = await setup([{ json: { candidates: [candidate(LONG)] } }, { json: { candidates: [candidate(LONG)] } }, { json: { candidates: [candidate(LONG)] } }]);
    const r = await biz(['market', 'draft', 'lockfiles', '--no-cache'], { env, cwd: project });
    expect(r.code).toBe(0);
    expect(model!.requests).toHaveLength(3); // generate + two revisions (market.maxRevisions)
    const [post] = await queue(env, project);
    expect(post).toMatchObject({ status: 'review', passed: false });
    const refused = await biz(['market', 'approve', String(post.id)], { env, cwd: project });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/length/);
    expect(refused.stderr).toContain(`biz market edit ${post.id}`);
    const edited = await biz(['market', 'edit', String(post.id), '--text', 'Every lockfile you use, checked in seconds.'], { env, cwd: project });
    expect(edited.code).toBe(0);
    expect((await queue(env, project))[0]).toMatchObject({ passed: true, parts: ['Every lockfile you use, checked in seconds.'] });
    expect((await biz(['market', 'approve', String(post.id)], { env, cwd: project })).code).toBe(0);
  });

  it('applies the brand file: a banned word fails its gate and the model is told why', async () => {
    const { env, project } = await setup([
      { json: { candidates: [candidate('A revolutionary scanner for your code.')] } },
      { json: { candidates: [candidate('A fast scanner for your code.')] } },
    ]);
    mkdirSync(join(project, '.biz'));
    writeFileSync(join(project, '.biz', 'brand.md'), '# Brand\n\n## Voice\nPlain and friendly.\n\n## Avoid\n- revolutionary\n\n## Hashtags\n- max: 1\n');
    const r = await biz(['market', 'draft', 'scanner'], { env, cwd: project });
    expect(r.code).toBe(0);
    expect(JSON.stringify(model!.requests[0].body)).toContain('revolutionary');
    expect(JSON.stringify(model!.requests[1].body)).toMatch(/revolutionary/);
    expect((await queue(env, project))[0]).toMatchObject({ passed: true, parts: ['A fast scanner for your code.'] });
  });

  it('bad input: no brief, a missing image, an unknown post, no model', async () => {
    const { env, project } = await setup([]);
    expect((await biz(['market', 'draft', '  '], { env, cwd: project })).code).toBe(2);
    const media = await biz(['market', 'draft', 'x', '--media', 'nope.png'], { env, cwd: project });
    expect(media.code).toBe(2);
    expect(media.stderr).toContain('--media nope.png: no such file');
    const unknown = await biz(['market', 'approve', '999'], { env, cwd: project });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('biz market queue');
    const noModel = await biz(['market', 'draft', 'x'], { env: cleanEnv(tempDir()), cwd: project });
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/OPENAI_API_KEY|Ollama/);
  });
});

describe('biz market schedule (fake clock through BIZ_NOW)', () => {
  it('drafts once per due occurrence, auto-approves above the score, and never twice for one occurrence', async () => {
    const { env, project } = await setup([{ json: { candidates: [candidate('Tip: scan before you push.')] } }]);
    writeFileSync(join(project, 'tips.md'), 'a short security tip for developers');
    const at = (iso: string) => ({ ...env, BIZ_NOW: iso });
    const bad = await biz(['market', 'schedule', 'add', '61 9 * * *', '--campaign', 'tips', '--brief-file', 'tips.md'], { env: at('2026-11-24T08:00:00Z'), cwd: project });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a cron expression.*minute/);
    const add = await biz(['market', 'schedule', 'add', '0 9 * * *', '--campaign', 'tips', '--brief-file', 'tips.md', '--auto-approve-above', '80'], { env: { ...at('2026-11-24T08:00:00Z'), TZ: 'UTC' }, cwd: project });
    expect(add.code).toBe(0);
    const utc = (iso: string) => ({ ...at(iso), TZ: 'UTC' });
    const early = await biz(['market', 'schedule', 'run'], { env: utc('2026-11-24T08:59:00Z'), cwd: project });
    expect(early).toMatchObject({ code: 0, stdout: '' });
    expect(model!.requests).toHaveLength(0);
    const due = await biz(['market', 'schedule', 'run'], { env: utc('2026-11-24T09:01:00Z'), cwd: project });
    expect(due.stderr).not.toMatch(/error/);
    expect(due.code).toBe(0);
    expect(due.stdout).toMatch(/schedule 1: #1 approved \(score \d+\)/);
    const again = await biz(['market', 'schedule', 'run'], { env: utc('2026-11-24T09:04:00Z'), cwd: project });
    expect(again.stdout).toBe('');
    expect(model!.requests).toHaveLength(1);
    const [post] = await queue(env, project);
    expect(post).toMatchObject({ status: 'approved', campaign: 'tips', approvedBy: expect.stringContaining('schedule 1') });
    const list = JSON.parse((await biz(['market', 'schedule', 'list', '--json'], { env: utc('2026-11-24T09:05:00Z'), cwd: project })).stdout);
    expect(list[0]).toMatchObject({ cron: '0 9 * * *', nextAt: Date.parse('2026-11-25T09:00:00Z') });
    const install = await biz(['market', 'schedule', 'install'], { env, cwd: project });
    expect(install.stdout).toMatch(/^\*\/5 \* \* \* \* cd .* market schedule run; .* market publish; \} >> .*market-cron\.log 2>&1$/m);
  });
});
