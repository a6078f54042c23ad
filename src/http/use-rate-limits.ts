import type { Plugin } from 'graphql-yoga';
import type { Clock } from '../lib/clock.js';
import { isPromise, type MaybePromise } from '../lib/maybe-promise.js';
import type { AdmitResult, LimitStatus, RequestLimits } from '../limits/request-limits.js';
import { requestRejection, serviceUnavailable } from './http-errors.js';
import type { RequestStates } from './request-state.js';
import { rootFields } from './use-parser-limits.js';

export interface RateLimitsOptions {
  states: RequestStates;
  limits: RequestLimits;
  clock: Clock;
  /** Told about a limit check that could not complete (the request gets 503). */
  onError?: (error: unknown) => void;
}

/** The IETF RateLimit policy name of the per-minute limit. */
const POLICY = 'minute';

/**
 * Counts every authenticated request against its key's rate limit, its project's monthly
 * quota and its key's usageLimit, once the body is read (so that an operation selecting
 * only `Query.rateLimit` can be told apart: it checks the budget without spending it).
 * Refusals are 429 with Retry-After; every authenticated response carries the IETF
 * `RateLimit-Policy` and `RateLimit` fields of the key's per-minute limit.
 */
export function useRateLimits({
  states,
  limits,
  clock,
  onError = () => {},
}: RateLimitsOptions): Plugin {
  return {
    onRequestParse({ request }) {
      const state = states.get(request);
      const key = state?.auth;
      if (!state || !key) return undefined;
      return {
        onRequestParseDone({ requestParserResult }) {
          const all = Array.isArray(requestParserResult)
            ? requestParserResult
            : [requestParserResult];
          const now = clock.now().getTime();
          const unavailable = (error: unknown) => {
            onError(error);
            state.failed = true;
            return serviceUnavailable();
          };
          if (all.every((p) => selectsOnlyRateLimit(p.query, p.operationName))) {
            return limits.status(key, now).then(
              (status) => {
                state.limits = status;
              },
              (error: unknown) => {
                throw unavailable(error);
              },
            );
          }
          // Counted operation by operation; in memory the answers are there at once and the
          // request takes no asynchronous step here.
          const settle = (result: AdmitResult) => {
            state.limits = result.status;
            if (!result.ok) {
              state.rejection = result.code;
              throw requestRejection(result.code, result.message, result.retryAfter);
            }
          };
          const admitFrom = (first: number): MaybePromise<void> => {
            for (let i = first; i < all.length; i++) {
              let result: MaybePromise<AdmitResult>;
              try {
                result = limits.admit(key, now);
              } catch (error) {
                throw unavailable(error);
              }
              if (isPromise(result)) {
                return result.then(
                  (admitted) => {
                    settle(admitted);
                    return admitFrom(i + 1);
                  },
                  (error: unknown) => {
                    throw unavailable(error);
                  },
                );
              }
              settle(result);
            }
            state.billable = true;
          };
          return admitFrom(0);
        },
      };
    },
    onResponse({ request, response }) {
      const status = states.get(request)?.limits;
      if (status) setRateLimitHeaders(response.headers, status);
    },
  };
}

/** `RateLimit-Policy: "minute";q=60;w=60` and `RateLimit: "minute";r=42;t=17`. */
export function setRateLimitHeaders(headers: Headers, status: LimitStatus): void {
  const rate = status.rate;
  if (rate === null) return; // an unlimited admin key has no policy to announce
  headers.set('RateLimit-Policy', `"${POLICY}";q=${rate.limit};w=60`);
  headers.set('RateLimit', `"${POLICY}";r=${rate.remaining};t=${rate.resetSeconds}`);
}

/** True when the operation selects only `rateLimit` (and `__typename`) at its root. */
function selectsOnlyRateLimit(
  query: string | undefined,
  operationName: string | null | undefined,
): boolean {
  if (typeof query !== 'string' || !query.includes('rateLimit')) return false;
  const root = rootFields(query, operationName);
  return (
    root?.operation === 'query' && root.fields.every((f) => f === 'rateLimit' || f === '__typename')
  );
}
