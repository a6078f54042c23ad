import type { Plugin } from 'graphql-yoga';
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

export interface ReadinessOptions {
  db: Db;
  /** True once the server is shutting down: load balancers should stop sending. */
  draining: () => boolean;
  /** @default '/ready' */
  endpoint?: string;
}

/**
 * `GET /ready`: 200 when the database answers and the server is not draining, else 503 —
 * for load balancers and orchestrators. (`GET /health` is liveness: the process answers.)
 */
export function useReadiness({ db, draining, endpoint = '/ready' }: ReadinessOptions): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      const answer = (status: number, body: Record<string, string>) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status,
            headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
          }),
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
