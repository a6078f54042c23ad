import type { Plugin } from 'graphql-yoga';
import { newId } from '../lib/ids.js';
import { clientIp } from './client-ip.js';
import { newRequestState, type RequestStates } from './request-state.js';

export const REQUEST_ID_HEADER = 'Keygate-Request-Id';

interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

export interface RequestIdOptions {
  states: RequestStates;
  /** Whether X-Forwarded-For is believed (see clientIp). @default false */
  trustProxy?: boolean | number;
}

/** Gives every request an id (`req_…`, echoed in `Keygate-Request-Id`) and records the client ip. */
export function useRequestId({ states, trustProxy = false }: RequestIdOptions): Plugin {
  return {
    onRequest({ request, serverContext }) {
      const socketIp = (serverContext as NodeServerContext).req?.socket?.remoteAddress ?? null;
      const ip = clientIp(socketIp, request.headers.get('x-forwarded-for'), trustProxy);
      states.set(request, newRequestState(newId('req'), ip));
    },
    onResponse({ request, response }) {
      const state = states.get(request);
      if (state) response.headers.set(REQUEST_ID_HEADER, state.requestId);
    },
  };
}
