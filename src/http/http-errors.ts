import type { GraphQLError } from 'graphql';
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
 */
export function requestRejection(
  code: ErrorCode,
  message: string,
  retryAfter: number | null = null,
): GraphQLError {
  const status = REQUEST_STATUS[code] ?? 400;
  const allHeaders: Record<string, string> = {};
  if (status === 401) allHeaders['WWW-Authenticate'] = WWW_AUTHENTICATE;
  if (retryAfter !== null) allHeaders['Retry-After'] = String(retryAfter);
  return createGraphQLError(message, {
    extensions: { code, http: { status, headers: allHeaders } },
  });
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
