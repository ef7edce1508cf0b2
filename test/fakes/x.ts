/**
 * A loopback fake of the X API v2 as twitter-api-v2 1.29.1 speaks it (FACTS.md): JSON bodies, problem JSON errors
 * (`{title, detail, type, status}`), rate-limit headers on every reply and the 24-hour counters on POST /2/tweets,
 * OAuth 1.0a (the HMAC-SHA1 signature is checked against the URL the request was sent to) or an OAuth 2 bearer
 * token. Media goes through the v2 chunked upload the SDK uses: POST /2/media/upload/initialize, then
 * /2/media/upload/:id/append (multipart) and /2/media/upload/:id/finalize, alt text through POST /2/media/metadata.
 * One account; its posts and media are kept in memory so tests can read exactly what was posted. Faults are queued
 * per method and path; every request is recorded with its credentials masked.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maskToken, matchesRoute, takeFirstMatch } from './http';

export type XFault =
  /** Rate limited: `reset` in epoch seconds; `day` says a 24-hour limit (the user's or the app's) is used up. */
  | { status: 429; reset?: number; day?: { who: 'user' | 'app'; reset: number } }
  | { status: 401 | 403 | 500 | 503 }
  | 'hang' // never answers
  | 'drop-after-create'; // does the work (creates the post), then closes the connection without answering

export interface XOAuth1Keys {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
}

export interface RecordedRequest {
  method: string;
  /** `/2/tweets` */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, or the multipart fields with file parts as `{ bytes }`. */
  body?: unknown;
  /** `oauth1 app-****, token 1234****` or `bearer abcd****`; undefined when none was sent. */
  auth?: string;
}

export interface FakeXPost {
  id: string;
  text: string;
  createdAt: string;
  replyTo?: string;
  mediaIds: string[];
}

export interface FakeXMedia {
  id: string;
  mediaType: string;
  category?: string;
  totalBytes: number;
  segments: Buffer[];
  finalized: boolean;
  altText?: string;
}

export interface FakeX {
  url: string;
  /** OAuth 1.0a keys the fake accepts. */
  oauth1: XOAuth1Keys;
  /** An OAuth 2 user token the fake accepts. */
  bearer: string;
  user: { id: string; username: string; name: string };
  /** The account's posts, oldest first. */
  posts: FakeXPost[];
  media: Map<string, FakeXMedia>;
  requests: RecordedRequest[];
  /** A post made earlier (not through the API), e.g. to test duplicates and `since`. */
  addPost(post: { text: string; createdAt?: Date; replyTo?: string }): FakeXPost;
  /** Queue faults for the next requests matching `[METHOD ]/path/prefix`, one each. */
  failNext(match: string, ...faults: XFault[]): void;
  requestsTo(match: string): RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeXOptions {
  oauth1?: XOAuth1Keys;
  bearer?: string;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Body = Record<string, unknown>;
type Fields = Record<string, string | Buffer>;

const DUPLICATE_BODY = {
  detail: 'You are not allowed to create a Tweet with duplicate content.',
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
};

const PROBLEMS = {
  401: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
  403: {
    title: 'Forbidden',
    type: 'https://api.twitter.com/2/problems/oauth1-permissions',
    status: 403,
    detail: 'Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.',
  },
  429: { title: 'Too Many Requests', type: 'about:blank', status: 429, detail: 'Too Many Requests' },
  500: { title: 'Internal Server Error', type: 'about:blank', status: 500, detail: 'Internal Server Error' },
  503: { title: 'Service Unavailable', type: 'about:blank', status: 503, detail: 'Service Unavailable' },
};

/** Requests per 15-minute window, per endpoint; the fake counts but does not enforce them (use a 429 fault). */
const WINDOW_LIMITS: Record<string, number> = { 'POST /2/tweets': 100, 'GET /2/users/me': 75, 'GET /2/users/:id/tweets': 900 };
const DAY_LIMIT = 100;

export async function startFakeX(options: FakeXOptions = {}): Promise<FakeX> {
  const oauth1 = options.oauth1 ?? {
    appKey: 'fake-app-key-0123456789',
    appSecret: 'fake-app-secret-0123456789abcdef',
    accessToken: '1500000000000000001-faketoken0123456789',
    accessSecret: 'fake-access-secret-0123456789abcdef',
  };
  const bearer = options.bearer ?? 'fake-oauth2-user-token-0123456789abcdef';
  const user = { id: '1500000000000000001', username: 'bizagents', name: 'Biz Agents' };
  const posts: FakeXPost[] = [];
  const media = new Map<string, FakeXMedia>();
  const requests: RecordedRequest[] = [];
  const faults: { match: string; fault: XFault }[] = [];
  const used = new Map<string, number>();
  const windowReset = Math.floor(Date.now() / 1000) + 900;
  let nextId = 1900000000000000000n;
  let postsToday = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, { status: 500, body: { ...PROBLEMS[500], detail: String(error) } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const raw = await readRaw(req);
    const contentType = req.headers['content-type'] ?? '';
    const body = parseBody(raw, contentType);
    const query = Object.fromEntries(url.searchParams);
    const credential = credentialOf(req.headers.authorization);
    requests.push({ method, path: url.pathname, query, body: recordable(body), auth: credential && describe(credential) });

    const route = routeKey(method, url.pathname);
    const fault = takeFirstMatch(faults, method, url.pathname)?.fault;
    if (fault === 'hang') return;
    if (fault !== undefined && fault !== 'drop-after-create') return send(res, faultReply(fault, route));
    const signedUrl = `http://${req.headers.host ?? ''}${url.pathname}`;
    const form = contentType.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) : {};
    if (!authorized(credential, method, signedUrl, { ...query, ...form })) return send(res, { status: 401, body: PROBLEMS[401], headers: rateHeaders(route) });
    const reply = respond(route, url.pathname, query, body);
    if (fault === 'drop-after-create') {
      req.socket.destroy();
      return;
    }
    send(res, { ...reply, headers: { ...rateHeaders(route), ...reply.headers } });
  }

  function authorized(credential: Credential | undefined, method: string, signedUrl: string, params: Record<string, string>): boolean {
    if (!credential) return false;
    if (credential.kind === 'bearer') return credential.token === bearer;
    const { oauth_consumer_key: key, oauth_token: token, oauth_signature: signature } = credential.params;
    if (key !== oauth1.appKey || token !== oauth1.accessToken || !signature) return false;
    return signature === oauth1Signature(method, signedUrl, { ...params, ...credential.params }, oauth1.appSecret, oauth1.accessSecret);
  }

  function respond(route: string, path: string, query: Record<string, string>, body: unknown): Reply {
    const json = (body && typeof body === 'object' && !Buffer.isBuffer(body) ? body : {}) as Body;
    const segments = path.split('/'); // ['', '2', 'users', id, 'tweets'], ['', '2', 'media', 'upload', id, 'append']
    switch (route) {
      case 'GET /2/users/me':
        return { status: 200, body: { data: user } };
      case 'GET /2/users/:id/tweets':
        return timeline(segments[3]!, query);
      case 'POST /2/tweets':
        return createPost(json);
      case 'POST /2/media/upload/initialize':
        return initializeUpload(json);
      case 'POST /2/media/upload/:id/append':
        return append(segments[4]!, json as Fields);
      case 'POST /2/media/upload/:id/finalize':
        return finalize(segments[4]!);
      case 'GET /2/media/upload':
        return uploadStatus(query.media_id ?? '');
      case 'POST /2/media/metadata':
        return createMetadata(json);
      default:
        return notFound();
    }
  }

  function newId(): string {
    nextId += 1n;
    return String(nextId);
  }

  function createPost(body: Body): Reply {
    const text = typeof body.text === 'string' ? body.text : '';
    const reply = body.reply as { in_reply_to_tweet_id?: string } | undefined;
    const mediaIds = ((body.media as { media_ids?: unknown } | undefined)?.media_ids ?? []) as string[];
    if (!text && mediaIds.length === 0) return invalid('text', '', 'Post text or media is required');
    if (!Array.isArray(mediaIds) || mediaIds.length > 4 || mediaIds.some((m) => !media.get(m)?.finalized)) {
      return invalid('media.media_ids', String(mediaIds), 'Your media IDs are invalid.');
    }
    const replyTo = reply?.in_reply_to_tweet_id;
    if (replyTo !== undefined && !posts.some((p) => p.id === replyTo)) {
      return { status: 403, body: { detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.', type: 'about:blank', title: 'Forbidden', status: 403 } };
    }
    if (text && posts.some((p) => p.text === text)) return { status: 403, body: DUPLICATE_BODY };
    const post = insertPost({ text, replyTo, mediaIds });
    postsToday++;
    return { status: 201, body: { data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } } };
  }

  function insertPost(post: { text: string; createdAt?: Date; replyTo?: string; mediaIds?: string[] }): FakeXPost {
    const created: FakeXPost = { id: newId(), text: post.text, createdAt: (post.createdAt ?? new Date()).toISOString(), mediaIds: post.mediaIds ?? [] };
    if (post.replyTo !== undefined) created.replyTo = post.replyTo;
    posts.push(created);
    return created;
  }

  /** GET /2/users/:id/tweets: newest first, `max_results` 5..100 (default 10), `start_time`, `pagination_token`. */
  function timeline(userId: string, query: Record<string, string>): Reply {
    if (userId !== user.id) {
      const detail = `Could not find user with id: [${userId}].`;
      return { status: 200, body: { errors: [{ value: userId, detail, title: 'Not Found Error', resource_type: 'user', parameter: 'id', resource_id: userId, type: 'https://api.twitter.com/2/problems/resource-not-found' }] } };
    }
    const max = query.max_results === undefined ? 10 : Number(query.max_results);
    if (!Number.isInteger(max) || max < 5 || max > 100) {
      return invalid('max_results', query.max_results ?? '', `The \`max_results\` query parameter value [${query.max_results}] is not between 5 and 100`);
    }
    const start = query.start_time;
    if (start !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(start)) {
      return invalid('start_time', start, `Invalid 'start_time':'${start}'. It must be in the format YYYY-MM-DDTHH:mm:ssZ.`);
    }
    const offset = query.pagination_token === undefined ? 0 : Number(Buffer.from(query.pagination_token, 'base64url').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(offset)) return invalid('pagination_token', query.pagination_token ?? '', 'The `pagination_token` query parameter value is not valid');
    const fields = new Set((query['tweet.fields'] ?? '').split(','));
    const matching = posts.toReversed().filter((p) => start === undefined || p.createdAt >= new Date(start).toISOString());
    const page = matching.slice(offset, offset + max);
    if (page.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
    const meta: Body = { result_count: page.length, newest_id: page[0]!.id, oldest_id: page.at(-1)!.id };
    if (offset + max < matching.length) meta.next_token = Buffer.from(`offset:${offset + max}`).toString('base64url');
    return { status: 200, body: { data: page.map((p) => tweetJson(p, fields)), meta } };
  }

  function tweetJson(post: FakeXPost, fields: Set<string>): Body {
    const tweet: Body = { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] };
    if (fields.has('created_at')) tweet.created_at = post.createdAt;
    if (fields.has('author_id')) tweet.author_id = user.id;
    if (fields.has('referenced_tweets') && post.replyTo !== undefined) tweet.referenced_tweets = [{ type: 'replied_to', id: post.replyTo }];
    return tweet;
  }

  function initializeUpload(body: Body): Reply {
    if (typeof body.media_type !== 'string') return invalid('media_type', '', 'The `media_type` field is required');
    if (typeof body.total_bytes !== 'number' || body.total_bytes <= 0) return invalid('total_bytes', String(body.total_bytes), 'The `total_bytes` field must be a positive number');
    const id = newId();
    const item: FakeXMedia = { id, mediaType: body.media_type, totalBytes: body.total_bytes, segments: [], finalized: false };
    if (typeof body.media_category === 'string') item.category = body.media_category;
    media.set(id, item);
    return { status: 200, body: { data: { id, media_key: `3_${id}`, expires_after_secs: 86400 } } };
  }

  function append(id: string, fields: Fields): Reply {
    const item = media.get(id);
    if (!item || item.finalized) return invalid('media_id', id, 'The media ID is invalid or already finalized.');
    const index = Number(fields.segment_index);
    if (!Buffer.isBuffer(fields.media) || !Number.isInteger(index) || index < 0) return invalid('media', '', 'A `media` file part and a `segment_index` are required');
    item.segments[index] = fields.media;
    return { status: 200, body: { data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } } };
  }

  function finalize(id: string): Reply {
    const item = media.get(id);
    if (!item) return invalid('media_id', id, 'The media ID is invalid.');
    const size = item.segments.reduce((sum, s) => sum + s.length, 0);
    if (size !== item.totalBytes) return invalid('media_id', id, 'Segments do not add up to provided total file size.');
    item.finalized = true;
    return { status: 200, body: { data: { id, media_key: `3_${id}`, size, expires_after_secs: 86400 } } };
  }

  function uploadStatus(id: string): Reply {
    const item = media.get(id);
    if (!item) return invalid('media_id', id, 'The media ID is invalid.');
    return { status: 200, body: { data: { id, media_key: `3_${id}`, processing_info: { state: item.finalized ? 'succeeded' : 'pending', progress_percent: item.finalized ? 100 : 0 } } } };
  }

  function createMetadata(body: Body): Reply {
    const id = String(body.id ?? '');
    const item = media.get(id);
    if (!item) return invalid('id', id, 'The media ID is invalid.');
    const text = (body.metadata as { alt_text?: { text?: unknown } } | undefined)?.alt_text?.text;
    if (typeof text !== 'string' || text.length > 1000) return invalid('metadata.alt_text.text', String(text), 'Alt text must be a string of at most 1000 characters');
    item.altText = text;
    return { status: 200, body: { data: { id, associated_metadata: { alt_text: { text } } } } };
  }

  /** Every reply carries the window counters; POST /2/tweets also the 24-hour ones, as X sends them. */
  function rateHeaders(route: string): Record<string, string> {
    const count = (used.get(route) ?? 0) + 1;
    used.set(route, count);
    const limit = WINDOW_LIMITS[route] ?? 300;
    const headers: Record<string, string> = {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(Math.max(limit - count, 0)),
      'x-rate-limit-reset': String(windowReset),
    };
    if (route === 'POST /2/tweets') {
      const remaining = String(Math.max(DAY_LIMIT - postsToday, 0));
      const dayReset = String(Math.floor(Date.now() / 1000) + 86400);
      for (const who of ['user', 'app']) {
        headers[`x-${who}-limit-24hour-limit`] = String(DAY_LIMIT);
        headers[`x-${who}-limit-24hour-remaining`] = remaining;
        headers[`x-${who}-limit-24hour-reset`] = dayReset;
      }
    }
    return headers;
  }

  function faultReply(fault: Exclude<XFault, 'hang' | 'drop-after-create'>, route: string): Reply {
    const headers = rateHeaders(route);
    if (fault.status !== 429) return { status: fault.status, body: PROBLEMS[fault.status], headers };
    headers['x-rate-limit-reset'] = String(fault.reset ?? windowReset);
    if (fault.day) {
      headers[`x-${fault.day.who}-limit-24hour-limit`] = String(DAY_LIMIT);
      headers[`x-${fault.day.who}-limit-24hour-remaining`] = '0';
      headers[`x-${fault.day.who}-limit-24hour-reset`] = String(fault.day.reset);
    } else {
      headers['x-rate-limit-remaining'] = '0';
    }
    return { status: 429, body: PROBLEMS[429], headers };
  }

  const fake: FakeX = {
    url: '',
    oauth1,
    bearer,
    user,
    posts,
    media,
    requests,
    addPost: (post) => insertPost(post),
    failNext(match, ...queued) {
      for (const fault of queued) faults.push({ match, fault });
    },
    requestsTo: (match) => requests.filter((r) => matchesRoute(match, r.method, r.path)),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

type Credential = { kind: 'oauth1'; params: Record<string, string> } | { kind: 'bearer'; token: string };

function credentialOf(header: string | undefined): Credential | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (bearer) return { kind: 'bearer', token: bearer };
  if (!/^OAuth\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const [, key, value] of header.slice(6).matchAll(/([\w-]+)="([^"]*)"/g)) params[decodeURIComponent(key!)] = decodeURIComponent(value!);
  return { kind: 'oauth1', params };
}

function describe(credential: Credential): string {
  if (credential.kind === 'bearer') return `bearer ${maskToken(credential.token)}`;
  return `oauth1 ${maskToken(credential.params.oauth_consumer_key ?? '')}, token ${maskToken(credential.params.oauth_token ?? '')}`;
}

/** RFC 5849 HMAC-SHA1 over the method, the URL without its query, and every oauth_, query and form parameter. */
function oauth1Signature(method: string, url: string, params: Record<string, string>, consumerSecret: string, tokenSecret: string): string {
  const pairs = Object.entries(params)
    .filter(([key]) => key !== 'oauth_signature')
    .map(([key, value]) => [percentEncode(key), percentEncode(value)])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const base = [method.toUpperCase(), percentEncode(url), percentEncode(pairs)].join('&');
  return createHmac('sha1', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(base).digest('base64');
}

function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The endpoint a request counts against, ids replaced: `GET /2/users/:id/tweets`. */
function routeKey(method: string, path: string): string {
  return `${method} ${path.replace(/^\/2\/users\/(?!me$)[^/]+\/tweets$/, '/2/users/:id/tweets').replace(/^\/2\/media\/upload\/(?!initialize$)[^/]+\/(append|finalize)$/, '/2/media/upload/:id/$1')}`;
}

function invalid(parameter: string, value: string, message: string): Reply {
  return {
    status: 400,
    body: {
      errors: [{ parameters: { [parameter]: [value] }, message }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    },
  };
}

function notFound(): Reply {
  return { status: 404, body: { title: 'Not Found Error', type: 'about:blank', status: 404, detail: 'Sorry, that page does not exist' } };
}

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(raw: Buffer, contentType: string): unknown {
  if (raw.length === 0) return undefined;
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary) return parseMultipart(raw, boundary[1] ?? boundary[2]!);
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Binary-safe: a part with its own Content-Type is a file (a Buffer), any other part is text. */
function parseMultipart(raw: Buffer, boundary: string): Fields {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Fields = {};
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    const content = part.subarray(headerEnd + 4);
    if (name !== undefined) fields[name] = /^content-type:/im.test(headers) ? Buffer.from(content) : content.toString('utf8');
    start = next;
  }
  return fields;
}

function recordable(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, Buffer.isBuffer(value) ? { bytes: value.length } : value]));
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers }).end(JSON.stringify(reply.body ?? {}));
}

