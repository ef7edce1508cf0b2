/**
 * A loopback fake of the Slack Web API as @slack/web-api 8 speaks it (FACTS.md): `POST /api/<method>` with a
 * form-encoded body (blocks and metadata as JSON strings) or a JSON body, the token as `Authorization: Bearer` or a
 * `token` field, and platform errors as HTTP 200 `{ ok: false, error }`. Serves auth.test, chat.postMessage and
 * conversations.history (message metadata only with include_all_metadata). Channels keep their messages in memory
 * so tests can read exactly what was posted. Faults are queued per Slack method; every request is recorded with
 * its token masked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maskToken, readBody, sendJson } from './http';

export type SlackFault =
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | 'hang' // never answers
  | 'drop-after-post'; // does the work (posts the message), then closes the connection without answering

export interface RecordedRequest {
  /** The Slack method: `chat.postMessage`. */
  method: string;
  /** Query and body arguments, JSON strings parsed, the token left out. */
  args: Record<string, unknown>;
  /** `xoxb****`; undefined when no token was sent. */
  auth?: string;
}

export interface FakeSlackMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface FakeSlackMessage {
  ts: string;
  text: string;
  user: string;
  blocks?: unknown[];
  metadata?: FakeSlackMetadata;
}

export interface FakeSlackChannel {
  id: string;
  name: string;
  /** Whether the app is in the channel (it can post and read only then). */
  member: boolean;
  archived: boolean;
  /** Oldest first. */
  messages: FakeSlackMessage[];
}

export interface FakeSlack {
  /** The Web API root to give the SDK as `slackApiUrl` (ends in /api/). */
  url: string;
  /** A bot token the fake accepts. */
  token: string;
  channels: FakeSlackChannel[];
  addChannel(name: string, options?: { member?: boolean; archived?: boolean }): FakeSlackChannel;
  /** A channel by id, name or #name. */
  channel(ref: string): FakeSlackChannel;
  requests: RecordedRequest[];
  /** Queue faults for the next calls of a Slack method (`chat.postMessage`), one each. */
  failNext(method: string, ...faults: SlackFault[]): void;
  requestsTo(method: string): RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeSlackOptions {
  /** Tokens the fake accepts; each must start with xoxb- or xoxp-. */
  tokens?: string[];
}

type Args = Record<string, unknown>;

const TEAM = { id: 'T0FAKETEAM', name: 'Fake Team', url: 'https://fake-team.slack.com/' };
const BOT = { user: 'biz', userId: 'U0BIZBOT', botId: 'B0BIZBOT', appId: 'A0BIZAPP' };
/** Slack's limit on a message's text. */
const MAX_TEXT = 40_000;

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const tokens = new Set((options.tokens ?? ['xoxb-1000-2000-fakebottoken0123456789']).filter((t) => /^xox[bp]-/.test(t)));
  const channels: FakeSlackChannel[] = [];
  const requests: RecordedRequest[] = [];
  const faults: { method: string; fault: SlackFault }[] = [];
  let lastMicros = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = url.pathname.startsWith('/api/') ? url.pathname.slice('/api/'.length) : '';
    const { token: bodyToken, ...args } = { ...Object.fromEntries(url.searchParams), ...parseArgs(await readBody(req), req.headers['content-type'] ?? '') };
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? (typeof bodyToken === 'string' ? bodyToken : undefined);
    requests.push({ method, args, ...(token ? { auth: maskToken(token) } : {}) });

    const index = faults.findIndex((f) => f.method === method);
    const fault = index >= 0 ? faults.splice(index, 1)[0]!.fault : undefined;
    if (fault === 'hang') return;
    if (fault !== undefined && fault !== 'drop-after-post') {
      if (fault.status === 429) return sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) });
      res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
      return;
    }
    const body = !token ? failed('not_authed') : tokens.has(token) ? respond(method, args) : failed('invalid_auth');
    if (fault === 'drop-after-post') {
      req.socket.destroy();
      return;
    }
    sendJson(res, 200, body);
  }

  function respond(method: string, args: Args): Args {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: TEAM.url, team: TEAM.name, user: BOT.user, team_id: TEAM.id, user_id: BOT.userId, bot_id: BOT.botId, is_enterprise_install: false };
      case 'chat.postMessage':
        return postMessage(args);
      case 'conversations.history':
        return history(args);
      default:
        return failed('unknown_method');
    }
  }

  function findChannel(ref: unknown): FakeSlackChannel | undefined {
    if (typeof ref !== 'string') return undefined;
    const name = ref.replace(/^#/, '');
    return channels.find((c) => c.id === ref || c.name === name);
  }

  function postMessage(args: Args): Args {
    const channel = findChannel(args.channel);
    if (!channel) return failed('channel_not_found');
    if (channel.archived) return failed('is_archived');
    if (!channel.member) return failed('not_in_channel');
    const text = typeof args.text === 'string' ? args.text : '';
    const { blocks, metadata } = args;
    if (blocks !== undefined && (!Array.isArray(blocks) || blocks.some((b) => !b || typeof b !== 'object' || typeof (b as Args).type !== 'string'))) return failed('invalid_blocks');
    if (!text && blocks === undefined) return failed('no_text');
    if (text.length > MAX_TEXT) return failed('msg_too_long');
    if (metadata !== undefined && !isMetadata(metadata)) return failed('invalid_metadata_format');
    const message: FakeSlackMessage = { ts: nextTs(), text, user: BOT.userId };
    if (blocks !== undefined) message.blocks = blocks as unknown[];
    if (metadata !== undefined) message.metadata = metadata as FakeSlackMetadata;
    channel.messages.push(message);
    return { ok: true, channel: channel.id, ts: message.ts, message: messageJson(message, true) };
  }

  /** Newest first; `oldest`/`latest` exclusive unless `inclusive`; `limit` (default 100) and an opaque cursor. */
  function history(args: Args): Args {
    const channel = findChannel(args.channel);
    if (!channel) return failed('channel_not_found');
    if (!channel.member) return failed('not_in_channel');
    const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
    const oldest = Number(args.oldest ?? 0);
    const latest = args.latest === undefined ? Infinity : Number(args.latest);
    const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 999);
    const offset = typeof args.cursor === 'string' && args.cursor ? Number(Buffer.from(args.cursor, 'base64').toString('utf8').replace(/^offset:/, '')) : 0;
    if (!Number.isInteger(offset)) return failed('invalid_cursor');
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true' || args.include_all_metadata === '1';
    const inRange = channel.messages
      .filter((m) => {
        const ts = Number(m.ts);
        return (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
      })
      .toReversed();
    const page = inRange.slice(offset, offset + limit);
    const hasMore = offset + limit < inRange.length;
    return {
      ok: true,
      messages: page.map((m) => messageJson(m, withMetadata)),
      has_more: hasMore,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      response_metadata: { next_cursor: hasMore ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '' },
    };
  }

  function messageJson(message: FakeSlackMessage, withMetadata: boolean): Args {
    const json: Args = { type: 'message', text: message.text, user: message.user, bot_id: BOT.botId, app_id: BOT.appId, ts: message.ts, team: TEAM.id };
    if (message.blocks) json.blocks = message.blocks;
    if (withMetadata && message.metadata) json.metadata = message.metadata;
    return json;
  }

  /** Message timestamps: seconds with six decimals, unique and increasing like Slack's. */
  function nextTs(): string {
    lastMicros = Math.max(lastMicros + 1, Date.now() * 1000);
    return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, '0')}`;
  }

  const fake: FakeSlack = {
    url: '',
    token: [...tokens][0] ?? '',
    channels,
    addChannel(name, opts = {}) {
      const channel: FakeSlackChannel = { id: `C${String(channels.length + 1).padStart(8, '0')}`, name, member: opts.member ?? true, archived: opts.archived ?? false, messages: [] };
      channels.push(channel);
      return channel;
    },
    channel(ref) {
      const channel = findChannel(ref);
      if (!channel) throw new Error(`fake Slack has no channel ${ref}`);
      return channel;
    },
    requests,
    failNext(method, ...queued) {
      for (const fault of queued) faults.push({ method, fault });
    },
    requestsTo: (method) => requests.filter((r) => r.method === method),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return fake;
}

/** Form fields or a JSON object; form values that hold JSON (blocks, metadata) are parsed. */
function parseArgs(raw: string, contentType: string): Args {
  if (!raw) return {};
  if (contentType.startsWith('application/json')) return JSON.parse(raw) as Args;
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(raw)) args[key] = /^[[{]/.test(value) ? parseJson(value) : value;
  return args;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isMetadata(value: unknown): boolean {
  const metadata = value as Partial<FakeSlackMetadata> | null;
  return !!metadata && typeof metadata === 'object' && typeof metadata.event_type === 'string' && !!metadata.event_payload && typeof metadata.event_payload === 'object';
}

function failed(error: string): Args {
  return { ok: false, error };
}

