import { redact } from '../../../core/redact';
import type { ModelFailureKind } from './errors';

/** What went wrong with one model request, read from whatever the OpenAI or Ollama client threw. */
export interface ModelFailure {
  kind: ModelFailureKind;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  detail: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET']);
/** The Ollama client's words for a stream that stopped before its `done` line. */
const OLLAMA_STREAM_CUT = 'Did not receive done or success response in stream';

/** Returns undefined for errors that are not about the model request (bugs stay as they are). */
export function classifyFailure(err: unknown, nowMs: number): ModelFailure | undefined {
  if (!(err instanceof Error)) return undefined;
  const detail = err.message.split('\n\nTroubleshooting URL')[0].trim();
  if (err.name === 'ContextOverflowError' || codeOf(err) === 'context_length_exceeded') {
    return { kind: 'context_length', retryable: false, status: 400, detail };
  }
  const status = statusOf(err);
  if (status !== undefined) return classifyStatus(status, err, detail, nowMs);
  if (err.name === 'TimeoutError') return { kind: 'timeout', retryable: true, detail };
  if (isNetworkError(err)) return { kind: 'network', retryable: true, detail };
  if (err instanceof SyntaxError) return { kind: 'bad_response', retryable: false, detail };
  return undefined;
}

function classifyStatus(status: number, err: Error, detail: string, nowMs: number): ModelFailure {
  const base = { status, detail };
  if (status === 401) return { ...base, kind: 'auth', retryable: false };
  if (status === 404) return { ...base, kind: 'not_found', retryable: false };
  const retry = { retryable: true, retryAfterMs: retryAfterMs(headersOf(err), nowMs) };
  if (status === 429) {
    if (codeOf(err) === 'insufficient_quota') return { ...base, kind: 'quota', retryable: false };
    return { ...base, ...retry, kind: 'rate_limited' };
  }
  if (status === 408) return { ...base, ...retry, kind: 'timeout' };
  if (status >= 500 || status === 409) return { ...base, ...retry, kind: 'server' };
  return { ...base, kind: 'bad_request', retryable: false };
}

/** `retry-after-ms` (OpenAI's), else `retry-after` as seconds or an HTTP date. */
export function retryAfterMs(headers: HeaderLookup | undefined, nowMs: number): number | undefined {
  const ms = Number(headers?.('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

type HeaderLookup = (name: string) => string | null | undefined;

function headersOf(err: Error): HeaderLookup | undefined {
  const headers = (err as { headers?: unknown }).headers;
  if (headers instanceof Headers) return (name) => headers.get(name);
  if (headers && typeof headers === 'object') return (name) => (headers as Record<string, string | undefined>)[name];
  return undefined;
}

function statusOf(err: Error): number | undefined {
  const { status, status_code } = err as { status?: unknown; status_code?: unknown };
  if (typeof status === 'number') return status;
  return typeof status_code === 'number' ? status_code : undefined;
}

function codeOf(err: Error): string | undefined {
  const { code, cause } = err as { code?: unknown; cause?: { code?: unknown } };
  if (typeof code === 'string') return code;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function isNetworkError(err: Error): boolean {
  if (err.constructor.name === 'APIConnectionError') return true;
  if (err instanceof TypeError && (err.message === 'fetch failed' || err.message === 'terminated')) return true;
  if (err.message.includes(OLLAMA_STREAM_CUT)) return true;
  const code = codeOf(err);
  return code !== undefined && NETWORK_CODES.has(code);
}

export interface FailureContext {
  model: string;
  endpoint: string;
  timeoutMs: number;
  apiKey?: string;
}

/** One clear sentence per failure, with secrets masked. */
export function describeFailure(failure: ModelFailure, context: FailureContext, attempts: number): string {
  const { endpoint, model } = context;
  const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  const messages: Record<ModelFailureKind, () => string> = {
    auth: () => `API key rejected by ${endpoint} (HTTP 401); check OPENAI_API_KEY`,
    quota: () => `no quota left on the account used for ${endpoint} (insufficient_quota); check the plan and billing`,
    rate_limited: () =>
      failure.retryAfterMs !== undefined
        ? `rate limited by ${endpoint}; retry after ${Math.ceil(failure.retryAfterMs / 1000)} s${tries}`
        : `rate limited by ${endpoint}${tries}`,
    context_length: () => `the prompt is longer than ${model}'s context window (context_length_exceeded); shorten the input`,
    not_found: () => `${endpoint} answered 404 for ${model}: ${failure.detail}; check the model name and that the base URL includes /v1`,
    bad_request: () => `${endpoint} refused the request (HTTP ${failure.status}): ${failure.detail}`,
    server: () => `${endpoint} failed with HTTP ${failure.status}${tries}: ${failure.detail}`,
    timeout: () => `no answer from ${endpoint} within ${context.timeoutMs / 1000} s${tries}`,
    network: () => `cannot reach ${endpoint}${tries}: ${failure.detail}`,
    bad_response: () => `malformed response from ${endpoint}: ${failure.detail}`,
    bad_output: () => `${model} replied with output that does not match the requested schema: ${failure.detail}`,
  };
  return scrub(messages[failure.kind](), context.apiKey);
}

export function scrub(text: string, apiKey?: string): string {
  return redact(apiKey ? text.split(apiKey).join('****') : text);
}
