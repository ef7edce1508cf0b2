/**
 * The HTTP layer under jsforce, installed in place of its default Transport (FACTS.md: jsforce has no timeout of its
 * own and silently retries GET/PUT/DELETE on 429/5xx/resets for ~15 s, re-sending a bulk upload PUT with an empty
 * body). Here every request is sent once, has a deadline that covers reading the reply, and may be counted; chosen
 * error statuses become an HttpFailure that keeps the status (jsforce's own errors drop it).
 */
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce';
import type { Transport } from 'jsforce/lib/transport';

/** Salesforce answered with an error status. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpFailure';
  }

  static of(response: HttpResponse): HttpFailure {
    const said = errorOf(response.body);
    return new HttpFailure(response.statusCode, said?.code ?? `HTTP_${response.statusCode}`, said?.message ?? '');
  }
}

/** No complete reply within the deadline. */
export class RequestTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs / 1000} s`);
    this.name = 'RequestTimeout';
  }
}

export interface TransportOptions {
  timeoutMs: number;
  /** Called as each request is sent. */
  onSend?(): void;
  /** Called with the status of each reply. */
  onReply?(status: number): void;
  /** Which error statuses become an HttpFailure; the others reach jsforce, which reads them itself. */
  failOn(status: number): boolean;
}

const SEND_ONCE: HttpRequestOptions['retry'] = { maxRetries: 0, methods: [] };

export async function createTransport(options: TransportOptions): Promise<Transport> {
  const { Transport, StreamPromise } = await import('./sdk');

  class GuardedTransport extends Transport {
    override httpRequest(request: HttpRequest, requestOptions: HttpRequestOptions = {}) {
      options.onSend?.();
      // jsforce's own timeout aborts the socket while waiting for headers; the deadline below also covers the body.
      const attempt = super.httpRequest(request, { ...requestOptions, timeout: options.timeoutMs, retry: SEND_ONCE });
      return StreamPromise.create(() => ({ stream: attempt.stream(), promise: settle(attempt, options) }));
    }
  }
  return new GuardedTransport();
}

async function settle(attempt: Promise<HttpResponse> & { stream(): { destroy(): void } }, options: TransportOptions): Promise<HttpResponse> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      attempt.stream().destroy();
      reject(new RequestTimeout(options.timeoutMs));
    }, options.timeoutMs);
  });
  try {
    const response = await Promise.race([attempt, deadline]);
    options.onReply?.(response.statusCode);
    if (options.failOn(response.statusCode)) throw HttpFailure.of(response);
    return response;
  } catch (error) {
    // jsforce aborts with node-fetch's AbortError when its own (header) timeout fires.
    if (error instanceof Error && error.name === 'AbortError') throw new RequestTimeout(options.timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Salesforce's error body: `[{errorCode, message}]` from the REST and Bulk APIs, `{error, error_description}` from OAuth. */
export function errorOf(body: string): { code: string; message: string } | undefined {
  try {
    return errorIn(JSON.parse(body));
  } catch {
    return undefined;
  }
}

export function errorIn(parsed: unknown): { code: string; message: string } | undefined {
  const first = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown> | null | undefined;
  if (!first || typeof first !== 'object') return undefined;
  const code = first.errorCode ?? first.error;
  const message = first.message ?? first.error_description;
  return typeof code === 'string' ? { code, message: typeof message === 'string' ? message : '' } : undefined;
}
