import type { VerifiedKey } from '../keys/verified-key.js';

/** What the edge plugins learn about one request before the GraphQL context exists. */
export interface RequestState {
  requestId: string;
  ip: string | null;
  auth: VerifiedKey | null;
}

/** Per-request state keyed by the Request object, so nothing outlives the request. */
export type RequestStates = WeakMap<Request, RequestState>;
