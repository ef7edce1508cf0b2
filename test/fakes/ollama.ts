/**
 * A fake Ollama server on 127.0.0.1 (random port), speaking the real wire protocol.
 *
 *   const fake = await startFakeOllama({ models: ['llama3.2:latest'], replies: ['hello', { json: { ok: true } }] });
 *   new ChatOllama({ model: 'llama3.2', baseUrl: fake.url });
 *   fake.requests   // every request: method, path, headers, parsed JSON body
 *   fake.enqueue(...replies); await fake.close();
 *
 * POST /api/chat answers each request with the next scripted reply as an NDJSON stream (ChatOllama always streams)
 * whose final `done: true` line carries prompt_eval_count and eval_count; `no_done` cuts the stream before it. A reply is
 * text, `{ json }` (content is that value as JSON, for `format`), `{ toolCalls }`, a fault, or a function of the
 * request returning one of those. With no scripted reply left the fake answers 400. GET /api/tags lists `models`.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, sendJson } from './http';
import { parseJson, type FakeToolCall, type RecordedRequest } from './openai';

export type FakeOllamaFault = { fault: 'server_error' } | { fault: 'no_done' } | { fault: 'hang' };

export type FakeOllamaAnswer =
  | string
  | { text?: string; json?: unknown; toolCalls?: FakeToolCall[]; promptEvalCount?: number; evalCount?: number }
  | FakeOllamaFault;

export type FakeOllamaReply = FakeOllamaAnswer | ((request: RecordedRequest) => FakeOllamaAnswer);

export interface FakeOllamaOptions {
  replies?: FakeOllamaReply[];
  models?: string[];
}

export interface FakeOllama {
  /** The host for ChatOllama's `baseUrl` and OLLAMA_HOST (no path). */
  url: string;
  requests: RecordedRequest[];
  enqueue(...replies: FakeOllamaReply[]): void;
  close(): Promise<void>;
}

export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const queue: FakeOllamaReply[] = [...(options.replies ?? [])];
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: parseJson(raw) };
      requests.push(recorded);
      if (req.method === 'GET' && req.url === '/api/tags') return sendJson(res, 200, { models: (options.models ?? ['llama3.2:latest']).map(toTag) });
      if (req.method === 'POST' && req.url === '/api/chat') return answerChat(recorded, queue.shift(), res);
      sendJson(res, 404, { error: `fake Ollama: no route for ${req.method} ${req.url}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answerChat(request: RecordedRequest, reply: FakeOllamaReply | undefined, res: ServerResponse): void {
  if (reply === undefined) return sendJson(res, 400, { error: 'fake Ollama: no scripted reply left' });
  const answer = typeof reply === 'function' ? reply(request) : reply;
  const model = String(request.body.model ?? 'unknown');
  if (typeof answer === 'object' && 'fault' in answer) return sendFault(answer, model, res);
  const scripted = typeof answer === 'string' ? { text: answer } : answer;
  const text = scripted.json !== undefined ? JSON.stringify(scripted.json) : (scripted.text ?? '');
  const toolCalls = scripted.toolCalls?.map((call) => ({ function: { name: call.name, arguments: call.args } }));
  const counts = {
    prompt_eval_count: scripted.promptEvalCount ?? Math.ceil(JSON.stringify(request.body.messages ?? []).length / 4),
    eval_count: scripted.evalCount ?? Math.ceil(text.length / 4),
  };
  const final = { ...line(model, '', toolCalls), done: true, done_reason: 'stop', total_duration: 1000, ...counts };
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const piece of text.match(/.{1,8}/gs) ?? []) res.write(`${JSON.stringify(line(model, piece))}\n`);
  res.end(`${JSON.stringify(final)}\n`);
}

function sendFault(fault: FakeOllamaFault, model: string, res: ServerResponse): void {
  switch (fault.fault) {
    case 'server_error':
      return sendJson(res, 500, { error: 'fake Ollama: model runner has unexpectedly stopped' });
    case 'no_done':
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      return void res.end(`${JSON.stringify(line(model, 'partial'))}\n`);
    case 'hang':
      return;
  }
}

function line(model: string, content: string, toolCalls?: unknown[]) {
  return { model, created_at: '2025-01-01T00:00:00Z', message: { role: 'assistant', content, tool_calls: toolCalls }, done: false };
}

function toTag(name: string) {
  return {
    name,
    model: name,
    modified_at: '2025-01-01T00:00:00Z',
    size: 2_000_000_000,
    digest: 'fake',
    details: { format: 'gguf', family: 'llama', parameter_size: '3B', quantization_level: 'Q4_K_M' },
  };
}
