import type { Plugin } from 'graphql-yoga';
import { newId } from '../lib/ids.js';
import { newRequestState, type RequestStates } from './request-state.js';

export const REQUEST_ID_HEADER = 'Keygate-Request-Id';

interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

/** Gives every request an id (`req_…`, echoed in `Keygate-Request-Id`) and records the client ip. */
export function useRequestId({ states }: { states: RequestStates }): Plugin {
  return {
    onRequest({ request, serverContext }) {
      const ip = (serverContext as NodeServerContext).req?.socket?.remoteAddress ?? null;
      states.set(request, newRequestState(newId('req'), ip));
    },
    onResponse({ request, response }) {
      const state = states.get(request);
      if (state) response.headers.set(REQUEST_ID_HEADER, state.requestId);
    },
  };
}
