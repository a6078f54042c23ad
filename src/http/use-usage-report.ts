import type { Plugin } from 'graphql-yoga';
import { projectScope } from '../authz/actor.js';
import { explainMissingScope } from '../authz/auth-scopes.js';
import type { Db } from '../db/create-db.js';
import { isDatabaseError } from '../db/database-error.js';
import { actorOf, grantViewOf } from '../keys/verified-key.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { RequestLimits } from '../limits/request-limits.js';
import {
  noUsageReportPages,
  parseUsageReportInput,
  type UsageReportRow,
  usageReportCsv,
  usageReportFilename,
  usageReportPages,
} from '../usage/usage-report.js';
import { type Authenticate, sourceOf } from './authenticate.js';
import { extractKey } from './extract-key.js';
import {
  errorResponse,
  type FetchAPI,
  rejectionResponse,
  requestRejection,
  serviceUnavailable,
} from './http-errors.js';
import type { RequestStates } from './request-state.js';
import { MISSING_KEY_MESSAGE } from './use-api-key-auth.js';

export interface UsageReportOptions {
  /** The same key verification as the GraphQL endpoint. */
  authenticate: Authenticate;
  /** The same rate limit, quota and usage limit as the GraphQL endpoint. */
  limits: RequestLimits;
  clock: Clock;
  db: Db;
  logger: Logger;
  /** Per-request state: a report request is metered and logged like a GraphQL one. */
  states: RequestStates;
  /** @default '/reports/usage.csv' */
  endpoint?: string;
}

/** Same words as the GraphQL endpoint's refusal of a request without a key. */

/**
 * `GET /reports/usage.csv?projectId=…&from=…&to=…&granularity=HOUR|DAY`: the usage rows of
 * one project (or, for admin keys, every project) per bucket, key and outcome, streamed as
 * CSV. Authenticated like GraphQL and gated by `usage:read`; a project key sees only its own
 * project, and a foreign project answers like a missing one (the header row alone).
 */
export function useUsageReport({
  authenticate,
  limits,
  clock,
  db,
  logger,
  states,
  endpoint = '/reports/usage.csv',
}: UsageReportOptions): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      return answer(request, url, fetchAPI).then(endResponse, (error: unknown) => {
        logger.error(`usage report failed: ${String(error)}`);
        const state = states.get(request);
        if (state) state.failed = true;
        endResponse(
          isDatabaseError(error)
            ? rejectionResponse(fetchAPI, serviceUnavailable())
            : errorResponse(fetchAPI, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.'),
        );
      });
    },
  };

  async function answer(request: Request, url: URL, fetchAPI: FetchAPI): Promise<Response> {
    const state = states.get(request);
    if (state) {
      state.metered = true;
      state.operationName = `GET ${endpoint}`;
      state.operationType = 'report';
    }
    if (request.method !== 'GET') {
      return errorResponse(fetchAPI, 405, 'METHOD_NOT_ALLOWED', `use GET for ${endpoint}`, {
        Allow: 'GET',
      });
    }
    const presented = extractKey(request.headers);
    if (presented === null) {
      if (state) state.rejection = 'UNAUTHENTICATED';
      return rejectionResponse(fetchAPI, requestRejection('UNAUTHENTICATED', MISSING_KEY_MESSAGE));
    }
    const verified = await authenticate(presented, sourceOf(request, state?.ip ?? null));
    if (!verified.ok) {
      if (state) {
        state.rejection = verified.code;
        state.refusedKey = verified.key ?? null;
      }
      const retryAfter = 'retryAfter' in verified ? verified.retryAfter : null;
      return rejectionResponse(
        fetchAPI,
        requestRejection(verified.code, verified.message, retryAfter),
      );
    }
    if (state) state.auth = verified.key;
    const admitted = await limits.admit(verified.key, clock.now().getTime());
    if (state) state.limits = admitted.status;
    if (!admitted.ok) {
      if (state) state.rejection = admitted.code;
      return rejectionResponse(
        fetchAPI,
        requestRejection(admitted.code, admitted.message, admitted.retryAfter),
      );
    }
    if (state) state.billable = true;
    if (!verified.key.grants.has('usage:read')) {
      if (state) state.forbidden = true;
      const why = explainMissingScope(grantViewOf(verified.key), 'usage:read');
      return errorResponse(
        fetchAPI,
        403,
        'FORBIDDEN',
        `not allowed to read usage reports: ${why}`,
        {},
        {
          requiredScopes: ['usage:read'],
        },
      );
    }

    const params = url.searchParams;
    const parsed = parseUsageReportInput({
      projectId: params.get('projectId'),
      from: params.get('from'),
      to: params.get('to'),
      granularity: params.get('granularity'),
    });
    if (!parsed.ok) return errorResponse(fetchAPI, 400, parsed.code, parsed.message);
    const q = parsed.value;
    // A foreign project answers exactly like one that does not exist: no rows.
    const scope = projectScope(actorOf(verified.key, null), q.projectId);
    const pages: AsyncGenerator<UsageReportRow[]> =
      scope === null ? noUsageReportPages() : usageReportPages(db, { ...q, ...scope });

    const chunks = usageReportCsv(pages);
    // Read the header and the first page before answering, so a failing query is a 500.
    const head = await chunks.next();
    const first = await chunks.next();
    const ready = [head, first].flatMap((c) => (c.done ? [] : [c.value]));
    const encoder = new TextEncoder();
    const body = new fetchAPI.ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const chunk = ready.shift();
          if (chunk !== undefined) return controller.enqueue(encoder.encode(chunk));
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          logger.error(`usage report stream failed: ${String(error)}`);
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new fetchAPI.Response(body, {
      status: 200,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${usageReportFilename(q.from, q.to)}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }
}
