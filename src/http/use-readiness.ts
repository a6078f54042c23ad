import type { Plugin } from 'graphql-yoga';
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

export interface ReadinessOptions {
  db: Db;
  /** True once the server is shutting down: load balancers should stop sending. */
  draining: () => boolean;
  /**
   * With REDIS_URL: Redis's state, reported as `redis` in the body. Redis unreachable does
   * not make the instance unready: it serves on with per-instance limits.
   */
  redis?: (() => 'ok' | 'unreachable') | null;
  /** @default '/ready' */
  endpoint?: string;
}

/**
 * `GET /ready`: 200 when the database answers and the server is not draining, else 503 —
 * for load balancers and orchestrators. (`GET /health` is liveness: the process answers.)
 * With Redis configured the body also says `"redis": "ok"` or `"unreachable"`.
 */
export function useReadiness({
  db,
  draining,
  redis = null,
  endpoint = '/ready',
}: ReadinessOptions): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      const answer = (status: number, body: Record<string, string>) =>
        endResponse(
          new fetchAPI.Response(
            JSON.stringify(redis === null ? body : { ...body, redis: redis() }),
            {
              status,
              headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
            },
          ),
        );
      if (draining()) return answer(503, { status: 'draining' });
      // The table every request needs: reachable means keys can be read.
      return sql`select 1 from api_keys limit 1`.execute(db).then(
        () => answer(200, { status: 'ready' }),
        () => answer(503, { status: 'database unavailable' }),
      );
    },
  };
}
