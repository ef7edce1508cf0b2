/**
 * A fake OpenAI Chat Completions server on 127.0.0.1 (random port), speaking the real wire protocol.
 *
 *   const fake = await startFakeOpenAI({ replies: ['hello', { json: { ok: true } }, { fault: 'rate_limit', retryAfter: '2' }] });
 *   new ChatOpenAI({ apiKey: 'k', configuration: { baseURL: fake.url } });   // fake.url ends in /v1
 *   fake.requests   // every request: method, path, headers (authorization removed), parsed JSON body
 *   fake.enqueue(...replies); await fake.close();
 *
 * POST /v1/chat/completions answers each request with the next scripted reply, as JSON, or as SSE when the request
 * says `stream: true` (with a final usage chunk when `stream_options.include_usage` is set, then `data: [DONE]`).
 * A reply is text, `{ json }` (content is that value as JSON, for structured output), `{ toolCalls }`, a fault, or a
 * function of the request returning one of those. With no scripted reply left the fake answers 400 (never retried),
 * so a test that makes one request too many fails loudly. `apiKey` makes every request with another bearer get 401.
 * GET /v1/models lists `models`.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, sendJson } from './http';

export interface FakeToolCall {
  name: string;
  args: Record<string, unknown>;
  id?: string;
}

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export type FakeOpenAIFault =
  | { fault: 'rate_limit'; retryAfter?: string; retryAfterMs?: string }
  | { fault: 'insufficient_quota' }
  | { fault: 'context_length' }
  | { fault: 'unauthorized' }
  | { fault: 'server_error'; status?: number }
  | { fault: 'malformed' }
  | { fault: 'hang' };

export type FakeOpenAIAnswer =
  | string
  | { text?: string; json?: unknown; toolCalls?: FakeToolCall[]; usage?: FakeUsage }
  | FakeOpenAIFault;

export type FakeOpenAIReply = FakeOpenAIAnswer | ((request: RecordedRequest) => FakeOpenAIAnswer);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export interface FakeOpenAIOptions {
  replies?: FakeOpenAIReply[];
  apiKey?: string;
  models?: string[];
}

export interface FakeOpenAI {
  /** Base URL for ChatOpenAI's `configuration.baseURL`, ending in /v1. */
  url: string;
  requests: RecordedRequest[];
  enqueue(...replies: FakeOpenAIReply[]): void;
  close(): Promise<void>;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const queue: FakeOpenAIReply[] = [...(options.replies ?? [])];
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const { authorization, ...headers } = req.headers;
      const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers, body: parseJson(raw) };
      requests.push(recorded);
      if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`) {
        return sendError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
      }
      if (req.method === 'GET' && req.url === '/v1/models') {
        const data = (options.models ?? ['gpt-4o-mini']).map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' }));
        return sendJson(res, 200, { object: 'list', data });
      }
      if (req.method === 'POST' && req.url === '/v1/chat/completions') return answerChat(recorded, queue.shift(), res);
      sendError(res, 404, `fake OpenAI: no route for ${req.method} ${req.url}`, 'invalid_request_error', 'not_found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answerChat(request: RecordedRequest, reply: FakeOpenAIReply | undefined, res: ServerResponse): void {
  if (reply === undefined) {
    return sendError(res, 400, `fake OpenAI: no scripted reply left for request ${request.path}`, 'invalid_request_error', null);
  }
  const answer = typeof reply === 'function' ? reply(request) : reply;
  if (typeof answer === 'object' && 'fault' in answer) return sendFault(answer, res);
  const { text, toolCalls, usage } = typeof answer === 'string' ? { text: answer, toolCalls: undefined, usage: undefined } : normalise(answer);
  const model = String(request.body.model ?? 'unknown');
  const finalUsage = usage ?? estimateUsage(request.body, text);
  const stream = request.body.stream === true;
  const includeUsage = (request.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  if (stream) return sendStream(res, model, text, toolCalls, includeUsage ? finalUsage : undefined);
  sendJson(res, 200, {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: toolCalls ? null : text, refusal: null, tool_calls: toolCalls?.map(toWireToolCall) },
        logprobs: null,
        finish_reason: toolCalls ? 'tool_calls' : 'stop',
      },
    ],
    usage: withTotal(finalUsage),
  });
}

function normalise(answer: { text?: string; json?: unknown; toolCalls?: FakeToolCall[]; usage?: FakeUsage }) {
  const text = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? '');
  return { text, toolCalls: answer.toolCalls, usage: answer.usage };
}

function sendStream(res: ServerResponse, model: string, text: string, toolCalls: FakeToolCall[] | undefined, usage?: FakeUsage): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const events: unknown[] = [chunk({ role: 'assistant', content: '' }, null)];
  for (const piece of text.match(/.{1,8}/gs) ?? []) events.push(chunk({ content: piece }, null));
  toolCalls?.forEach((call, index) => events.push(chunk({ tool_calls: [{ index, ...toWireToolCall(call, index) }] }, null)));
  events.push(chunk({}, toolCalls ? 'tool_calls' : 'stop'));
  if (usage) events.push({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model, choices: [], usage: withTotal(usage) });
  for (const event of events) res.write(`data: ${JSON.stringify(event)}\n\n`);
  res.end('data: [DONE]\n\n');
}

function sendFault(fault: FakeOpenAIFault, res: ServerResponse): void {
  switch (fault.fault) {
    case 'rate_limit': {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = fault.retryAfterMs;
      return sendError(res, 429, 'Rate limit reached for requests.', 'requests', 'rate_limit_exceeded', headers);
    }
    case 'insufficient_quota':
      return sendError(res, 429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota');
    case 'context_length':
      return sendError(res, 400, "This model's maximum context length is 128000 tokens.", 'invalid_request_error', 'context_length_exceeded');
    case 'unauthorized':
      return sendError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    case 'server_error':
      return sendError(res, fault.status ?? 500, 'The server had an error while processing your request.', 'server_error', null);
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"id":"chatcmpl-fake","choices":[{"message":');
    case 'hang':
      return;
  }
}

function toWireToolCall(call: FakeToolCall, index: number) {
  return { id: call.id ?? `call_${index}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args) } };
}

/** Deterministic token counts (about four characters a token) when a reply does not script its own usage. */
function estimateUsage(body: Record<string, unknown>, text: string): FakeUsage {
  return { prompt_tokens: Math.ceil(JSON.stringify(body.messages ?? []).length / 4), completion_tokens: Math.ceil(text.length / 4) };
}

function withTotal(usage: FakeUsage) {
  return { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { message, type, param: null, code } }, headers);
}

export function parseJson(raw: string): Record<string, unknown> {
  try {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return { unparsed: raw };
  }
}
