import { afterAll, beforeAll, expect, test } from 'vitest';
import type { UsageEvent } from '../../src/usage/usage-event.js';
import { FIELD_SET_REF, fieldSetId, writeUsageBatch } from '../../src/usage/usage-repository.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// How a batch of usage events reaches each dialect's tables: on PostgreSQL every column is
// sent as one array literal, where quotes, backslashes, braces, commas, NULL and U+0000 are
// what a careless encoder gets wrong. Everything here is read back exactly.

const IngestLogs = graphql(`
  query IngestDialectsLogs($filter: RequestLogFilter) {
    requestLogs(filter: $filter, first: 100) {
      edges {
        node {
          id
          at
          keyId
          projectId
          operationName
          operationType
          outcome
          httpStatus
          durationMs
          ip
          region
          userAgent
          fields
        }
      }
    }
  }
`);

/** Texts that break array-literal encoders, in every text column of the batch. */
const ODD = [
  `double "quotes" and 'single'`,
  'comma, separated',
  '{braces}',
  '{"a":["b","c"]}',
  'back\\slash\\',
  '\\"escaped\\" \\\\ twice',
  'NULL',
  'null',
  'nul\u0000byte',
  'emoji 🦄🏳️‍🌈, é ß 中文',
  ' padded ',
  '}{',
  '"',
  '\\',
];

/** The hour the recorded events fall in; the HTTP requests of the tests come days later. */
const HOUR = '2026-11-20T05:00:00.000Z';
const at = (minute: number, second = 0) =>
  new Date(Date.parse(HOUR) + minute * 60_000 + second * 1000);

/** When the key was last used (see beforeAll). */
const KEY_USED_AT = '2026-11-22T09:30:00.000Z';

let t: TestServer;
let keyId: string;

/** A text as this dialect stores it: PostgreSQL text cannot hold U+0000 (it becomes U+FFFD). */
const stored = (text: string | null) =>
  text !== null && t.database.dialect === 'postgres' ? text.replaceAll('\u0000', '\uFFFD') : text;

function nothingKnown(id: string, second: number): UsageEvent {
  return {
    id,
    at: at(1, second),
    projectId: null,
    keyId: null,
    operationName: null,
    operationType: null,
    fields: [],
    outcome: 'UNAUTHENTICATED',
    httpStatus: 401,
    durationMs: 0.5,
    cost: 0,
    ip: null,
    region: null,
    userAgent: null,
  };
}

function odd(text: string, i: number): UsageEvent {
  return {
    id: `req_IngestDialectsOdd${String(i).padStart(6, '0')}`,
    at: at(2, i),
    projectId: text,
    keyId: text,
    operationName: text,
    operationType: text,
    fields: [`Odd.${text}`, 'Query.odd'].sort(),
    outcome: 'OK',
    httpStatus: 200,
    durationMs: 1.25 + i,
    cost: 2 ** 40 + i,
    ip: text,
    region: text,
    userAgent: text,
    billable: true,
  };
}

/** NULL next to odd texts in every nullable column, and a batch made only of those. */
const EVENTS: UsageEvent[] = [
  nothingKnown('req_IngestDialectsNull00001', 0),
  ...ODD.map(odd),
  nothingKnown('req_IngestDialectsNull00002', 1),
];

/**
 * Writes one batch as the server's recorder does, on the server's database. Not through the
 * recorder itself: when a batch fails it writes the events one by one, which would hide a
 * batch that only fails as a whole (an array literal is wrong only with several elements).
 */
function write(events: readonly UsageEvent[]): Promise<number> {
  return writeUsageBatch(t.server.services.db, events);
}

/** Everything the batch wrote: raw events, rollups of HOUR, field sets, quota, key use. */
async function contents() {
  const db = t.database.open();
  try {
    const ids = EVENTS.map((e) => e.id);
    const projects = ODD.map((text) => stored(text) as string);
    return {
      events: await db.selectFrom('usage_events').selectAll().where('id', 'in', ids).execute(),
      hourly: await db.selectFrom('usage_hourly').selectAll().where('hour', '=', HOUR).execute(),
      outcomes: await db
        .selectFrom('usage_outcomes_hourly')
        .selectAll()
        .where('hour', '=', HOUR)
        .execute(),
      quota: await db
        .selectFrom('usage_quota_monthly')
        .selectAll()
        .where('project_id', 'in', projects)
        .execute(),
      sets: await db
        .selectFrom('usage_field_sets')
        .selectAll()
        .where('coordinate', 'like', 'Odd.%')
        .execute(),
      setsHourly: await db
        .selectFrom('usage_field_sets_hourly')
        .selectAll()
        .where('hour', '=', HOUR)
        .execute(),
      setsDaily: await db
        .selectFrom('usage_field_sets_daily')
        .selectAll()
        .where('day', '=', '2026-11-20T00:00:00.000Z')
        .execute(),
      lastUsedAt: (
        await db
          .selectFrom('api_keys')
          .select('last_used_at')
          .where('id', '=', keyId)
          .executeTakeFirstOrThrow()
      ).last_used_at,
    };
  } finally {
    await db.destroy();
  }
}

/** Rows in one order whatever the database's (JavaScript's string order of each row). */
const sorted = <T>(rows: readonly T[]): T[] =>
  rows
    .map((row) => [JSON.stringify(Object.entries(row as object).sort()), row] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);

let first: Awaited<ReturnType<typeof contents>>;

/** A use of the key (or, refused, none), on another day than HOUR's. */
function keyEvent(id: string, time: string, outcome: UsageEvent['outcome']): UsageEvent {
  return { ...nothingKnown(id, 0), keyId, at: new Date(time), outcome, httpStatus: 200 };
}

beforeAll(async () => {
  t = await startTestServer();
  const project = await createProject(t);
  keyId = (await createKey(t, { projectId: project, scopes: ['products:read'] })).id;
  // The key's latest OK counts as its last use; a later refusal of the key does not.
  const batch = [
    ...EVENTS,
    keyEvent('req_IngestDialectsKeyUse01', KEY_USED_AT, 'OK'),
    keyEvent('req_IngestDialectsKeyUse02', '2026-11-22T09:40:00.000Z', 'KEY_REVOKED'),
  ];
  expect(await write(batch)).toBe(batch.length);
  first = await contents();
});

afterAll(async () => {
  await t?.close();
});

test('a batch with NULL in every nullable column and odd texts in every text column is stored exactly', () => {
  const expected = EVENTS.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    project_id: stored(e.projectId),
    key_id: stored(e.keyId),
    operation_name: stored(e.operationName),
    operation_type: stored(e.operationType),
    // SQLite refers to the field set (its coordinates are in usage_field_sets); PostgreSQL
    // keeps the JSON list. requestLogs answers the list on both (the HTTP test below).
    fields:
      t.database.dialect === 'sqlite' && e.fields.length > 0
        ? `${FIELD_SET_REF}${fieldSetId(e.fields)}`
        : JSON.stringify(e.fields),
    outcome: e.outcome,
    http_status: e.httpStatus,
    duration_ms: e.durationMs,
    cost: e.cost,
    ip: stored(e.ip),
    region: stored(e.region),
    user_agent: stored(e.userAgent),
  }));
  expect(sorted(first.events)).toEqual(sorted(expected));
});

test('the rollups of that batch hold the odd texts exactly, and none for NULL', () => {
  const texts = ODD.map((text, i) => ({ text: stored(text) as string, i }));
  expect(sorted(first.hourly)).toEqual(
    sorted([
      {
        hour: HOUR,
        project_id: '',
        key_id: '',
        outcome: 'UNAUTHENTICATED',
        region: '',
        operation_name: '',
        requests: 2,
        cost: 0,
      },
      ...texts.map(({ text, i }) => ({
        hour: HOUR,
        project_id: text,
        key_id: text,
        outcome: 'OK',
        region: text,
        operation_name: text,
        requests: 1,
        cost: 2 ** 40 + i,
      })),
    ]),
  );
  expect(sorted(first.outcomes)).toEqual(
    sorted([
      {
        hour: HOUR,
        project_id: '',
        outcome: 'UNAUTHENTICATED',
        region: '',
        requests: 2,
        cost: 0,
      },
      ...texts.map(({ text, i }) => ({
        hour: HOUR,
        project_id: text,
        outcome: 'OK',
        region: text,
        requests: 1,
        cost: 2 ** 40 + i,
      })),
    ]),
  );
  expect(sorted(first.quota)).toEqual(
    sorted(texts.map(({ text }) => ({ project_id: text, month: '2026-11', requests: 1 }))),
  );
  const sets = ODD.map((text) => ({ text, set: fieldSetId([`Odd.${text}`, 'Query.odd'].sort()) }));
  expect(sorted(first.sets)).toEqual(
    sorted(sets.map(({ text, set }) => ({ set_id: set, coordinate: stored(`Odd.${text}`) }))),
  );
  expect(sorted(first.setsHourly)).toEqual(
    sorted(
      sets.map(({ text, set }) => ({
        hour: HOUR,
        project_id: stored(text),
        key_id: stored(text),
        region: stored(text),
        set_id: set,
        count: 1,
      })),
    ),
  );
  expect(sorted(first.setsDaily)).toEqual(
    sorted(
      sets.map(({ text, set }) => ({
        day: '2026-11-20T00:00:00.000Z',
        project_id: stored(text),
        region: stored(text),
        set_id: set,
        count: 1,
      })),
    ),
  );
});

test("a key's last use moves only forward, and a refusal of the key is no use", async () => {
  expect(first.lastUsedAt).toBe(KEY_USED_AT);
  expect(
    await write([keyEvent('req_IngestDialectsKeyUse03', '2026-11-22T09:10:00.000Z', 'OK')]),
  ).toBe(1);
  expect((await contents()).lastUsedAt).toBe(KEY_USED_AT);
});

test('the same batch written again (a retried flush) stores and counts nothing twice', async () => {
  expect(await write(EVENTS)).toBe(0);
  const again = await contents();
  for (const table of [
    'events',
    'hourly',
    'outcomes',
    'quota',
    'sets',
    'setsHourly',
    'setsDaily',
  ] as const) {
    expect(sorted<unknown>(again[table])).toEqual(sorted<unknown>(first[table]));
  }
  expect(again.lastUsedAt).toBe(KEY_USED_AT);
});

test('requestLogs answers the odd texts and the NULLs as they were stored', async () => {
  const res = await t.gql(
    IngestLogs,
    { filter: { from: HOUR, to: at(3).toISOString() } },
    t.adminKey,
  );
  expect(res.body.errors).toBeUndefined();
  const nodes = res.body.data?.requestLogs?.edges.map((e) => e.node) ?? [];
  expect(nodes.map((n) => n.id).sort()).toEqual(EVENTS.map((e) => e.id).sort());
  const byId = new Map(nodes.map((n) => [n.id, n]));
  expect(byId.get('req_IngestDialectsNull00001')).toEqual({
    id: 'req_IngestDialectsNull00001',
    at: at(1).toISOString(),
    keyId: null,
    projectId: null,
    operationName: null,
    operationType: null,
    outcome: 'UNAUTHENTICATED',
    httpStatus: 401,
    durationMs: 0.5,
    ip: null,
    region: null,
    userAgent: null,
    fields: [],
  });
  ODD.forEach((text, i) => {
    const e = odd(text, i);
    expect(byId.get(e.id)).toEqual({
      id: e.id,
      at: e.at.toISOString(),
      keyId: stored(text),
      projectId: stored(text),
      operationName: stored(text),
      operationType: stored(text),
      outcome: 'OK',
      httpStatus: 200,
      durationMs: e.durationMs,
      ip: stored(text),
      region: stored(text),
      userAgent: stored(text),
      fields: e.fields,
    });
  });
});

test('a row whose fields are a stored JSON list (every row stored before field-set references) reads back the same', async () => {
  // Written as the writer wrote rows before: the JSON list in the row itself, here beside
  // a row of the same fields written now (a reference on SQLite), in one requestLogs page.
  const fields = ['Query.viewer', 'Viewer.key', 'ApiKey.name'].sort();
  const before = {
    ...nothingKnown('req_IngestDialectsJsonRow01', 0),
    at: new Date('2026-11-23T04:00:00.000Z'),
    fields,
  };
  const now = {
    ...before,
    id: 'req_IngestDialectsJsonRow02',
    at: new Date('2026-11-23T04:00:01.000Z'),
  };
  const db = t.database.open();
  try {
    await db
      .insertInto('usage_events')
      .values({
        id: before.id,
        at: before.at.toISOString(),
        project_id: null,
        key_id: null,
        operation_name: null,
        operation_type: null,
        fields: JSON.stringify(fields),
        outcome: before.outcome,
        http_status: before.httpStatus,
        duration_ms: before.durationMs,
        cost: before.cost,
        ip: null,
        region: null,
        user_agent: null,
      })
      .execute();
  } finally {
    await db.destroy();
  }
  expect(await write([now])).toBe(1);
  const res = await t.gql(
    IngestLogs,
    { filter: { from: '2026-11-23T04:00:00.000Z', to: '2026-11-23T04:00:02.000Z' } },
    t.adminKey,
  );
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data?.requestLogs?.edges.map((e) => [e.node.id, e.node.fields])).toEqual([
    [now.id, fields],
    [before.id, fields],
  ]);
});

test('texts stored alike are summed into one rollup row instead of failing the batch', async () => {
  // On PostgreSQL `Op\u0000` is stored as `Op\uFFFD`: both are one usage_hourly row there
  // (upserting one row twice in a statement is refused), two rows on SQLite.
  const events = ['Op\u0000', 'Op\uFFFD'].map((operationName, i) => ({
    ...nothingKnown(`req_IngestDialectsAlike0000${i}`, i),
    at: new Date('2026-11-21T07:00:00.000Z'),
    operationName,
  }));
  expect(await write(events)).toBe(2);
  const db = t.database.open();
  try {
    const rows = await db
      .selectFrom('usage_hourly')
      .select(['operation_name', 'requests'])
      .where('hour', '=', '2026-11-21T07:00:00.000Z')
      .execute();
    expect(sorted(rows)).toEqual(
      t.database.dialect === 'postgres'
        ? [{ operation_name: 'Op\uFFFD', requests: 2 }]
        : [
            { operation_name: 'Op\u0000', requests: 1 },
            { operation_name: 'Op\uFFFD', requests: 1 },
          ],
    );
  } finally {
    await db.destroy();
  }
});

test('a request over HTTP with no key, no user agent and no operation name is stored with NULLs', async () => {
  t.clock.set('2026-11-28T12:00:00.000Z');
  const res = await rawRequest(t.url, {
    headers: [['content-type', 'application/json']],
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(res.status).toBe(401);
  const odd = 'Odd "op", {x}, back\\slash, nul\u0000, 🦄';
  const named = await t.gql('query IngestDialectsNamed { __typename }', undefined, t.adminKey, {
    'user-agent': 'agent "quoted", {braces}, back\\slash',
  });
  // …and, with the admin key, an operation name that names no operation in the document.
  const unknown = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': t.adminKey, 'user-agent': '{}' },
    body: JSON.stringify({ query: 'query IngestDialectsNamed { __typename }', operationName: odd }),
  });
  await t.server.services.usage.flush();
  expect(t.server.services.usage.stats()).toMatchObject({ buffered: 0, failedFlushes: 0 });
  const requestIds = [res, named, unknown].map((r) =>
    'head' in r
      ? /keygate-request-id: (\S+)/i.exec(r.head)?.[1]
      : r.headers.get('keygate-request-id'),
  );
  const logs = await t.gql(
    IngestLogs,
    { filter: { from: '2026-11-28T12:00:00.000Z' } },
    t.adminKey,
  );
  const byId = new Map(logs.body.data?.requestLogs?.edges.map((e) => [e.node.id, e.node]));
  expect(byId.get(requestIds[0] as string)).toMatchObject({
    keyId: null,
    projectId: null,
    operationName: null,
    operationType: null,
    outcome: 'UNAUTHENTICATED',
    httpStatus: 401,
    region: null,
    userAgent: null,
    fields: [],
  });
  expect(byId.get(requestIds[1] as string)).toMatchObject({
    operationName: 'IngestDialectsNamed',
    userAgent: 'agent "quoted", {braces}, back\\slash',
  });
  expect(byId.get(requestIds[2] as string)).toMatchObject({
    operationName: stored(odd),
    userAgent: '{}',
  });
});
