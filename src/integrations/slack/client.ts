/**
 * Slack through @slack/web-api. The SDK is imported when a client is made, so `biz --help` never loads it. Its
 * default client retries 429 and 5xx up to ten times over about 30 minutes (FACTS.md); this one sends each request
 * once, with a deadline, reports a 429 with Slack's Retry-After, and prints nothing. Every failure is one of the
 * errors in errors.ts.
 */
import type { ConversationsHistoryResponse, KnownBlock, Logger } from '@slack/web-api';
import { UsageError } from '../../core/errors';
import { SlackApiError } from './errors';

export interface SlackClientOptions {
  /** The Web API root, e.g. https://slack.com/api/ */
  apiUrl: string;
  token: string;
  /** Per request; 30 s when not given. */
  timeoutMs?: number;
}

export interface SlackMetadata {
  event_type: string;
  event_payload: Record<string, string>;
}

export interface SlackMessage {
  channel: string;
  text: string;
  blocks?: unknown[];
  metadata?: SlackMetadata;
}

export interface SlackClient {
  authTest(): Promise<{ team: string; user: string }>;
  postMessage(msg: SlackMessage): Promise<{ channel: string; ts: string }>;
  /** Messages in a channel since `oldest`, with their metadata, to find a notice already sent. */
  recentMessages(channel: string, oldest: Date, limit?: number): Promise<Array<{ ts: string; text: string; metadata?: SlackMetadata }>>;
}

type HistoryMessage = NonNullable<ConversationsHistoryResponse['messages']>[number];

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RECENT = 100;
/** Slack allows up to 999 messages a page and recommends no more than 200. */
const PAGE_MAX = 200;

export async function createSlackClient(opts: SlackClientOptions): Promise<SlackClient> {
  const apiUrl = parseApiUrl(opts.apiUrl);
  if (!opts.token) throw new SlackApiError(`No Slack token for ${apiUrl}`, 'not_authed');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const [{ WebClient, LogLevel }, { explain }] = await Promise.all([import('./sdk'), import('./explain')]);
  const silent: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    setLevel: () => undefined,
    getLevel: () => LogLevel.ERROR,
    setName: () => undefined,
  };
  const web = new WebClient(opts.token, { slackApiUrl: apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: timeoutMs, logger: silent });
  const context = { apiUrl, timeoutMs, token: opts.token };

  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw explain(error, operation, context);
    }
  }

  return {
    authTest: () =>
      call('check the token', async () => {
        const answer = await web.auth.test();
        return { team: answer.team ?? '', user: answer.user ?? '' };
      }),

    postMessage: ({ channel, text, blocks, metadata }) =>
      call(`post a message to ${channel}`, async () => {
        const answer = await web.chat.postMessage({ channel, text, ...(blocks ? { blocks: blocks as KnownBlock[] } : {}), ...(metadata ? { metadata } : {}) });
        return { channel: answer.channel ?? channel, ts: answer.ts ?? '' };
      }),

    recentMessages: (channel, oldest, limit = DEFAULT_RECENT) =>
      call(`read the recent messages of ${channel}`, async () => {
        const messages: Array<{ ts: string; text: string; metadata?: SlackMetadata }> = [];
        let cursor: string | undefined;
        do {
          const page = await web.conversations.history({
            channel,
            oldest: slackTs(oldest),
            inclusive: true,
            include_all_metadata: true,
            limit: Math.min(limit - messages.length, PAGE_MAX),
            cursor,
          });
          messages.push(...(page.messages ?? []).map(toMessage));
          cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
        } while (cursor && messages.length < limit);
        return messages.slice(0, limit);
      }),
  };
}

function toMessage(message: HistoryMessage): { ts: string; text: string; metadata?: SlackMetadata } {
  const { ts = '', text = '', metadata } = message;
  if (!metadata?.event_type) return { ts, text };
  const payload = Object.entries(metadata.event_payload ?? {}).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
  return { ts, text, metadata: { event_type: metadata.event_type, event_payload: Object.fromEntries(payload) as Record<string, string> } };
}

/** Slack timestamps are seconds with six decimals: 1700000000.000100 */
function slackTs(date: Date): string {
  return (date.getTime() / 1000).toFixed(6);
}

function parseApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`The Slack API URL is not a URL: ${raw}`, 'Set BIZ_SLACK_API_URL or slack.apiUrl, e.g. https://slack.com/api/');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`The Slack API URL must be http(s): ${raw}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
