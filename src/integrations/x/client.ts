/**
 * X through twitter-api-v2, API v2 only (media upload included: X retired the v1.1 upload in 2025). The SDK is
 * imported when a client is made, so `biz --help` never loads it. The adapter never waits or retries: a rate limit
 * is reported with its reset time, and every failure is one of the errors in errors.ts.
 */
import type { EUploadMimeType, SendTweetV2Params, TweetV2, TweetV2UserTimelineResult } from 'twitter-api-v2';
import { UsageError } from '../../core/errors';
import { XAuthError, XRequestError } from './errors';

export type XCredentials =
  | { kind: 'oauth1'; appKey: string; appSecret: string; accessToken: string; accessSecret: string }
  | { kind: 'oauth2'; bearer: string }; // an OAuth 2 user-context access token

export interface XClientOptions {
  apiUrl: string;
  credentials: XCredentials;
  /** Per request; 30 s when not given. */
  timeoutMs?: number;
}

export interface XPost {
  id: string;
  text: string;
  createdAt?: string;
  replyTo?: string;
}

export interface XClient {
  me(): Promise<{ id: string; username: string }>;
  /** Uploads an image (or video) and returns its media id, for `post`'s `mediaIds`. */
  uploadMedia(data: Buffer, mimeType: string, altText?: string): Promise<string>;
  post(text: string, opts?: { replyTo?: string; mediaIds?: string[] }): Promise<XPost>;
  /** The account's own posts, newest first, at most `max`, created at or after `since` when given. */
  recentPosts(userId: string, opts?: { since?: Date; max?: number }): Promise<XPost[]>;
  /** https://x.com/<username>/status/<id> */
  postUrl(username: string, id: string): string;
}

/** The SDK types media ids as a tuple of one to four; X checks the count. */
type MediaIds = NonNullable<SendTweetV2Params['media']>['media_ids'];

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RECENT = 100;
/** X's bounds for max_results on a user's timeline. */
const PAGE_MIN = 5;
const PAGE_MAX = 100;

export async function createXClient(opts: XClientOptions): Promise<XClient> {
  const apiUrl = parseApiUrl(opts.apiUrl);
  const secrets = credentialValues(opts.credentials);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const [{ TwitterApi }, { explain }, { xTransport }] = await Promise.all([import('./sdk'), import('./explain'), import('./transport')]);
  const { plugin, agent } = xTransport(apiUrl, timeoutMs);
  const settings = { plugins: [plugin], httpAgent: agent };
  const credentials = opts.credentials;
  const { v2 } = credentials.kind === 'oauth2' ? new TwitterApi(credentials.bearer, settings) : new TwitterApi(credentials, settings);
  const context = { apiUrl: apiUrl.href, timeoutMs, secrets };

  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw explain(error, operation, context);
    }
  }

  return {
    me: () =>
      call('read the connected account', async () => {
        const { data } = await v2.me();
        return { id: data.id, username: data.username };
      }),

    uploadMedia: (data, mimeType, altText) =>
      call(`upload ${mimeType} media`, async () => {
        const mediaId = await v2.uploadMedia(data, { media_type: mimeType as `${EUploadMimeType}` });
        if (altText) await v2.createMediaMetadata(mediaId, { alt_text: { text: altText } });
        return mediaId;
      }),

    post: (text, { replyTo, mediaIds = [] } = {}) =>
      call(replyTo ? `reply to post ${replyTo}` : 'post', async () => {
        const payload: SendTweetV2Params = { text };
        if (replyTo) payload.reply = { in_reply_to_tweet_id: replyTo };
        if (mediaIds.length > 0) payload.media = { media_ids: mediaIds as MediaIds };
        const { data } = await v2.tweet(payload);
        return { id: data.id, text: data.text, ...(replyTo ? { replyTo } : {}) };
      }),

    recentPosts: (userId, { since, max = DEFAULT_RECENT } = {}) =>
      call(`read the recent posts of account ${userId}`, async () => {
        const posts: XPost[] = [];
        let next: string | undefined;
        do {
          const page = await v2.get<TweetV2UserTimelineResult>(
            'users/:id/tweets',
            {
              max_results: Math.min(Math.max(max - posts.length, PAGE_MIN), PAGE_MAX),
              'tweet.fields': 'created_at,referenced_tweets',
              start_time: since && rfc3339(since),
              pagination_token: next,
            },
            { params: { id: userId } },
          );
          if (!page.meta) throw new XRequestError(`X could not list the posts of account ${userId}: ${page.errors?.[0]?.detail ?? 'no posts and no paging information'}`, false);
          posts.push(...(page.data ?? []).map(toPost));
          next = page.meta.next_token;
        } while (next && posts.length < max);
        return posts.slice(0, max);
      }),

    postUrl: (username, id) => `https://x.com/${encodeURIComponent(username)}/status/${encodeURIComponent(id)}`,
  };
}

function toPost(tweet: TweetV2): XPost {
  const replyTo = tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id;
  return { id: tweet.id, text: tweet.text, ...(tweet.created_at ? { createdAt: tweet.created_at } : {}), ...(replyTo ? { replyTo } : {}) };
}

/** X wants `YYYY-MM-DDTHH:mm:ssZ`: whole seconds, rounded down so a post made in the same second is kept. */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function parseApiUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`The X API URL is not a URL: ${raw}`, 'Set BIZ_X_API_URL or x.apiUrl, e.g. https://api.x.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`The X API URL must be http(s): ${raw}`);
  return url;
}

/** Every credential value, checked present, so errors can cut them out of what they quote. */
function credentialValues(credentials: XCredentials): string[] {
  const fields: Record<string, string> =
    credentials.kind === 'oauth2'
      ? { bearer: credentials.bearer }
      : { appKey: credentials.appKey, appSecret: credentials.appSecret, accessToken: credentials.accessToken, accessSecret: credentials.accessSecret };
  const missing = Object.keys(fields).filter((name) => !fields[name]);
  if (missing.length > 0) throw new XAuthError(`The X credentials are incomplete: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} empty`);
  return Object.values(fields);
}
