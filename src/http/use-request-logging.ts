import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../lib/logger.js';
import { outcomeOf } from './request-outcome.js';
import type { RequestStates } from './request-state.js';

export interface RequestLoggingOptions {
  states: RequestStates;
  logger: Logger;
}

/**
 * One structured info line per GraphQL request, refused ones included, when its response is
 * ready: `{ msg: 'request', requestId, keyId, projectId, operationName, operationType, outcome,
 * status, durationMs }`. Ids only: never a header, never the key.
 */
export function useRequestLogging({ states, logger }: RequestLoggingOptions): Plugin {
  return {
    onResponse({ request, response }) {
      const state = states.get(request);
      if (!state?.metered) return;
      try {
        // A refused revoked or expired key is attributed to its key and project, as in usage.
        const key = state.auth ?? state.refusedKey;
        logger.info({
          msg: 'request',
          requestId: state.requestId,
          keyId: key?.key.id ?? null,
          projectId: key?.project?.id ?? null,
          operationName: state.operationName,
          operationType: state.operationType,
          outcome: outcomeOf(state, response.status),
          status: response.status,
          durationMs: Math.round((performance.now() - state.startedAt) * 1000) / 1000,
        });
      } catch {
        // A log line must never fail the request.
      }
    },
  };
}
