import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { renameTable } from '../helpers/db-faults.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Viewer = graphql(`
  query FaultsViewer {
    viewer {
      key {
        id
      }
    }
  }
`);

const Ping = graphql(`
  query FaultsPing {
    __typename
  }
`);

const rootOf = (t: TestServer) => new URL(t.url).origin;

/** GET /ready's body: with Redis configured (the postgres project) it also reports Redis. */
const readyBody = (t: TestServer, status: string) =>
  t.database.env.REDIS_URL === undefined ? { status } : { status, redis: 'ok' };

/** Takes the keys table away from the running server (another connection), and gives it back. */
function keysTable(t: TestServer) {
  const other = t.database.open();
  return {
    remove: () => renameTable(other, 'api_keys', 'api_keys_offline'),
    restore: async () => {
      await renameTable(other, 'api_keys_offline', 'api_keys');
      await other.destroy();
    },
  };
}

describe('the database unavailable', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  test('an uncached key gets 503 SERVICE_UNAVAILABLE (fail closed), /ready says so, and both recover without a restart', async () => {
    const projectId = await createProject(t, { plan: 'PRO' });
    const cold = await createKey(t, { projectId, scopes: ['products:read'] });
    const warm = await createKey(t, { projectId, scopes: ['products:read'] });
    expect((await t.gql(Ping, {}, warm.secret)).status).toBe(200); // now cached
    expect((await fetch(`${rootOf(t)}/ready`)).status).toBe(200);

    const table = keysTable(t);
    await table.remove();
    try {
      const refused = await t.gql(Ping, {}, cold.secret);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(refused.body.errors).toEqual([
        {
          message: 'Keygate cannot reach its database; retry shortly',
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        },
      ]);
      // A cached key still passes the edge; what needs no database still answers…
      expect((await t.gql(Ping, {}, warm.secret)).status).toBe(200);
      // …and what does gets 503, never a 500 or a stack.
      const viewer = await t.gql(Viewer, {}, warm.secret);
      expect(viewer.status).toBe(503);
      expect(viewer.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(viewer.body)).not.toMatch(
        /api_keys|sqlite|postgres|relation|\bat\b.*\.ts/i,
      );
      const ready = await fetch(`${rootOf(t)}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual(readyBody(t, 'database unavailable'));
      // Liveness is not readiness: the process still answers.
      expect((await fetch(`${rootOf(t)}/health`)).status).toBe(200);
    } finally {
      await table.restore();
    }
    expect((await t.gql(Viewer, {}, cold.secret)).status).toBe(200);
    expect((await t.gql(Viewer, {}, warm.secret)).status).toBe(200);
    expect((await fetch(`${rootOf(t)}/ready`)).status).toBe(200);
  });

  test('a failing usage flush keeps its events and retries with backoff, without loss or double counting', async () => {
    const projectId = await createProject(t, { plan: 'PRO' });
    const key = await createKey(t, { projectId, scopes: ['products:read'] });
    const other = t.database.open();
    await t.server.services.usage.flush();
    const before = t.server.services.usage.stats();
    await renameTable(other, 'usage_events', 'usage_events_offline');
    try {
      for (let i = 0; i < 3; i++) expect((await t.gql(Ping, {}, key.secret)).status).toBe(200);
      await t.server.services.usage.flush();
      const failed = t.server.services.usage.stats();
      expect(failed.failedFlushes).toBe(before.failedFlushes + 1);
      expect(failed.buffered).toBe(3);
    } finally {
      await renameTable(other, 'usage_events_offline', 'usage_events');
    }
    await t.server.services.usage.flush();
    const after = t.server.services.usage.stats();
    expect(after.buffered).toBe(0);
    expect(after.written).toBe(before.written + 3);
    const rows = await other
      .selectFrom('usage_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key_id', '=', key.id)
      .executeTakeFirstOrThrow();
    expect(rows.n).toBe(3);
    await other.destroy();
  });
});

describe('an event the database cannot store', () => {
  test('is dropped (counted, logged) on its own, and never blocks the usage written after it', async () => {
    const t = await startTestServer();
    try {
      const usage = t.server.services.usage;
      await usage.flush();
      const before = usage.stats();
      // A bug could hand the recorder a value the database cannot store: an array as a
      // status (SQLite cannot bind an array; PostgreSQL reads it as '{}', not an integer).
      usage.record({
        id: 'req_poisoned',
        at: t.clock.now(),
        projectId: null,
        keyId: null,
        operationName: null,
        operationType: 'query',
        fields: [],
        outcome: 'OK',
        httpStatus: [] as unknown as number,
        durationMs: 1,
        cost: 0,
        ip: null,
        region: null,
        userAgent: null,
      });
      for (let i = 0; i < 3; i++) expect((await t.gql(Ping, {}, t.adminKey)).status).toBe(200);
      await usage.flush();
      const after = usage.stats();
      expect(after.buffered).toBe(0);
      expect(after.dropped).toBe(before.dropped + 1);
      expect(after.written).toBe(before.written + 3);
      expect(after.failedFlushes).toBe(before.failedFlushes);
    } finally {
      await t.close();
    }
  });
});

describe('draining', () => {
  test('once shutdown starts, /ready answers 503 while requests are still served for KEYGATE_DRAIN_DELAY_MS, then the server closes', async () => {
    const t = await startTestServer({ env: { KEYGATE_DRAIN_DELAY_MS: '1000' } });
    expect((await fetch(`${rootOf(t)}/ready`)).status).toBe(200);
    const closing = t.server.close();
    const ready = await fetch(`${rootOf(t)}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual(readyBody(t, 'draining'));
    expect((await t.gql(Ping, {}, t.adminKey)).status).toBe(200);
    // A second close (a second SIGTERM) changes nothing: it is the same shutdown.
    expect(t.server.close()).toBe(closing);
    await closing;
    await expect(fetch(`${rootOf(t)}/ready`)).rejects.toThrow();
  });
});
