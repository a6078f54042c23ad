import { format } from 'node:util';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/create-db.js';
import { FakeClock } from '../../src/lib/clock.js';
import type { Logger } from '../../src/lib/logger.js';
import { createServer, openDatabase } from '../../src/server.js';
import type { UsageEvent } from '../../src/usage/usage-event.js';
import { listRequestLogs } from '../../src/usage/usage-queries.js';
import {
  type BufferedRecorderOptions,
  BufferedUsageRecorder,
} from '../../src/usage/usage-recorder.js';
import { writeUsageBatch } from '../../src/usage/usage-repository.js';
import { graphql } from '../gql/index.js';
import {
  addFailingInsert,
  type FailingInsert,
  MISSING_TABLE,
  removeFailingInsert,
  renameTable,
} from '../helpers/db-faults.js';
import { createTestDatabase } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Viewer = graphql(`
  query RecorderViewer {
    viewer {
      key {
        kind
        name
      }
      project {
        id
      }
    }
  }
`);

/** Ledger fields are FORBIDDEN for admin keys: HTTP 200, outcome FORBIDDEN. */
const AdminProducts = graphql(`
  query RecorderAdminProducts {
    products(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

/** The only request of these tests that selects `Query.scopes`. */
const Poison = graphql(`
  query RecorderPoison {
    scopes {
      name
    }
  }
`);

const START = '2026-11-28T12:00:00.000Z';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const ADMIN_VIEWER = {
  viewer: { key: { kind: 'ADMIN', name: 'bootstrap admin key' }, project: null },
};
/** viewer 1 + key 1 + project 1, against the admin budget. */
const ADMIN_VIEWER_COST = { cost: { requestedQueryCost: 3, maxCost: 50000 } };

interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

function collectingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (...args: unknown[]) => {
      lines.push({ level, message: format(...args) });
    };
  return {
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    lines,
  };
}

interface Sent<T> {
  status: number;
  requestId: string;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

interface Harness {
  clock: FakeClock;
  adminKey: string;
  recorder: BufferedUsageRecorder;
  /** The separate database the recorder writes to. */
  usageDb: Db;
  logs: LogLine[];
  send<T, V>(
    document: TypedDocumentNode<T, V>,
    variables?: V,
    key?: string | null,
  ): Promise<Sent<T>>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A real Keygate server (own test database, fake clock) whose usage recorder is built here,
 * writing to a SEPARATE test database, so a test can break and repair the usage tables
 * without touching the server's keys. Nothing flushes by itself (1 h interval) unless
 * `recorder` says otherwise.
 */
async function startWithRecorder(
  recorder: Partial<Omit<BufferedRecorderOptions, 'db' | 'clock' | 'logger'>> = {},
  env: Record<string, string> = {},
): Promise<Harness> {
  const database = await createTestDatabase();
  const usageDatabase = await createTestDatabase();
  cleanups.push(async () => {
    await database.drop();
    await usageDatabase.drop();
  });
  const config = loadConfig({
    ...database.env,
    PORT: '0',
    KEYGATE_LOG_LEVEL: 'silent',
    ...env,
  });
  const usageDb = await openDatabase(loadConfig(usageDatabase.env));
  const clock = new FakeClock(START);
  const { logger, lines } = collectingLogger();
  const usage = new BufferedUsageRecorder({
    db: usageDb,
    clock,
    logger,
    flushIntervalMs: HOUR_MS,
    retentionDays: config.logRetentionDays,
    ...recorder,
  });
  const server = await createServer(config, { clock, recorder: usage });
  const adminKey = await server.bootstrapAdminKey();
  if (adminKey === null) throw new Error('a fresh database must get a bootstrap admin key');
  const url = await server.listen();
  cleanups.push(async () => {
    await server.close();
    await usageDb.destroy();
  });
  return {
    clock,
    adminKey,
    recorder: usage,
    usageDb,
    logs: lines,
    async send(document, variables, key) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(key ? { 'x-api-key': key } : {}),
        },
        body: JSON.stringify({ query: print(document), variables }),
      });
      return {
        status: response.status,
        requestId: response.headers.get('keygate-request-id') ?? '',
        body: await response.json(),
      };
    },
  };
}

/** Sends `n` admin `viewer` queries one after the other; every one must answer 200 and data. */
async function sendViewers(h: Harness, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await h.send(Viewer, {}, h.adminKey);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: ADMIN_VIEWER, extensions: ADMIN_VIEWER_COST });
    ids.push(res.requestId);
  }
  return ids;
}

/** Lets callbacks queued with setImmediate (a full batch's flush) start. Not a sleep. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Makes every write to usage_events fail (MISSING_TABLE) until `restoreEvents`. */
const takeEventsOffline = (db: Db) => renameTable(db, 'usage_events', 'usage_events_offline');
const restoreEvents = (db: Db) => renameTable(db, 'usage_events_offline', 'usage_events');

/** Refuses the field rollup of the one request that selects `Query.scopes` (Poison). */
const POISONED_FIELD_SET: FailingInsert = {
  name: 'recorder_poison',
  table: 'usage_field_sets',
  column: 'coordinate',
  value: 'Query.scopes',
  message: 'poisoned batch',
};

async function storedIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('usage_events').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

async function hourlyTotal(db: Db): Promise<number> {
  const row = await db
    .selectFrom('usage_hourly')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('requests'), eb.lit(0)).as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function hourlyByOutcome(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('usage_hourly')
    .select((eb) => ['outcome', eb.fn.sum<number>('requests').as('n')])
    .groupBy('outcome')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
}

async function fieldCounts(db: Db): Promise<Record<string, number>> {
  // Field rollups count requests per field set; a coordinate counts the sets holding it.
  const rows = await db
    .selectFrom('usage_field_sets_hourly as h')
    .innerJoin('usage_field_sets as s', 's.set_id', 'h.set_id')
    .select((eb) => ['s.coordinate', eb.fn.sum<number>('h.count').as('n')])
    .groupBy('s.coordinate')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.coordinate, Number(r.n)]));
}

const sorted = (ids: readonly string[]) => [...ids].sort();

describe('metering never blocks or fails a request', () => {
  test('with the usage tables unwritable, requests still answer 200 with their data and every event stays buffered until a flush succeeds', async () => {
    const h = await startWithRecorder();
    await takeEventsOffline(h.usageDb);

    const ids = await sendViewers(h, 8);
    for (let i = 0; i < 2; i++) {
      const refused = await h.send(Viewer, {}, null);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      ids.push(refused.requestId);
      const denied = await h.send(AdminProducts, {}, h.adminKey);
      expect(denied.status).toBe(200);
      expect(denied.body.data).toEqual({ products: null });
      expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      ids.push(denied.requestId);
    }
    expect(new Set(ids).size).toBe(12);
    expect(h.recorder.stats()).toMatchObject({
      buffered: 12,
      written: 0,
      dropped: 0,
      failedFlushes: 0,
    });

    await expect(h.recorder.flush()).resolves.toBeUndefined();
    expect(h.recorder.stats()).toMatchObject({
      buffered: 12,
      written: 0,
      dropped: 0,
      failedFlushes: 1,
    });
    expect(h.logs.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^usage flush of 12 events failed, will retry in 1 s: .*${MISSING_TABLE.source}`,
        ),
      ),
    ]);

    // Still failing: the next request is served all the same, and joins the buffer.
    ids.push(...(await sendViewers(h, 1)));
    await h.recorder.flush();
    expect(h.recorder.stats()).toMatchObject({ buffered: 13, written: 0, failedFlushes: 2 });

    await restoreEvents(h.usageDb);
    await h.recorder.flush();
    expect(h.recorder.stats()).toMatchObject({
      buffered: 0,
      written: 13,
      dropped: 0,
      failedFlushes: 2,
      lastFlushAt: new Date(START),
    });
    expect(await storedIds(h.usageDb)).toEqual(sorted(ids));
    expect(await hourlyTotal(h.usageDb)).toBe(13);
    expect(await hourlyByOutcome(h.usageDb)).toEqual({ OK: 9, UNAUTHENTICATED: 2, FORBIDDEN: 2 });

    // A further flush has nothing left to write and counts nothing twice.
    await h.recorder.flush();
    expect(h.recorder.stats()).toMatchObject({ buffered: 0, written: 13 });
    expect(await storedIds(h.usageDb)).toEqual(sorted(ids));
    expect(await hourlyTotal(h.usageDb)).toBe(13);
  });

  test('a flush of many batches gives the event loop a turn between batches, so requests are not held until it ends', async () => {
    const h = await startWithRecorder({ batchSize: 50 });
    await takeEventsOffline(h.usageDb);
    const ids = await sendViewers(h, 400);
    await nextTurn();
    await h.recorder.flush();
    expect(h.recorder.stats()).toMatchObject({ buffered: 400, written: 0 });
    await restoreEvents(h.usageDb);

    // better-sqlite3 is synchronous: a flush that never yields holds every request (and this
    // callback) until its last batch is written.
    const flushing = h.recorder.flush();
    let writtenAtNextTurn = -1;
    setImmediate(() => {
      writtenAtNextTurn = h.recorder.stats().written;
    });
    const during = h.send(Viewer, {}, h.adminKey);
    await flushing;
    expect(writtenAtNextTurn).toBeGreaterThanOrEqual(0);
    expect(writtenAtNextTurn).toBeLessThan(400);

    const answer = await during;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: ADMIN_VIEWER, extensions: ADMIN_VIEWER_COST });
    await h.recorder.flush();
    expect(h.recorder.stats()).toMatchObject({ buffered: 0, written: 401 });
    expect(await storedIds(h.usageDb)).toEqual(sorted([...ids, answer.requestId]));
  });

  test('writing events that are already stored again adds no row and counts nothing twice', async () => {
    const h = await startWithRecorder();
    const ids = await sendViewers(h, 5);
    await h.recorder.flush();
    expect(await storedIds(h.usageDb)).toEqual(sorted(ids));

    // The same events once more, as a flush retried after an unknown result would send them.
    const rows = await listRequestLogs(h.usageDb, { limit: 100 });
    const again: UsageEvent[] = rows.map((r) => ({
      id: r.id,
      at: new Date(r.at),
      projectId: r.project_id,
      keyId: r.key_id,
      operationName: r.operation_name,
      operationType: r.operation_type,
      fields: JSON.parse(r.fields) as string[],
      outcome: r.outcome as UsageEvent['outcome'],
      httpStatus: r.http_status,
      durationMs: r.duration_ms,
      cost: r.cost,
      ip: r.ip,
      region: r.region,
      userAgent: r.user_agent,
    }));
    expect(await writeUsageBatch(h.usageDb, again)).toBe(0);
    expect(await storedIds(h.usageDb)).toEqual(sorted(ids));
    expect(await hourlyTotal(h.usageDb)).toBe(5);
    expect(await fieldCounts(h.usageDb)).toEqual({
      'ApiKey.kind': 5,
      'ApiKey.name': 5,
      'Project.id': 5,
      'Query.viewer': 5,
      'Viewer.key': 5,
      'Viewer.project': 5,
    });
  });
});

describe('the buffer is bounded', () => {
  test('once 1000 events wait, further requests are still served but their events are dropped, counted exactly and logged', async () => {
    const h = await startWithRecorder({ maxBuffered: 1000 });
    // The database is unreachable, so the buffer fills (the full batch at 1000 fails to write).
    await takeEventsOffline(h.usageDb);

    const ids = await sendViewers(h, 1025);
    await nextTurn();
    await h.recorder.flush();
    expect(h.recorder.stats()).toMatchObject({ buffered: 1000, written: 0, dropped: 25 });
    expect(h.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'usage buffer full (1000 events): 1 events dropped so far',
    ]);

    await restoreEvents(h.usageDb);
    await h.recorder.flush();
    expect(h.recorder.stats()).toMatchObject({ buffered: 0, written: 1000, dropped: 25 });
    // The first 1000 requests are stored, the 25 that found the buffer full are not.
    expect(await storedIds(h.usageDb)).toEqual(sorted(ids.slice(0, 1000)));
    expect(await hourlyTotal(h.usageDb)).toBe(1000);

    // With room again, events are accepted again; the dropped count stays as it was.
    const more = await sendViewers(h, 3);
    await h.recorder.flush();
    expect(h.recorder.stats()).toMatchObject({ buffered: 0, written: 1003, dropped: 25 });
    expect(await storedIds(h.usageDb)).toEqual(sorted([...ids.slice(0, 1000), ...more]));
  });
});

describe('batches', () => {
  test('a full batch is written without waiting for the flush interval', async () => {
    const h = await startWithRecorder({ batchSize: 10 });
    const ids = await sendViewers(h, 9);
    await nextTurn();
    expect(h.recorder.stats()).toMatchObject({ buffered: 9, written: 0 });

    ids.push(...(await sendViewers(h, 1)));
    // The 10th event starts a flush on its own (flush interval: 1 h); wait for it to land.
    await vi.waitFor(() => expect(h.recorder.stats().written).toBe(10), { timeout: 5_000 });
    expect(h.recorder.stats()).toMatchObject({ buffered: 0, written: 10, failedFlushes: 0 });
    expect(await storedIds(h.usageDb)).toEqual(sorted(ids));
  });

  test('events are written in batches of batchSize, each batch in one transaction: a batch that fails leaves no row of it behind', async () => {
    const h = await startWithRecorder({ batchSize: 10 });
    // Keep all 35 events buffered, in request order, while the table is away.
    await takeEventsOffline(h.usageDb);
    const ids: string[] = [];
    for (let i = 0; i < 35; i++) {
      if (i === 23) {
        const res = await h.send(Poison, {}, h.adminKey);
        expect(res.status).toBe(200);
        ids.push(res.requestId);
      } else {
        ids.push(...(await sendViewers(h, 1)));
      }
    }
    await nextTurn();
    await h.recorder.flush();
    expect(h.recorder.stats()).toMatchObject({ buffered: 35, written: 0 });

    // Back online, but the field rollup of the 24th event (in the 3rd batch) is refused.
    // The rollup is written after that batch's raw events and hourly rows, in the same
    // transaction: all of the 3rd batch must be rolled back.
    await restoreEvents(h.usageDb);
    await addFailingInsert(h.usageDb, POISONED_FIELD_SET);
    const failedBefore = h.recorder.stats().failedFlushes;
    await h.recorder.flush();
    expect(h.recorder.stats()).toMatchObject({
      buffered: 15,
      written: 20,
      failedFlushes: failedBefore + 1,
    });
    expect(await storedIds(h.usageDb)).toEqual(sorted(ids.slice(0, 20)));
    expect(await hourlyTotal(h.usageDb)).toBe(20);
    expect(await fieldCounts(h.usageDb)).toMatchObject({ 'Query.viewer': 20 });
    expect(await fieldCounts(h.usageDb)).not.toHaveProperty('Query.scopes');

    await removeFailingInsert(h.usageDb, POISONED_FIELD_SET);
    await h.recorder.flush();
    expect(h.recorder.stats()).toMatchObject({
      buffered: 0,
      written: 35,
      failedFlushes: failedBefore + 1,
    });
    expect(await storedIds(h.usageDb)).toEqual(sorted(ids));
    expect(await hourlyTotal(h.usageDb)).toBe(35);
    expect(await fieldCounts(h.usageDb)).toMatchObject({
      'Query.viewer': 34,
      'Query.scopes': 1,
      'ScopeInfo.name': 1,
    });
  });
});

describe('retention', () => {
  test('raw events older than KEYGATE_LOG_RETENTION_DAYS are pruned on the next flush while the hourly rollups keep counting them', async () => {
    const h = await startWithRecorder({ pruneIntervalMs: 0 }, { KEYGATE_LOG_RETENTION_DAYS: '7' });
    const old = await sendViewers(h, 3);
    await h.recorder.flush();
    h.clock.advance(3 * DAY_MS);
    const recent = await sendViewers(h, 2);
    await h.recorder.flush();
    expect(await storedIds(h.usageDb)).toEqual(sorted([...old, ...recent]));

    // Exactly 7 days after the old events: not older than the retention period yet.
    h.clock.set(new Date(Date.parse(START) + 7 * DAY_MS));
    await h.recorder.flush();
    expect(await storedIds(h.usageDb)).toEqual(sorted([...old, ...recent]));

    // One millisecond later they are; the next flush (with an event of its own) prunes them.
    h.clock.advance(1);
    const latest = await sendViewers(h, 1);
    await h.recorder.flush();
    expect(await storedIds(h.usageDb)).toEqual(sorted([...recent, ...latest]));
    expect(h.logs).toContainEqual({
      level: 'info',
      message: 'pruned 3 usage events past retention',
    });

    // The rollups still count all six requests, each in its own hour.
    expect(await hourlyTotal(h.usageDb)).toBe(6);
    const hours = await h.usageDb
      .selectFrom('usage_hourly')
      .select((eb) => ['hour', eb.fn.sum<number>('requests').as('n')])
      .groupBy('hour')
      .orderBy('hour')
      .execute();
    expect(hours.map((r) => [r.hour, Number(r.n)])).toEqual([
      ['2026-11-28T12:00:00.000Z', 3],
      ['2026-12-01T12:00:00.000Z', 2],
      ['2026-12-05T12:00:00.000Z', 1],
    ]);
    expect(await fieldCounts(h.usageDb)).toMatchObject({ 'Query.viewer': 6 });
  });

  test('pruning waits for the prune interval, then happens on the next flush even with nothing to write', async () => {
    const h = await startWithRecorder(
      { pruneIntervalMs: 2 * DAY_MS },
      { KEYGATE_LOG_RETENTION_DAYS: '1' },
    );
    const first = await sendViewers(h, 2);
    await h.recorder.flush(); // prunes now (nothing is old), next prune due in 2 days

    h.clock.advance(DAY_MS + HOUR_MS);
    const second = await sendViewers(h, 1);
    await h.recorder.flush();
    // `first` is past retention, but the prune interval has not passed.
    expect(await storedIds(h.usageDb)).toEqual(sorted([...first, ...second]));

    h.clock.set(new Date(Date.parse(START) + 2 * DAY_MS));
    await h.recorder.flush();
    expect(h.recorder.stats().buffered).toBe(0);
    expect(await storedIds(h.usageDb)).toEqual(sorted(second));
    expect(await hourlyTotal(h.usageDb)).toBe(3);
  });
});

describe('retention as configured', () => {
  let t: TestServer | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  test("the server's own recorder keeps raw events KEYGATE_LOG_RETENTION_DAYS and its rollups for good", async () => {
    t = await startTestServer({ env: { KEYGATE_LOG_RETENTION_DAYS: '2' } });
    const server = t.server;
    const db = server.services.db;
    const sent: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.gql(Viewer, {}, t.adminKey);
      expect(res.status).toBe(200);
      sent.push(res.headers.get('keygate-request-id') ?? '');
    }
    await server.services.usage.flush();
    expect(await storedIds(db)).toEqual(sorted(sent));

    t.clock.advance(2 * DAY_MS);
    await server.services.usage.flush();
    expect(await storedIds(db)).toEqual(sorted(sent));

    t.clock.advance(HOUR_MS);
    await server.services.usage.flush();
    expect(await storedIds(db)).toEqual([]);
    expect(await hourlyTotal(db)).toBe(4);
    expect(await hourlyByOutcome(db)).toEqual({ OK: 4 });
  });
});
