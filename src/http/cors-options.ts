import type { YogaServerOptions } from 'graphql-yoga';
import { REQUEST_ID_HEADER } from './use-request-id.js';

const SHARED = {
  methods: ['GET', 'POST', 'OPTIONS'],
  allowedHeaders: ['X-API-Key', 'Authorization', 'Content-Type', 'Accept'],
  exposedHeaders: [
    REQUEST_ID_HEADER,
    'WWW-Authenticate',
    'Retry-After',
    'RateLimit',
    'RateLimit-Policy',
    'Sunset',
    'Content-Disposition',
  ],
  credentials: false,
  maxAge: 600,
};

/**
 * CORS so that a browser frontend can send its key. `'*'` admits any origin; a list admits
 * exactly those origins and answers every other one (including `Origin: null`) with no CORS
 * headers at all, so the browser blocks it.
 */
export function corsOptions(
  origins: '*' | readonly string[],
): YogaServerOptions<object, object>['cors'] {
  if (origins === '*') return { ...SHARED, origin: '*' };
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    return origin !== null && allowed.has(origin) ? { ...SHARED, origin } : false;
  };
}
