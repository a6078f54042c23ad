import type { VerifiedKey } from '../keys/verified-key.js';
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
  /** True once the request reached the GraphQL endpoint (not GraphiQL, /health, preflight). */
  graphql: boolean;
  /** Set when the edge refused the request before execution. */
  rejection: Outcome | null;
  operationName: string | null;
  operationType: string | null;
  fields: readonly string[];
  /** Some field was denied by scope-auth. */
  forbidden: boolean;
  /** The response carried errors other than FORBIDDEN. */
  failed: boolean;
}

/** Per-request state keyed by the Request object, so nothing outlives the request. */
export type RequestStates = WeakMap<Request, RequestState>;

export function newRequestState(requestId: string, ip: string | null): RequestState {
  return {
    requestId,
    ip,
    startedAt: performance.now(),
    auth: null,
    refusedKey: null,
    graphql: false,
    rejection: null,
    operationName: null,
    operationType: null,
    fields: [],
    forbidden: false,
    failed: false,
  };
}
