import type { ExecutionResult, GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Every `extensions.code` Keygate answers with. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'KEY_REVOKED'
  | 'KEY_EXPIRED'
  | 'KEY_DISABLED'
  | 'ORIGIN_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'QUOTA_EXCEEDED'
  | 'COST_LIMIT_EXCEEDED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'ALIAS_LIMIT_EXCEEDED'
  | 'DIRECTIVE_LIMIT_EXCEEDED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'LENGTH_REQUIRED'
  | 'SERVICE_UNAVAILABLE'
  | 'HTTPS_REQUIRED'
  | 'BAD_REQUEST';

/** HTTP status of a request refused before execution. */
const REQUEST_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  KEY_REVOKED: 401,
  KEY_EXPIRED: 401,
  KEY_DISABLED: 401,
  ORIGIN_NOT_ALLOWED: 403,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  SERVICE_UNAVAILABLE: 503,
};

export const WWW_AUTHENTICATE = 'ApiKey realm="keygate", header="X-API-Key"';

/**
 * A whole request refused before execution: the HTTP status and headers ride in
 * `extensions.http`, which Yoga turns into the response status and strips from the body.
 * `retryAfter` (seconds) becomes the Retry-After header; 401s carry WWW-Authenticate.
 *
 * Refusals repeat (a flood of unknown keys is one refusal thousands of times) and nothing
 * changes them once made, so each is made once and shared: a GraphQLError costs 10–40 µs to
 * construct on a slow core, most of it in its constructor's property definitions, and was
 * with Yoga's copy of it (see useRefusalResults) a quarter of a refused request's CPU.
 */
export function requestRejection(
  code: ErrorCode,
  message: string,
  retryAfter: number | null = null,
): GraphQLError {
  const id = `${code} ${retryAfter} ${message}`;
  let refusal = refusals.get(id);
  if (refusal === undefined) {
    const status = REQUEST_STATUS[code] ?? 400;
    const allHeaders: Record<string, string> = {};
    if (status === 401) allHeaders['WWW-Authenticate'] = WWW_AUTHENTICATE;
    if (retryAfter !== null) allHeaders['Retry-After'] = String(retryAfter);
    refusal = withoutStack(() =>
      createGraphQLError(message, {
        extensions: { code, http: { status, headers: allHeaders } },
      }),
    );
    // Bounded: messages with a key's details or wait times vary a little, never without end.
    if (refusals.size >= MAX_REFUSALS) refusals.clear();
    refusals.set(id, refusal);
    bodies.set(refusal, refusalBody(refusal));
  }
  return refusal;
}

const MAX_REFUSALS = 1000;
/** Every refusal made, by code, wait and message. */
const refusals = new Map<string, GraphQLError>();
/** What each refusal serializes to in a response (see useRefusalResults). */
const bodies = new WeakMap<GraphQLError, RefusalBody>();

/** A refusal as a response's `errors` holds it: extensions without Yoga's internal `http`. */
interface RefusalBody {
  message: string;
  extensions: Record<string, unknown>;
  toJSON(): { message: string; extensions: Record<string, unknown> };
}

function refusalBody(refusal: GraphQLError): RefusalBody {
  const { http: _http, unexpected: _unexpected, ...shown } = refusal.extensions;
  const json = { message: refusal.message, extensions: shown };
  // extensions (with `http`) stays for Yoga's status and headers; toJSON is what is sent.
  return { message: refusal.message, extensions: refusal.extensions, toJSON: () => json };
}

/**
 * A response whose only errors are refusals is serialized from their prepared bodies. Yoga
 * would copy each GraphQLError to strip `extensions.http` before writing it (a new
 * GraphQLError per refusal per request); the prepared body is the same JSON — message, then
 * extensions without `http` — and keeps `extensions.http` for the status and headers.
 */
export function useRefusalResults(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const errors = (result as ExecutionResult).errors;
      if (errors === undefined || errors.length === 0) return;
      const prepared: RefusalBody[] = [];
      for (const error of errors) {
        const body = bodies.get(error);
        if (body === undefined) return;
        prepared.push(body);
      }
      setResult({ ...result, errors: prepared as unknown as GraphQLError[] });
    },
  };
}

/**
 * `make()` with no stack frames captured: nobody reads a refusal's stack (responses never
 * carry one, logs say why in words).
 */
function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Seconds a client is asked to wait when the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER = 5;

/** 503: Keygate cannot decide (its database is unavailable); authentication fails closed. */
export function serviceUnavailable(): GraphQLError {
  return requestRejection(
    'SERVICE_UNAVAILABLE',
    'Keygate cannot reach its database; retry shortly',
    UNAVAILABLE_RETRY_AFTER,
  );
}

/** The `fetchAPI` Yoga hands to onRequest hooks, for answers that end a request there. */
export type FetchAPI = Parameters<NonNullable<Plugin['onRequest']>>[0]['fetchAPI'];

/** A GraphQL-shaped error body (`errors[0].extensions.code`) with an HTTP status. */
export function errorResponse(
  fetchAPI: FetchAPI,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
): Response {
  return new fetchAPI.Response(
    JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }),
    { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } },
  );
}

/** A requestRejection answered outside GraphQL (onRequest hooks): same status, headers, words. */
export function rejectionResponse(fetchAPI: FetchAPI, error: GraphQLError): Response {
  const http = error.extensions.http as { status: number; headers: Record<string, string> };
  return errorResponse(
    fetchAPI,
    http.status,
    String(error.extensions.code),
    error.message,
    http.headers,
  );
}

/** An error at one field's path (HTTP 200, the rest of the query still resolves). */
export function fieldError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return createGraphQLError(message, { extensions: { code, ...extensions } });
}
