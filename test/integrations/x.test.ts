import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createXClient, type XClient, type XCredentials } from '../../src/integrations/x/client';
import { XAuthError, XDuplicateError, XRateLimitError, XRequestError } from '../../src/integrations/x/errors';
import { startFakeX, type FakeX } from '../fakes/x';

let fake: FakeX;

beforeEach(async () => {
  fake = await startFakeX();
});

afterEach(() => fake.close());

function oauth1(): XCredentials {
  return { kind: 'oauth1', ...fake.oauth1 };
}

function client(credentials: XCredentials = oauth1(), timeoutMs?: number): Promise<XClient> {
  return createXClient({ apiUrl: fake.url, credentials, timeoutMs });
}

function secretsOf(credentials: XCredentials): string[] {
  return credentials.kind === 'oauth2' ? [credentials.bearer] : [credentials.appKey, credentials.appSecret, credentials.accessToken, credentials.accessSecret];
}

async function failure<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E, credentials: XCredentials = oauth1()): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  const shown = `${inspect(error)} ${JSON.stringify(error)} ${(error as { hint?: string }).hint ?? ''}`;
  for (const secret of secretsOf(credentials)) expect(shown).not.toContain(secret);
  return error as E;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('X adapter: credentials', () => {
  it('signs with OAuth 1.0a for the URL it really calls (the fake checks the HMAC-SHA1 signature)', async () => {
    const x = await client();
    expect(await x.me()).toEqual({ id: fake.user.id, username: 'bizagents' });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/2/users/me', auth: 'oauth1 fake****, token 1500****' });
  });

  it('sends an OAuth 2 user token as a bearer token', async () => {
    const credentials: XCredentials = { kind: 'oauth2', bearer: fake.bearer };
    const x = await client(credentials);
    expect((await x.post('Hello from OAuth 2')).text).toBe('Hello from OAuth 2');
    expect(fake.requests[0]?.auth).toBe('bearer fake****');
  });

  it('turns a rejected token into XAuthError (exit 3) that says to reconnect, never quoting the token', async () => {
    const credentials: XCredentials = { kind: 'oauth2', bearer: 'revoked-user-token-abcdefghijklmnop' };
    const error = await failure((await client(credentials)).me(), XAuthError, credentials);
    expect(error.message).toBe('X rejected the credentials when asked to read the connected account: Unauthorized (HTTP 401)');
    expect(error.exitCode).toBe(3);
    expect(error.hint).toContain('biz market connect x');
  });

  it('rejects an OAuth 1.0a request signed with the wrong secret', async () => {
    const credentials: XCredentials = { ...fake.oauth1, kind: 'oauth1', accessSecret: 'not-the-secret-0123456789' };
    await failure((await client(credentials)).me(), XAuthError, credentials);
  });

  it('treats a 401 and a 403 without write permission as XAuthError', async () => {
    const x = await client();
    fake.failNext('POST /2/tweets', { status: 401 }, { status: 403 });
    expect((await failure(x.post('one'), XAuthError)).status).toBe(401);
    const forbidden = await failure(x.post('two'), XAuthError);
    expect(forbidden.message).toContain('not configured with the appropriate oauth1 app permissions');
    expect(forbidden.hint).toContain('Read and Write');
    expect(fake.posts).toEqual([]);
  });

  it('refuses incomplete credentials before any request', async () => {
    const error = await failure(createXClient({ apiUrl: fake.url, credentials: { ...fake.oauth1, kind: 'oauth1', accessSecret: '' } }), XAuthError);
    expect(error.message).toBe('The X credentials are incomplete: accessSecret is empty');
    expect(fake.requests).toEqual([]);
  });
});

describe('X adapter: posting', () => {
  it('posts once and returns the post', async () => {
    const x = await client();
    expect(await x.post('Launch day!')).toEqual({ id: fake.posts[0]?.id, text: 'Launch day!' });
    expect(fake.posts.map((p) => p.text)).toEqual(['Launch day!']);
    expect(fake.requestsTo('POST /2/tweets')[0]?.body).toEqual({ text: 'Launch day!' });
  });

  it('posts a thread as a chain of replies', async () => {
    const x = await client();
    const first = await x.post('1/3 A thread');
    const second = await x.post('2/3 goes on', { replyTo: first.id });
    const third = await x.post('3/3 and ends', { replyTo: second.id, mediaIds: [] });
    expect(third.replyTo).toBe(second.id);
    expect(fake.posts.map((p) => [p.text, p.replyTo])).toEqual([
      ['1/3 A thread', undefined],
      ['2/3 goes on', first.id],
      ['3/3 and ends', second.id],
    ]);
    expect(fake.requestsTo('POST /2/tweets')[2]?.body).toEqual({ text: '3/3 and ends', reply: { in_reply_to_tweet_id: second.id } });
  });

  it('uploads media in chunks through the v2 upload endpoints, sets its alt text and attaches it', async () => {
    const x = await client();
    const image = Buffer.alloc(2.5 * 1024 * 1024, 7);
    image.write('\x89PNG\r\n\x1a\n', 'latin1');
    const mediaId = await x.uploadMedia(image, 'image/png', 'A chart of weekly sign-ups');
    await x.post('With a picture', { mediaIds: [mediaId] });

    const stored = fake.media.get(mediaId);
    expect(stored).toMatchObject({ mediaType: 'image/png', category: 'tweet_image', finalized: true, altText: 'A chart of weekly sign-ups' });
    expect(Buffer.concat(stored!.segments).equals(image)).toBe(true);
    expect(fake.posts[0]?.mediaIds).toEqual([mediaId]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /2/media/upload/initialize',
      `POST /2/media/upload/${mediaId}/append`,
      `POST /2/media/upload/${mediaId}/append`,
      `POST /2/media/upload/${mediaId}/append`,
      `POST /2/media/upload/${mediaId}/finalize`,
      'POST /2/media/metadata',
      'POST /2/tweets',
    ]);
    expect(fake.requests[1]?.body).toEqual({ segment_index: '0', media: { bytes: 1024 * 1024 } });
  });

  it('skips the metadata call when there is no alt text', async () => {
    const x = await client();
    await x.uploadMedia(Buffer.from('GIF89a'), 'image/gif');
    expect(fake.requestsTo('/2/media/metadata')).toEqual([]);
  });

  it('builds the public URL of a post', async () => {
    expect((await client()).postUrl('bizagents', '1900000000000000001')).toBe('https://x.com/bizagents/status/1900000000000000001');
  });
});

describe('X adapter: recent posts', () => {
  it('lists the newest first with their creation time and the post they reply to', async () => {
    const older = fake.addPost({ text: 'older', createdAt: new Date('2025-03-01T10:00:00Z') });
    fake.addPost({ text: 'newer', createdAt: new Date('2025-03-02T10:00:00Z'), replyTo: older.id });
    const posts = await (await client()).recentPosts(fake.user.id);
    expect(posts).toEqual([
      { id: fake.posts[1]?.id, text: 'newer', createdAt: '2025-03-02T10:00:00.000Z', replyTo: older.id },
      { id: older.id, text: 'older', createdAt: '2025-03-01T10:00:00.000Z' },
    ]);
  });

  it('keeps only posts created at or after `since`, asking X with whole seconds', async () => {
    fake.addPost({ text: 'before', createdAt: new Date('2025-03-01T09:59:59Z') });
    fake.addPost({ text: 'at', createdAt: new Date('2025-03-01T10:00:00Z') });
    fake.addPost({ text: 'after', createdAt: new Date('2025-03-01T11:00:00Z') });
    const posts = await (await client()).recentPosts(fake.user.id, { since: new Date('2025-03-01T10:00:00.250Z') });
    expect(posts.map((p) => p.text)).toEqual(['after', 'at']);
    expect(fake.requests[0]?.query).toMatchObject({ start_time: '2025-03-01T10:00:00Z', 'tweet.fields': 'created_at,referenced_tweets' });
  });

  it('follows next_token across pages and stops at `max`', async () => {
    for (let i = 0; i < 150; i++) fake.addPost({ text: `post ${i}` });
    const posts = await (await client()).recentPosts(fake.user.id, { max: 120 });
    expect(posts).toHaveLength(120);
    expect(posts[0]?.text).toBe('post 149');
    expect(posts[119]?.text).toBe('post 30');
    expect(fake.requests.map((r) => r.query.max_results)).toEqual(['100', '20']);
    expect(fake.requests[1]?.query.pagination_token).toBeTruthy();
  });

  it('asks for at least five posts, as X requires, and returns at most `max`', async () => {
    for (let i = 0; i < 8; i++) fake.addPost({ text: `post ${i}` });
    expect(await (await client()).recentPosts(fake.user.id, { max: 2 })).toHaveLength(2);
    expect(fake.requests[0]?.query.max_results).toBe('5');
  });

  it('returns nothing for an account without posts', async () => {
    expect(await (await client()).recentPosts(fake.user.id)).toEqual([]);
  });

  it('reports an unknown account as a failure that surely did nothing', async () => {
    const error = await failure((await client()).recentPosts('42'), XRequestError);
    expect(error.message).toBe('X could not list the posts of account 42: Could not find user with id: [42].');
    expect(error.ambiguous).toBe(false);
  });
});

describe('X adapter: refusals and limits', () => {
  it('turns X duplicate-content refusal into XDuplicateError and posts nothing more', async () => {
    const x = await client();
    await x.post('Same words');
    const error = await failure(x.post('Same words'), XDuplicateError);
    expect(error.message).toBe('X refused to post: the account already has a post with this text');
    expect(error.exitCode).toBe(1);
    expect(fake.posts).toHaveLength(1);
  });

  it('reports the 15-minute window with its reset time, without waiting or retrying', async () => {
    const x = await client();
    fake.failNext('POST /2/tweets', { status: 429, reset: 1_900_000_000 });
    const error = await failure(x.post('Too soon'), XRateLimitError);
    expect(error.scope).toBe('window');
    expect(error.resetAt).toEqual(new Date(1_900_000_000_000));
    expect(error.message).toBe("X's rate limit is reached, so it would not post; it resets at 2030-03-17T17:46:40.000Z");
    expect(error.hint).toContain('2030-03-17T17:46:40.000Z');
    expect(fake.requestsTo('POST /2/tweets')).toHaveLength(1);
    expect(fake.posts).toEqual([]);
  });

  it("reports a used-up 24-hour limit (the user's or the app's) with the day's reset time", async () => {
    const x = await client();
    fake.failNext('POST /2/tweets', { status: 429, reset: 1_900_000_000, day: { who: 'user', reset: 1_900_050_000 } });
    fake.failNext('POST /2/tweets', { status: 429, reset: 1_900_000_000, day: { who: 'app', reset: 1_900_060_000 } });
    const user = await failure(x.post('Too many today'), XRateLimitError);
    expect([user.scope, user.resetAt]).toEqual(['day', new Date(1_900_050_000_000)]);
    const app = await failure(x.post('Too many today'), XRateLimitError);
    expect([app.scope, app.resetAt]).toEqual(['day', new Date(1_900_060_000_000)]);
    expect(user.message).toMatch(/^X's 24-hour limit is used up, so it would not post; it resets at /);
  });

  it('calls a 5xx ambiguous: X may have posted before failing', async () => {
    const x = await client();
    fake.failNext('POST /2/tweets', { status: 500 }, { status: 503 });
    const internal = await failure(x.post('Maybe'), XRequestError);
    expect([internal.ambiguous, internal.status, internal.message]).toEqual([true, 500, 'X could not post: Internal Server Error (HTTP 500)']);
    expect((await failure(x.post('Maybe'), XRequestError)).status).toBe(503);
  });

  it('calls a reply to a deleted post a plain refusal, not a credentials problem', async () => {
    const error = await failure((await client()).post('Orphan', { replyTo: '1234' }), XRequestError);
    expect([error.ambiguous, error.status]).toEqual([false, 403]);
    expect(error.message).toBe('X could not reply to post 1234: You attempted to reply to a Tweet that is deleted or not visible to you. (HTTP 403)');
  });
});

describe('X adapter: lost connections', () => {
  it('calls a connection dropped after X created the post ambiguous, and the post can be found afterwards', async () => {
    const x = await client();
    fake.failNext('POST /2/tweets', 'drop-after-create');
    const error = await failure(x.post('Did it go out?'), XRequestError);
    expect(error.ambiguous).toBe(true);
    expect(error.message).toMatch(/^The connection to X broke when asked to post: /);
    expect(error.hint).toContain('check the account');
    expect(fake.posts.map((p) => p.text)).toEqual(['Did it go out?']);
    expect((await x.recentPosts(fake.user.id)).map((p) => p.text)).toEqual(['Did it go out?']);
  });

  it('calls a refused connection not ambiguous: nothing was sent', async () => {
    const port = await closedPort();
    const x = await createXClient({ apiUrl: `http://127.0.0.1:${port}`, credentials: oauth1() });
    const error = await failure(x.post('Nobody home'), XRequestError);
    expect(error.ambiguous).toBe(false);
    expect(error.message).toBe(`Could not reach X at http://127.0.0.1:${port}/ to post: ECONNREFUSED`);
  });

  it('gives up on a server that never answers after the timeout, as an ambiguous failure', async () => {
    const x = await client(oauth1(), 200);
    fake.failNext('POST /2/tweets', 'hang');
    const error = await failure(x.post('Hello?'), XRequestError);
    expect(error.ambiguous).toBe(true);
    expect(error.message).toBe('X gave no answer within 200 ms when asked to post');
  });
});
