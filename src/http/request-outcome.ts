import type { Outcome } from '../usage/usage-event.js';
import type { RequestState } from './request-state.js';

/**
 * The outcome of a GraphQL request, as metered and logged: a refusal before execution keeps
 * its code; otherwise FORBIDDEN when a field was denied, ERROR on any other error or a status
 * of 400 and above, else OK.
 */
export function outcomeOf(state: RequestState, status: number): Outcome {
  if (state.rejection) return state.rejection;
  if (state.forbidden) return 'FORBIDDEN';
  if (state.failed || status >= 400) return 'ERROR';
  return 'OK';
}
