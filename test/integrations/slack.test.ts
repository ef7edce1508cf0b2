import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackClient, type SlackClient } from '../../src/integrations/slack/client';
import { SlackApiError, SlackRateLimitError, SlackRequestError } from '../../src/integrations/slack/errors';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';

let fake: FakeSlack;

beforeEach(async () => {
  fake = await startFakeSlack();
  fake.addChannel('marketing');
});

afterEach(() => fake.close());

function client(token = fake.token, timeoutMs?: number): Promise<SlackClient> {
  return createSlackClient({ apiUrl: fake.url, token, timeoutMs });
}

async function failure<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E, token = fake.token): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  const shown = `${inspect(error)} ${JSON.stringify(error)} ${(error as { hint?: string }).hint ?? ''}`;
  expect(shown).not.toContain(token);
  return error as E;
}

const NOTICE = {
  channel: '#marketing',
  text: 'Published on X: https://x.com/bizagents/status/1',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Published on X*' } }],
  metadata: { event_type: 'biz_post_published', event_payload: { post_id: '7', url: 'https://x.com/bizagents/status/1' } },
};

describe('Slack adapter', () => {
  it('says who the token belongs to', async () => {
    expect(await (await client()).authTest()).toEqual({ team: 'Fake Team', user: 'biz' });
    expect(fake.requests[0]).toEqual({ method: 'auth.test', args: {}, auth: 'xoxb****' });
  });

  it('posts a message with blocks and metadata, once', async () => {
    const slack = await client();
    const sent = await slack.postMessage(NOTICE);
    const channel = fake.channel('marketing');
    expect(sent).toEqual({ channel: channel.id, ts: channel.messages[0]?.ts });
    expect(channel.messages).toEqual([{ ts: sent.ts, text: NOTICE.text, user: 'U0BIZBOT', blocks: NOTICE.blocks, metadata: NOTICE.metadata }]);
    expect(fake.requestsTo('chat.postMessage')).toHaveLength(1);
  });

  it('finds a notice already sent among the recent messages, by its metadata', async () => {
    const slack = await client();
    const since = new Date(Date.now() - 1000);
    const sent = await slack.postMessage(NOTICE);
    await slack.postMessage({ channel: '#marketing', text: 'unrelated chatter' });
    const recent = await slack.recentMessages('#marketing', since);
    expect(recent).toEqual([
      { ts: expect.any(String), text: 'unrelated chatter' },
      { ts: sent.ts, text: NOTICE.text, metadata: NOTICE.metadata },
    ]);
    expect(fake.requestsTo('conversations.history')[0]?.args).toMatchObject({ include_all_metadata: 'true', inclusive: 'true', oldest: (since.getTime() / 1000).toFixed(6) });
  });

  it('leaves out messages older than `oldest` and pages through the rest up to `limit`', async () => {
    const channel = fake.channel('marketing');
    channel.messages.push({ ts: '1000.000000', text: 'ancient', user: 'U1' });
    for (let i = 0; i < 250; i++) channel.messages.push({ ts: `2000.${String(i).padStart(6, '0')}`, text: `m${i}`, user: 'U1' });
    const recent = await (await client()).recentMessages(channel.id, new Date(1_500_000), 240);
    expect(recent).toHaveLength(240);
    expect([recent[0]?.text, recent[239]?.text]).toEqual(['m249', 'm10']);
    expect(fake.requestsTo('conversations.history').map((r) => r.args.limit)).toEqual(['200', '40']);
  });

  it('turns ok:false answers into SlackApiError with a hint that says what to do', async () => {
    fake.addChannel('private-ops', { member: false });
    const slack = await client();
    const notIn = await failure(slack.postMessage({ ...NOTICE, channel: '#private-ops' }), SlackApiError);
    expect([notIn.code, notIn.message, notIn.exitCode]).toEqual(['not_in_channel', 'Slack refused to post a message to #private-ops: not_in_channel', 1]);
    expect(notIn.hint).toContain('/invite @');
    const missing = await failure(slack.postMessage({ ...NOTICE, channel: '#nowhere' }), SlackApiError);
    expect([missing.code, missing.hint]).toEqual(['channel_not_found', expect.stringContaining('BIZ_SLACK_CHANNEL')]);
    expect(fake.channels.flatMap((c) => c.messages)).toEqual([]);
  });

  it('reports a rejected token as invalid_auth (exit 3), never quoting it', async () => {
    const token = 'xoxb-9999-revoked-token-abcdefghij';
    const error = await failure((await client(token)).authTest(), SlackApiError, token);
    expect([error.code, error.exitCode]).toEqual(['invalid_auth', 3]);
    expect(error.hint).toContain('biz market connect slack');
  });

  it('refuses to start without a token', async () => {
    const error = await failure(createSlackClient({ apiUrl: fake.url, token: '' }), SlackApiError);
    expect(error.code).toBe('not_authed');
    expect(fake.requests).toEqual([]);
  });

  it('reports a 429 at once with Retry-After, without the SDK waiting or retrying', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1800 });
    const error = await failure((await client()).postMessage(NOTICE), SlackRateLimitError);
    expect(error.retryAfterSec).toBe(1800);
    expect(error.message).toBe('Slack asks to wait 1800 s before it will post a message to #marketing');
    expect(fake.requestsTo('chat.postMessage')).toHaveLength(1);
  });

  it('calls a 500 ambiguous and sends it only once', async () => {
    fake.failNext('chat.postMessage', { status: 500 });
    const error = await failure((await client()).postMessage(NOTICE), SlackRequestError);
    expect([error.ambiguous, error.message]).toEqual([true, 'Slack could not post a message to #marketing: HTTP 500 Internal Server Error']);
    expect(fake.requestsTo('chat.postMessage')).toHaveLength(1);
  });

  it('calls a connection dropped after posting ambiguous, and the notice is found afterwards', async () => {
    const slack = await client();
    fake.failNext('chat.postMessage', 'drop-after-post');
    const error = await failure(slack.postMessage(NOTICE), SlackRequestError);
    expect([error.ambiguous, error.message]).toEqual([true, 'The connection to Slack broke when asked to post a message to #marketing: other side closed']);
    expect(error.hint).toContain('look in the channel');
    const recent = await slack.recentMessages('#marketing', new Date(Date.now() - 60_000));
    expect(recent.map((m) => m.metadata?.event_payload.post_id)).toEqual(['7']);
  });

  it('gives up on a server that never answers after the timeout, as an ambiguous failure', async () => {
    fake.failNext('chat.postMessage', 'hang');
    const error = await failure((await client(fake.token, 200)).postMessage(NOTICE), SlackRequestError);
    expect([error.ambiguous, error.message]).toEqual([true, 'Slack gave no answer within 200 ms when asked to post a message to #marketing']);
  });

  it('calls a refused connection not ambiguous: nothing was sent', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const slack = await createSlackClient({ apiUrl: `http://127.0.0.1:${port}/api/`, token: fake.token });
    const error = await failure(slack.postMessage(NOTICE), SlackRequestError);
    expect([error.ambiguous, error.message]).toEqual([false, `Could not reach Slack at http://127.0.0.1:${port}/api/ to post a message to #marketing: ECONNREFUSED`]);
  });
});
