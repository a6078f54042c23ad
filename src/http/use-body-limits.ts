import type { Plugin } from 'graphql-yoga';
import { type ErrorCode, errorResponse } from './http-errors.js';
import type { RequestStates } from './request-state.js';

export interface BodyLimitsOptions {
  states: RequestStates;
  /** @default 102_400 (100 KB) */
  maxBodyBytes?: number;
  /** @default '/graphql' */
  endpoint?: string;
}

/** JSON only: a form or multipart POST is what a cross-site form can send (CSRF). */
const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

/**
 * GETs whose `variables` or `extensions` are not JSON get 400 BAD_REQUEST. Refuses, before
 * anything reads the body, POSTs to the GraphQL endpoint that are not JSON
 * (415, no CSRF through forms or multipart), that do not say their length (411), or whose
 * body is larger than `maxBodyBytes` (413).
 */
export function useBodyLimits({
  states,
  maxBodyBytes = 102_400,
  endpoint = '/graphql',
}: BodyLimitsOptions): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      const refuse = (status: number, code: ErrorCode, message: string) => {
        const state = states.get(request);
        if (state) state.metered = true;
        endResponse(errorResponse(fetchAPI, status, code, message));
      };
      if (request.method === 'GET') {
        // Yoga's GET parser would throw (a 500) on variables or extensions that are not JSON.
        for (const name of ['variables', 'extensions']) {
          const value = url.searchParams.get(name);
          if (value === null) continue;
          try {
            JSON.parse(value);
          } catch {
            return refuse(400, 'BAD_REQUEST', `the "${name}" parameter is not JSON`);
          }
        }
        return;
      }
      if (request.method !== 'POST') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (!JSON_TYPES.includes(type ?? '')) {
        return refuse(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'POST a JSON body with Content-Type: application/json (forms and multipart are refused)',
        );
      }
      const length = request.headers.get('content-length');
      if (length === null) {
        return refuse(411, 'LENGTH_REQUIRED', 'send the body with a Content-Length header');
      }
      if (!/^\d+$/.test(length) || Number(length) > maxBodyBytes) {
        return refuse(
          413,
          'PAYLOAD_TOO_LARGE',
          `the request body is larger than ${maxBodyBytes} bytes`,
        );
      }
    },
  };
}
