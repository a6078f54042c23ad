import type { VerifiedKey } from '../keys/verified-key.js';
import type { LimitStatus } from '../limits/request-limits.js';
import type { Outcome } from '../usage/usage-event.js';

/** What the edge plugins learn about one request before and around GraphQL execution. */
export interface RequestState {
  requestId: string;
  ip: string | null;
  /** performance.now() when the request arrived. */
  startedAt: number;
  auth: VerifiedKey | null;
  /** A key that was found but refused (revoked, expired): metered against it. */
  refusedKey: VerifiedKey | null;
  /** True for requests that are metered and logged: GraphQL and usage reports (not GraphiQL, /health, preflight). */
  metered: boolean;
  /** Set when the edge refused the request before execution. */
  rejection: Outcome | null;
  operationName: string | null;
  operationType: string | null;
  fields: readonly string[];
  /** Some field was denied by scope-auth. */
  forbidden: boolean;
  /** The response carried errors other than FORBIDDEN. */
  failed: boolean;
  /** The key's limits after this request was counted (or peeked, for Query.rateLimit). */
  limits: LimitStatus | null;
  /** Counted against the project's monthly quota. */
  billable: boolean;
  /** The operation's cost, once priced; and the budget it was priced against. */
  cost: number | null;
  maxCost: number | null;
}

/** Per-request state keyed by the Request object, so nothing outlives the request. */
export type RequestStates = WeakMap<Request, RequestState>;

/** The state of the request whose GraphQL context this is (Yoga puts `request` in it). */
export function stateOfContext(states: RequestStates, context: unknown): RequestState | undefined {
  const request = (context as { request?: Request } | undefined)?.request;
  return request === undefined ? undefined : states.get(request);
}

export function newRequestState(requestId: string, ip: string | null): RequestState {
  return {
    requestId,
    ip,
    startedAt: performance.now(),
    auth: null,
    refusedKey: null,
    metered: false,
    rejection: null,
    operationName: null,
    operationType: null,
    fields: [],
    forbidden: false,
    failed: false,
    limits: null,
    billable: false,
    cost: null,
    maxCost: null,
  };
}
