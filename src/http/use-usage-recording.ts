import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { operationFields } from '../usage/operation-fields.js';
import type { UsageEvent } from '../usage/usage-event.js';
import type { UsageRecorder } from '../usage/usage-recorder.js';
import { outcomeOf } from './request-outcome.js';
import { type RequestState, type RequestStates, stateOfContext } from './request-state.js';

export interface UsageRecordingOptions {
  states: RequestStates;
  recorder: UsageRecorder;
  clock: Clock;
  logger: Logger;
  /** Header carrying the client's region (e.g. `cf-ipcountry`); else the project's region. */
  regionHeader?: string | null;
}

const MAX_TEXT = 200;
/** The largest cost one event records (GraphQL Int's maximum). */
const MAX_METERED_COST = 2_147_483_647;
const REGION = /^[A-Za-z0-9-]{1,32}$/;
/** A string of at most `max` characters, or null for anything else (a client sends any JSON). */
const clip = (value: unknown, max = MAX_TEXT) =>
  typeof value !== 'string' || value === '' ? null : value.slice(0, max);

/**
 * Meters every GraphQL request — refused ones included — as one usage event handed to the
 * recorder when the response is ready. Recording is a push into a memory buffer: it never
 * waits for the database and never fails the request.
 */
export function useUsageRecording({
  states,
  recorder,
  clock,
  logger,
  regionHeader = null,
}: UsageRecordingOptions): Plugin {
  const header = regionHeader?.toLowerCase() ?? null;
  return {
    onParams({ request, params }) {
      const state = states.get(request);
      if (state) state.operationName = clip(params.operationName);
    },
    // Every parsed document passes here, also those that then fail validation: their
    // events still carry the operation's name and type, but no fields (none were touched).
    onValidate({ params, context }) {
      const state = stateOfContext(states, context);
      if (!state) return;
      const operationName = (context as { params?: { operationName?: string | null } }).params
        ?.operationName;
      const info = operationFields(params.schema, params.documentAST, operationName);
      if (!info) return;
      state.operationType = info.type;
      state.operationName = clip(info.name) ?? state.operationName;
      return ({ valid }) => {
        if (valid) state.fields = info.fields;
      };
    },
    onResultProcess({ request, result }) {
      const state = states.get(request);
      if (!state) return;
      for (const r of Array.isArray(result) ? result : [result]) {
        const errors = (r as { errors?: readonly GraphQLError[] }).errors ?? [];
        for (const error of errors) {
          if (error.extensions?.code === 'FORBIDDEN') state.forbidden = true;
          else state.failed = true;
        }
      }
    },
    onResponse({ request, response }) {
      const state = states.get(request);
      if (!state?.metered) return;
      try {
        recorder.record(toEvent(state, request, response.status, clock, header));
      } catch (error) {
        logger.error(`metering failed for ${state.requestId}: ${String(error)}`);
      }
    },
  };
}

function toEvent(
  state: RequestState,
  request: Request,
  status: number,
  clock: Clock,
  regionHeader: string | null,
): UsageEvent {
  const fromHeader = regionHeader === null ? null : request.headers.get(regionHeader);
  // A refused revoked or expired key is still attributed to its key and project.
  const key = state.auth ?? state.refusedKey;
  const region =
    fromHeader !== null && REGION.test(fromHeader) ? fromHeader : (key?.project?.region ?? null);
  return {
    id: state.requestId,
    at: clock.now(),
    projectId: key?.project?.id ?? null,
    keyId: key?.key.id ?? null,
    operationName: state.operationName,
    operationType: state.operationType,
    fields: state.fields,
    outcome: outcomeOf(state, status),
    httpStatus: status,
    durationMs: Math.round((performance.now() - state.startedAt) * 1000) / 1000,
    // A refused query's cost can be astronomically large (100^11): metered as at most 2^31 − 1.
    cost: Math.min(state.cost ?? 0, MAX_METERED_COST),
    ip: state.ip,
    region,
    userAgent: clip(request.headers.get('user-agent'), 256),
    billable: state.billable,
  };
}
