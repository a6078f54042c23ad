import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';

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
 */
export function requestRejection(
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): GraphQLError {
  const status = REQUEST_STATUS[code] ?? 400;
  const allHeaders =
    status === 401 ? { 'WWW-Authenticate': WWW_AUTHENTICATE, ...headers } : headers;
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
    { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER) },
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
