import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { slackConnection, xConnection } from '../../integrations/connections';
import type { SlackClient } from '../../integrations/slack/client';
import type { XClient, XPost } from '../../integrations/x/client';
import type { MarketPost } from '../../store/market-posts';
import { ActionDeferredError, type ActionHandler } from '../runtime/actions';
import type { RunContext } from '../runtime/context';
import { IMAGE_TYPES } from './media-types';

const SLACK_EVENT = 'biz_post_published';
/** How far back to look for a post or a notice an earlier attempt may have made. */
const LOOKBACK_MS = 24 * 3600_000;

interface XSession {
  client: XClient;
  me: { id: string; username: string };
  recent?: XPost[];
}

const xSessions = new WeakMap<RunContext, Promise<XSession>>();
const slackClients = new WeakMap<RunContext, Promise<SlackClient>>();
/** Once X has said "wait", every later post of this process waits too, without asking X again. */
let xBlockedUntil = 0;

function xSession(ctx: RunContext): Promise<XSession> {
  let session = xSessions.get(ctx);
  if (!session) {
    session = (async () => {
      const connection = await xConnection(ctx.base);
      if (!connection) throw new Error('X is not connected: run biz market connect x (or set BIZ_X_* in the environment)');
      const { createXClient } = await import('../../integrations/x/client');
      const client = await createXClient({ apiUrl: connection.apiUrl, credentials: connection.credentials });
      return { client, me: await client.me() };
    })();
    xSessions.set(ctx, session);
  }
  return session;
}

function slackClient(ctx: RunContext): Promise<SlackClient> {
  let client = slackClients.get(ctx);
  if (!client) {
    client = (async () => {
      const connection = await slackConnection(ctx.base);
      if (!connection) throw new Error('Slack is not connected: run biz market connect slack (or set BIZ_SLACK_TOKEN)');
      const { createSlackClient } = await import('../../integrations/slack/client');
      return createSlackClient({ apiUrl: connection.apiUrl, token: connection.token });
    })();
    slackClients.set(ctx, client);
  }
  return client;
}

/** X returns text with links shortened to t.co and &, <, > escaped: compare what survives. */
const comparable = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\bhttps?:\/\/\S+/g, 'URL')
    .replace(/\s+/g, ' ')
    .trim();

/** After an attempt whose outcome is unknown: is this part already on the account? */
async function findOnX(session: XSession, text: string, since: number): Promise<string | undefined> {
  const recent = (session.recent ??= await session.client.recentPosts(session.me.id, { since: new Date(since), max: 100 }));
  const wanted = comparable(text);
  return recent.find((p) => comparable(p.text) === wanted)?.id;
}

function loadPost(ctx: RunContext, id: number): MarketPost {
  const post = ctx.store.marketPosts.get(id);
  if (!post) throw new Error(`post ${id} is no longer in the queue`);
  return post;
}

async function uploadImage(session: XSession, post: MarketPost): Promise<string[]> {
  if (!post.mediaPath) return [];
  const mime = IMAGE_TYPES[extname(post.mediaPath).toLowerCase()];
  if (!mime) throw new Error(`${post.mediaPath}: only PNG, JPEG, GIF and WebP images can be attached`);
  return [await session.client.uploadMedia(readFileSync(post.mediaPath), mime, post.mediaAlt ?? undefined)];
}

/**
 * Posts one queued post (every part of a thread, as replies) on X. Each part's id is stored as soon as X answers,
 * so a rerun continues after the last part that went out. When an earlier attempt's outcome is unknown, the
 * account's recent posts are searched first; a duplicate-content refusal is resolved the same way.
 */
const postToX: ActionHandler = async (payload, ctx, { retry }) => {
  const { postId, notify } = payload as { postId: number; notify: boolean };
  const posts = ctx.store.marketPosts;
  let post = loadPost(ctx, postId);
  if (post.status === 'published') return { url: post.xUrl, ids: post.xIds };
  if (post.status !== 'approved') throw new ActionDeferredError(`post ${postId} is ${post.status === 'review' ? 'waiting for review again' : post.status} now`, Date.now());
  if (xBlockedUntil > Date.now()) {
    posts.deferUntil(postId, xBlockedUntil, 'X rate limit');
    throw new ActionDeferredError(`X asked to wait until ${new Date(xBlockedUntil).toISOString()}`, xBlockedUntil);
  }
  const { XDuplicateError, XRateLimitError, XRequestError } = await import('../../integrations/x/errors');
  const session = await xSession(ctx);
  const ids = [...post.xIds];
  const since = post.updatedAt - LOOKBACK_MS;
  for (let i = ids.length; i < post.parts.length; i++) {
    const text = post.parts[i];
    let id = retry ? await findOnX(session, text, since) : undefined;
    if (!id) {
      try {
        const mediaIds = i === 0 ? await uploadImage(session, post) : [];
        id = (await session.client.post(text, { replyTo: ids[i - 1], mediaIds })).id;
      } catch (err) {
        if (err instanceof XRateLimitError) {
          xBlockedUntil = err.resetAt.getTime();
          posts.deferUntil(postId, xBlockedUntil, err.message);
          throw new ActionDeferredError(`${err.message}; post ${postId} goes out after ${err.resetAt.toISOString()}`, xBlockedUntil);
        }
        if (err instanceof XDuplicateError) {
          session.recent = undefined;
          id = await findOnX(session, text, since);
          if (!id) {
            posts.setStatus(postId, 'review');
            posts.recordError(postId, 'X refused it as a duplicate of an earlier post: edit it, then approve it again');
            throw new Error(`X refused post ${postId} as a duplicate of an earlier post; it is back in review (biz market edit ${postId})`, { cause: err });
          }
        } else {
          posts.recordError(postId, (err as Error).message);
          if (err instanceof XRequestError && err.ambiguous) throw new Error(`${(err as Error).message} (it may have been posted: the next run checks the account before trying again)`, { cause: err });
          throw err;
        }
      }
    }
    ids.push(id);
    posts.recordPart(postId, ids);
  }
  const url = session.client.postUrl(session.me.username, ids[0]);
  posts.markPublished(postId, url, notify ? 'pending' : 'skipped');
  post = loadPost(ctx, postId);
  return { url, ids: post.xIds };
};

function noticeBlocks(post: MarketPost): unknown[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `*Published on X*${post.campaign ? ` (${post.campaign})` : ''}\n>${post.parts[0].replace(/\n/g, '\n>')}` } },
    { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open on X' }, url: post.xUrl }] },
  ];
}

/**
 * Tells Slack a post went out. A failure never touches the post on X: the notice is marked failed and owed, and
 * the next `publish` sends it; after an attempt with an unknown outcome the channel is searched for it first.
 */
const notifySlack: ActionHandler = async (payload, ctx, { retry }) => {
  const { postId, channel } = payload as { postId: number; channel: string };
  const posts = ctx.store.marketPosts;
  const post = loadPost(ctx, postId);
  if (post.status !== 'published') throw new ActionDeferredError(`post ${postId} is not on X yet`, Date.now());
  if (post.slackStatus === 'sent') return { ts: post.slackTs };
  const { SlackRateLimitError } = await import('../../integrations/slack/errors');
  const slack = await slackClient(ctx);
  if (retry) {
    const earlier = await slack.recentMessages(channel, new Date((post.publishedAt ?? Date.now()) - 60_000));
    const found = earlier.find((m) => m.metadata?.event_type === SLACK_EVENT && m.metadata.event_payload.post_id === String(postId));
    if (found) {
      posts.setSlack(postId, 'sent', found.ts);
      return { ts: found.ts };
    }
  }
  try {
    const sent = await slack.postMessage({
      channel,
      text: `Published on X: ${post.xUrl}`,
      blocks: noticeBlocks(post),
      metadata: { event_type: SLACK_EVENT, event_payload: { post_id: String(postId), url: post.xUrl ?? '' } },
    });
    posts.setSlack(postId, 'sent', sent.ts);
    return { ts: sent.ts };
  } catch (err) {
    posts.setSlack(postId, 'failed', null, (err as Error).message);
    if (err instanceof SlackRateLimitError) {
      const until = Date.now() + err.retryAfterSec * 1000;
      throw new ActionDeferredError(`Slack asked to wait ${err.retryAfterSec} s; the notice goes out on a later run`, until);
    }
    throw err;
  }
};

export const publishActionHandlers: Record<string, ActionHandler> = { 'x-post': postToX, 'slack-notice': notifySlack };
