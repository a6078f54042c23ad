import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// PostgreSQL without Redis: other instances may share the database and nothing tells this
// one about their changes, so a cached key is served for at most a second.

const NoRedisPing = graphql(`
  query NoRedisPing {
    __typename
  }
`);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { REDIS_URL: '' } });
});
afterAll(() => t?.close());

test('a key changed in the database by another instance is re-read within a second', async () => {
  const ready = await fetch(new URL('/ready', t.url));
  expect(await ready.json()).toEqual({ status: 'ready' });
  const projectId = await createProject(t, { plan: 'PRO' });
  const key = await createKey(t, { projectId, scopes: ['products:read'] });
  expect((await t.gql(NoRedisPing, {}, key.secret)).status).toBe(200); // cached now
  const db = t.database.open();
  try {
    await sql`update api_keys set disabled_at = ${t.clock.now().toISOString()} where id = ${key.id}`.execute(
      db,
    );
  } finally {
    await db.destroy();
  }
  t.clock.advance(999);
  expect((await t.gql(NoRedisPing, {}, key.secret)).status).toBe(200); // the cached copy
  t.clock.advance(1);
  const refused = await t.gql(NoRedisPing, {}, key.secret);
  expect(refused.status).toBe(401);
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('KEY_DISABLED');
});
