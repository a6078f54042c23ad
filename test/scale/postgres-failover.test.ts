import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// PostgreSQL ends a connection while Keygate holds it in the middle of a transaction (a
// failover, an administrator's pg_terminate_backend): that transaction fails, the process
// lives on and serves the next request on a new connection.

const FailoverViewer = graphql(`
  query FailoverViewer {
    viewer {
      key {
        kind
      }
    }
  }
`);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

test('a connection terminated mid-transaction fails that transaction, not the process', async () => {
  const db = t.server.services.db;
  const outcome = await db
    .transaction()
    .execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      const pid = rows[0]?.pid;
      const admin = t.database.open();
      try {
        await sql`select pg_terminate_backend(${pid})`.execute(admin);
      } finally {
        await admin.destroy();
      }
      // Give the socket's end time to arrive while the client is still checked out.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await sql`select 1`.execute(trx);
      return 'committed';
    })
    .catch((error: unknown) => (error instanceof Error ? 'failed' : 'odd'));
  expect(outcome).toBe('failed');
  const res = await t.gql(FailoverViewer, {}, t.adminKey);
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual({ viewer: { key: { kind: 'ADMIN' } } });
});
