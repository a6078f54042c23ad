import type { Plugin } from 'graphql-yoga';
import type { VerifyFailureCode, VerifyResult } from '../keys/verify-key.js';
import type { Clock } from '../lib/clock.js';
import type { AuthFailureGuard } from '../limits/auth-failure-guard.js';
import { extractKey } from './extract-key.js';
import { requestRejection } from './http-errors.js';
import type { RequestStates } from './request-state.js';
import { rootFields } from './use-parser-limits.js';

export interface ApiKeyAuthOptions {
  states: RequestStates;
  verify: (presented: string) => Promise<VerifyResult>;
  /** Let keyless requests through when they only introspect. @default false */
  publicIntrospection?: boolean;
  /** Slows down client ips that keep presenting bad keys. */
  bruteForce?: {
    guard: AuthFailureGuard;
    clock: Clock;
    /** False when the key is certainly not a stored key, decided without the database. */
    mightBeKey: (presented: string) => boolean;
  };
}

export const MISSING_KEY_MESSAGE =
  'missing API key: send it in the X-API-Key header or as Authorization: Bearer <key>';

/**
 * Authenticates every GraphQL request before its body is parsed: no key, a malformed or
 * unknown key, a revoked or expired one is refused with 401 and nothing is executed. A
 * client ip over the failed-authentication limit gets 429 for its failing attempts instead,
 * and its keys that cannot be valid are refused without a database lookup.
 */
export function useApiKeyAuth({
  states,
  verify,
  publicIntrospection = false,
  bruteForce,
}: ApiKeyAuthOptions): Plugin {
  return {
    async onRequestParse({ request }) {
      const state = states.get(request);
      if (state) state.metered = true;
      const reject = (code: VerifyFailureCode, message: string) => {
        if (state) state.rejection = code;
        return requestRejection(code, message);
      };
      const presented = extractKey(request.headers);
      if (presented === null) {
        if (!publicIntrospection) throw reject('UNAUTHENTICATED', MISSING_KEY_MESSAGE);
        return {
          onRequestParseDone({ requestParserResult }) {
            const all = Array.isArray(requestParserResult)
              ? requestParserResult
              : [requestParserResult];
            if (!all.every((p) => isIntrospectionOnly(p.query, p.operationName))) {
              throw reject('UNAUTHENTICATED', MISSING_KEY_MESSAGE);
            }
          },
        };
      }
      const ip = state?.ip ?? null;
      const guard = ip === null ? undefined : bruteForce;
      const now = guard?.clock.now().getTime() ?? 0;
      const wait = ip === null || !guard ? null : await guard.guard.blocked(ip, now);
      const slowDown = (seconds: number) => {
        if (state) state.rejection = 'RATE_LIMITED';
        return requestRejection(
          'RATE_LIMITED',
          `too many failed authentication attempts from this address; retry in ${seconds} s`,
          { 'Retry-After': String(seconds) },
        );
      };
      if (wait !== null && ip !== null && guard && !guard.mightBeKey(presented)) {
        await guard.guard.failed(ip, now);
        throw slowDown(wait);
      }
      const result = await verify(presented);
      if (!result.ok) {
        if (state && result.key) state.refusedKey = result.key;
        if (ip !== null && guard) await guard.guard.failed(ip, now);
        if (wait !== null) throw slowDown(wait);
        throw reject(result.code, result.message);
      }
      if (state) state.auth = result.key;
      return undefined;
    },
  };
}

/** True when the operation selects only `__schema`, `__type` and `__typename` at its root. */
function isIntrospectionOnly(
  query: string | undefined,
  operationName: string | null | undefined,
): boolean {
  // Not a document we can vouch for: a keyless request gets the 401.
  const root = rootFields(query, operationName);
  return root?.operation === 'query' && root.fields.every((f) => f.startsWith('__'));
}
