import type { Plugin } from 'graphql-yoga';
import { sunsetOf } from '../keys/verified-key.js';
import type { Clock } from '../lib/clock.js';
import { isPromise, type MaybePromise } from '../lib/maybe-promise.js';
import { type Authenticate, type AuthResult, sourceOf } from './authenticate.js';
import { extractKey } from './extract-key.js';
import { requestRejection, serviceUnavailable } from './http-errors.js';
import type { RequestStates } from './request-state.js';
import { rootFields } from './use-parser-limits.js';

export interface ApiKeyAuthOptions {
  states: RequestStates;
  /** Key verification (with the brute-force limiter: see guardedVerify). */
  authenticate: Authenticate;
  /** Let keyless requests through when they only introspect. @default false */
  publicIntrospection?: boolean;
  /** For the Sunset header of keys that stop working within 7 days. */
  clock: Clock;
  /** Told about a verification that could not complete (the request gets 503). */
  onError?: (error: unknown) => void;
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
  authenticate,
  publicIntrospection = false,
  clock,
  onError = () => {},
}: ApiKeyAuthOptions): Plugin {
  return {
    // RFC 8594: a key that expires, ends its rotation grace or becomes too old for an
    // enforced rotation policy within 7 days says so on every response it authenticates.
    onResponse({ request, response }) {
      const key = states.get(request)?.auth;
      const sunset = key ? sunsetOf(key, clock.now()) : null;
      if (sunset !== null) response.headers.set('Sunset', sunset.toUTCString());
    },
    onRequestParse({ request }) {
      const state = states.get(request);
      if (state) state.metered = true;
      const reject = (code: 'UNAUTHENTICATED', message: string) => {
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
      // A cached key that passes its checks is answered at once: no asynchronous step.
      const failed = (error: unknown) => {
        // Cannot decide: fail closed.
        onError(error);
        if (state) state.failed = true;
        return serviceUnavailable();
      };
      const decide = (result: AuthResult): undefined => {
        if (!result.ok) {
          if (state) {
            state.rejection = result.code;
            if (result.key) state.refusedKey = result.key;
          }
          throw requestRejection(
            result.code,
            result.message,
            'retryAfter' in result ? result.retryAfter : null,
          );
        }
        if (state) state.auth = result.key;
        return undefined;
      };
      let result: MaybePromise<AuthResult>;
      try {
        result = authenticate(presented, sourceOf(request, state?.ip ?? null));
      } catch (error) {
        throw failed(error);
      }
      if (!isPromise(result)) return decide(result);
      return result.then(decide, (error: unknown) => {
        throw failed(error);
      });
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
