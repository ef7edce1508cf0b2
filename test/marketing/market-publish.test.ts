import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolvePaths, tenantDataDir } from '../../src/config/paths';
import { openStore } from '../../src/store';
import type { MarketPost, NewPost } from '../../src/store/market-posts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';
import { startFakeX, type FakeX } from '../fakes/x';
import { biz, cleanEnv, tempDir, waitFor } from '../helpers';

let x: FakeX;
let slack: FakeSlack;
let env: NodeJS.ProcessEnv;

function store() {
  return openStore(tenantDataDir(resolvePaths(env), 'default'));
}

let variant = 0;
function seed(post: Partial<NewPost> & { parts: string[] }): number {
  const s = store();
  try {
    return s.marketPosts.add({ runId: 'seed', variant: variant++, brief: 'b', status: 'approved', hashtags: [], score: 90, passed: true, reasons: [], ...post }).id;
  } finally {
    s.close();
  }
}

function post(id: number): MarketPost {
  const s = store();
  try {
    return s.marketPosts.get(id)!;
  } finally {
    s.close();
  }
}

const notices = () => slack.channel('#marketing').messages;

beforeEach(async () => {
  x = await startFakeX();
  slack = await startFakeSlack();
  slack.addChannel('marketing', { member: true });
  env = cleanEnv(tempDir(), {
    BIZ_X_API_URL: x.url,
    BIZ_X_BEARER: x.bearer,
    BIZ_SLACK_API_URL: slack.url,
    BIZ_SLACK_TOKEN: slack.token,
    BIZ_SLACK_CHANNEL: '#marketing',
  });
});

afterEach(async () => {
  await x.close();
  await slack.close();
});

describe('biz market publish (the cron entry) against fake X and Slack', () => {
  it('with nothing due exits 0 at once and says nothing', async () => {
    seed({ parts: ['waiting for review'], status: 'review' });
    seed({ parts: ['later'] });
    const s = store();
    s.marketPosts.setStatus(2, 'approved', { publishAt: Date.now() + 3600_000 });
    s.close();
    const r = await biz(['market', 'publish'], { env });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(x.requests).toHaveLength(0);
  });

  it('publishes an approved post once, tells Slack once, and a second run does nothing', async () => {
    const id = seed({ parts: ['biz 2.0 is out: scans twice as fast https://example.com/blog'], campaign: 'launch' });
    const first = await biz(['market', 'publish'], { env });
    expect(first.stderr).not.toMatch(/error/);
    expect(first.code).toBe(0);
    expect(x.posts).toHaveLength(1);
    expect(first.stdout).toContain(`published #${id}: https://x.com/${x.user.username}/status/${x.posts[0].id}`);
    expect(notices()).toHaveLength(1);
    expect(notices()[0].metadata).toMatchObject({ event_type: 'biz_post_published', event_payload: { post_id: String(id) } });
    expect(post(id)).toMatchObject({ status: 'published', slackStatus: 'sent', xIds: [x.posts[0].id] });

    const again = await biz(['market', 'publish'], { env });
    expect(again).toMatchObject({ code: 0, stdout: '' });
    expect(x.posts).toHaveLength(1);
    expect(notices()).toHaveLength(1);

    const history = await biz(['market', 'history', '--json'], { env });
    expect(JSON.parse(history.stdout)).toMatchObject([{ id, status: 'published', xUrl: expect.stringContaining(x.posts[0].id) }]);
  });

  it('posts a thread as a chain of replies', async () => {
    seed({ parts: ['one 1/3', 'two 2/3', 'three 3/3'] });
    const r = await biz(['market', 'publish'], { env });
    expect(r.code).toBe(0);
    expect(x.posts.map((p) => p.text)).toEqual(['one 1/3', 'two 2/3', 'three 3/3']);
    expect(x.posts[1].replyTo).toBe(x.posts[0].id);
    expect(x.posts[2].replyTo).toBe(x.posts[1].id);
  });

  it('killed -9 while the Slack notice is in flight, the next run sends the notice and never posts twice', async () => {
    const id = seed({ parts: ['crash test post'] });
    slack.failNext('chat.postMessage', 'hang');
    const run = biz(['market', 'publish'], { env });
    await waitFor(() => slack.requestsTo('chat.postMessage').length > 0, 'the Slack call');
    run.child.kill('SIGKILL');
    await run;
    expect(x.posts).toHaveLength(1);
    expect(post(id).status).toBe('published');

    const again = await biz(['market', 'publish'], { env });
    expect(again.stderr).not.toMatch(/error/);
    expect(again.code).toBe(0);
    expect(x.posts).toHaveLength(1);
    expect(notices()).toHaveLength(1);
    expect(post(id).slackStatus).toBe('sent');
  });

  it('after a reply X lost, the next run finds the post on the account instead of posting again', async () => {
    const id = seed({ parts: ['lost reply post https://example.com/a'] });
    x.failNext('POST /2/tweets', 'drop-after-create');
    const first = await biz(['market', 'publish'], { env });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/may have been posted/);
    expect(x.posts).toHaveLength(1);
    expect(notices()).toHaveLength(0);

    const second = await biz(['market', 'publish'], { env });
    expect(second.stderr).not.toMatch(/error/);
    expect(second.code).toBe(0);
    expect(x.posts).toHaveLength(1);
    expect(x.requestsTo('POST /2/tweets')).toHaveLength(1);
    expect(post(id)).toMatchObject({ status: 'published', xIds: [x.posts[0].id] });
    expect(notices()).toHaveLength(1);
  });

  it('on a 429 it reschedules after x-rate-limit-reset, asks X nothing until then, and publishes after', async () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    const a = seed({ parts: ['first of two'] });
    const b = seed({ parts: ['second of two'] });
    x.failNext('POST /2/tweets', { status: 429, reset });
    const first = await biz(['market', 'publish'], { env });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/goes out after|wait until/);
    expect(x.posts).toHaveLength(0);
    expect(x.requestsTo('POST /2/tweets')).toHaveLength(1);
    expect(post(a).retryAt).toBe(reset * 1000);
    expect(post(b).retryAt).toBe(reset * 1000);

    const early = await biz(['market', 'publish'], { env });
    expect(early).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(x.requestsTo('POST /2/tweets')).toHaveLength(1);

    const later = await biz(['market', 'publish'], { env: { ...env, BIZ_NOW: new Date((reset + 1) * 1000).toISOString() } });
    expect(later.code).toBe(0);
    expect(x.posts.map((p) => p.text)).toEqual(['first of two', 'second of two']);
    expect(notices()).toHaveLength(2);
  });

  it('a Slack rate limit never touches the post: the notice goes out on the next run', async () => {
    const id = seed({ parts: ['slack limited'] });
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    const first = await biz(['market', 'publish'], { env });
    expect(first.code).toBe(0);
    expect(post(id)).toMatchObject({ status: 'published', slackStatus: 'failed' });
    const second = await biz(['market', 'publish'], { env });
    expect(second.code).toBe(0);
    expect(x.posts).toHaveLength(1);
    expect(x.requestsTo('POST /2/tweets')).toHaveLength(1);
    expect(notices()).toHaveLength(1);
    expect(post(id).slackStatus).toBe('sent');
  });

  it('a second publish while one is running leaves the work to it', async () => {
    seed({ parts: ['overlap'] });
    slack.failNext('chat.postMessage', 'hang');
    const first = biz(['market', 'publish'], { env });
    await waitFor(() => slack.requestsTo('chat.postMessage').length > 0, 'the first run to reach Slack');
    const second = await biz(['market', 'publish'], { env });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/another biz market publish is running/);
    first.child.kill('SIGKILL');
    await first;
    expect(x.posts).toHaveLength(1);
  });

  it('a duplicate X refuses and that is not on the account goes back to review', async () => {
    const id = seed({ parts: ['said before'] });
    x.failNext('POST /2/tweets', { status: 403 });
    const r = await biz(['market', 'publish'], { env });
    expect(r.code).toBe(1);
    expect(post(id).status).toBe('approved');
    x.addPost({ text: 'something else' });
    const dup = seed({ parts: ['a duplicate of an old post'] });
    x.addPost({ text: 'a duplicate of an old post', createdAt: new Date(Date.now() - 40 * 24 * 3600_000) });
    const r2 = await biz(['market', 'publish'], { env });
    expect(r2.stderr).toMatch(new RegExp(`refused post ${dup} as a duplicate`));
    expect(post(dup)).toMatchObject({ status: 'review', lastError: expect.stringMatching(/duplicate/) });
  });

  it('due posts without X credentials are a usage error that says how to connect', async () => {
    seed({ parts: ['no creds'] });
    const r = await biz(['market', 'publish'], { env: { ...env, BIZ_X_BEARER: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/biz market connect x/);
  });

  it('--dry-run shows what would go out and publishes nothing', async () => {
    seed({ parts: ['dry run post'] });
    const r = await biz(['market', 'publish', '--dry-run'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dry run post');
    expect(x.posts).toHaveLength(0);
    expect(notices()).toHaveLength(0);
  });
});
