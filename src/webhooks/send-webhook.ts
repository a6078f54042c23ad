import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { addressAllowed, guardedLookup, literalAddress } from './webhook-url.js';

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  /** Aborting it ends the attempt at once (the request is destroyed) with an error. */
  signal?: AbortSignal;
}

/** What one attempt came to: an HTTP status, or the error that stopped it. */
export interface SendOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const MAX_ERROR_LENGTH = 500;

/**
 * POSTs one webhook and settles with its outcome; never rejects. Redirects are not followed
 * (a 3xx is an answer like any non-2xx), the connection goes only to an address the SSRF rule
 * allows (checked on the resolved address), and the whole exchange up to the response
 * headers is bounded by `timeoutMs` (and ends early when `signal` aborts). The response
 * body is not read: the connection closes.
 */
export function sendWebhook(req: SendRequest): Promise<SendOutcome> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): SendOutcome => ({
    statusCode,
    error: error === null ? null : error.slice(0, MAX_ERROR_LENGTH),
    durationMs: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return Promise.resolve(done(null, 'the webhook url is not a valid URL'));
  }
  const literal = literalAddress(url);
  if (literal !== null && !addressAllowed(literal, url.protocol, req.allowPrivate)) {
    return Promise.resolve(
      done(null, `${literal} is not an address webhooks may be sent to (SSRF rule)`),
    );
  }
  if (url.protocol === 'http:' && !req.allowPrivate) {
    return Promise.resolve(done(null, 'plain http webhooks need KEYGATE_WEBHOOK_ALLOW_PRIVATE'));
  }
  if (req.signal?.aborted) return Promise.resolve(done(null, 'aborted before it was sent'));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', abort);
      resolve(outcome);
    };
    const abort = () => {
      settle(done(null, 'aborted'));
      request.destroy();
    };
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        lookup: guardedLookup(url.protocol, req.allowPrivate),
        // A connection of its own: nothing pooled outlives the attempt.
        agent: false,
      },
      (response) => {
        settle(done(response.statusCode ?? null, null));
        // The status is the answer: a body still streaming must not hold the socket open.
        response.on('error', () => {});
        response.destroy();
      },
    );
    const timer = setTimeout(() => {
      settle(done(null, `no response within ${req.timeoutMs} ms`));
      request.destroy();
    }, req.timeoutMs);
    req.signal?.addEventListener('abort', abort, { once: true });
    request.on('error', (error) => settle(done(null, describe(error))));
    request.end(req.body);
  });
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && !error.message.includes(code)
    ? `${code}: ${error.message}`
    : error.message;
}
