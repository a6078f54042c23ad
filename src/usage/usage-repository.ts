import { createHash } from 'node:crypto';
import { type Compilable, CompiledQuery, type Insertable, type Kysely, sql } from 'kysely';
import { dialectOf } from '../db/create-db.js';
import type { Database } from '../db/database.js';
import type { UsageEvent } from './usage-event.js';
import { postgresUsageStore } from './usage-repository-pg.js';

export type Conn = Kysely<Database>;

/** `2026-11-28T13:00:00.000Z` for any time within that hour. */
export function hourOf(at: Date): string {
  return `${at.toISOString().slice(0, 13)}:00:00.000Z`;
}

/** The most rows one multi-row statement carries: 14 columns × 1024 rows = 14,336 parameters. */
const MAX_ROWS = 1024;

/**
 * Statement texts by (dialect adapter, statement, rows). Kysely builds each multi-row
 * statement once per size; afterwards only the parameters change. Sizes are powers of two
 * (a batch of n rows is split by the bits of n), so there are at most 11 texts per statement.
 */
const texts = new WeakMap<object, Map<string, string>>();

/**
 * Runs `build` (a multi-row statement over `columns`) for every row, in statements of
 * power-of-two sizes whose text is compiled once per dialect and size. The first compile
 * checks that the statement's parameters are exactly the rows' values in column order, so a
 * cached text can never bind a value to the wrong column.
 */
async function writeRows<T, R>(
  db: Conn,
  name: string,
  columns: readonly (keyof T & string)[],
  rows: readonly unknown[][],
  build: (values: T[]) => Compilable<R>,
): Promise<R[]> {
  const adapter = db.getExecutor().adapter;
  let cache = texts.get(adapter);
  if (cache === undefined) {
    cache = new Map();
    texts.set(adapter, cache);
  }
  const out: R[] = [];
  let i = 0;
  while (i < rows.length) {
    let size = MAX_ROWS;
    while (size > rows.length - i) size >>= 1;
    const chunk = rows.slice(i, i + size);
    i += size;
    const parameters: unknown[] = [];
    for (const row of chunk) for (const value of row) parameters.push(value);
    const id = `${name}:${size}`;
    let text = cache.get(id);
    if (text === undefined) {
      const compiled = build(
        chunk.map((row) => Object.fromEntries(columns.map((c, j) => [c, row[j]])) as T),
      ).compile();
      const same =
        compiled.parameters.length === parameters.length &&
        compiled.parameters.every((v, j) => v === parameters[j]);
      if (!same) throw new Error(`writeRows(${name}): parameters are not the rows in order`);
      text = compiled.sql;
      cache.set(id, text);
    }
    const result = await db.executeQuery<R>(CompiledQuery.raw(text, parameters));
    for (const row of result.rows) out.push(row);
  }
  return out;
}

/** A row being written: its key columns, then its counters (rollups); a table's columns. */
export type Row = unknown[];

/**
 * What a batch's new events add to each rollup, summed in memory, one row per rollup row in
 * the order of its key (columns as listed). Instances writing batches at the same time
 * upsert overlapping rows; taking the row locks in one global order means their
 * transactions wait for each other instead of deadlocking (PostgreSQL).
 */
export interface UsageRollups {
  /** usage_hourly: hour, project_id, key_id, outcome, region, operation_name, requests, cost */
  hourly: Row[];
  /** usage_outcomes_hourly: hour, project_id, outcome, region, requests, cost */
  outcomes: Row[];
  /** usage_quota_monthly: project_id, month, requests */
  quota: Row[];
  /** usage_field_sets: set_id, coordinate */
  fieldSets: Row[];
  /** usage_field_sets_hourly: hour, project_id, key_id, region, set_id, count */
  setsHourly: Row[];
  /** usage_field_sets_daily: day, project_id, region, set_id, count */
  setsDaily: Row[];
  /** api_keys.last_used_at: id, the key's latest use in the batch (ISO) */
  keysUsed: Row[];
}

/**
 * The statements of writeUsageBatch that differ between dialects, each dialect's in one
 * place: SQLite's below (Kysely's multi-row inserts), PostgreSQL's in usage-repository-pg.ts.
 */
export interface UsageStore {
  /** Inserts the events whose id is not stored yet; returns the ids it inserted. */
  insertEvents(
    db: Conn,
    events: readonly UsageEvent[],
    jsonOf: (fields: readonly string[]) => string,
  ): Promise<readonly { id: string }[]>;
  /** Adds the rollups to their tables and moves each key's last_used_at forward. */
  writeRollups(db: Conn, rollups: UsageRollups): Promise<void>;
  /** A text as the database stores it; rollup keys are summed by it. */
  storable(text: string): string;
}

const EVENT_COLUMNS = [
  'id',
  'at',
  'project_id',
  'key_id',
  'operation_name',
  'operation_type',
  'fields',
  'outcome',
  'http_status',
  'duration_ms',
  'cost',
  'ip',
  'region',
  'user_agent',
] as const;

/**
 * Writes one batch in one transaction: the raw events, the rollups for the events that
 * were new, and each key's lastUsedAt. Events already stored (same request id, from a
 * retried flush) are skipped and not counted again.
 */
export async function writeUsageBatch(db: Conn, events: readonly UsageEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const store = dialectOf(db) === 'postgres' ? postgresUsageStore : sqliteUsageStore;
  // Requests of one operation usually share one `fields` array: stringify it once.
  const json = new Map<readonly string[], string>();
  const jsonOf = (fields: readonly string[]) => {
    let text = json.get(fields);
    if (text === undefined) {
      text = JSON.stringify(fields);
      json.set(fields, text);
    }
    return text;
  };
  return db.transaction().execute(async (trx) => {
    // The rollups are summed while the database inserts the events (PostgreSQL works in
    // another process): one turn of the event loop first, so that the insert has left.
    // Usually every event is new; when some were stored already, only the new are summed.
    const [stored, rollups] = await Promise.all([
      store.insertEvents(trx, events, jsonOf),
      new Promise((resolve) => setImmediate(resolve)).then(() =>
        rollupsOf(events, jsonOf, store.storable),
      ),
    ]);
    const inserted = new Set(stored.map((r) => r.id));
    if (inserted.size === events.length) {
      await store.writeRollups(trx, rollups);
      return events.length;
    }
    const fresh = events.filter((e) => inserted.has(e.id));
    if (fresh.length > 0) await store.writeRollups(trx, rollupsOf(fresh, jsonOf, store.storable));
    return fresh.length;
  });
}

/** `2026-11-28T00:00:00.000Z` for any time within that UTC day. */
export function dayOf(at: Date): string {
  return `${at.toISOString().slice(0, 10)}T00:00:00.000Z`;
}

/** Field-set ids by the set's JSON text; a set never changes, so this only grows (bounded). */
const setIds = new Map<string, string>();
const SET_ID_CACHE = 10_000;

/** The field set's id: a digest of its sorted coordinate list, the same in every process. */
export function fieldSetId(fields: readonly string[], json = JSON.stringify(fields)): string {
  let id = setIds.get(json);
  if (id === undefined) {
    id = createHash('sha256').update(json).digest('base64url').slice(0, 22);
    if (setIds.size >= SET_ID_CACHE) setIds.clear();
    setIds.set(json, id);
  }
  return id;
}

/** The rows of a rollup in the order of their keys. */
function inKeyOrder(map: Map<string, Row>): Row[] {
  return [...map.keys()].sort().map((id) => map.get(id) as Row);
}

/** Adds `add` to the counters (the last `add.length` values) of the row under `id`. */
function sum(map: Map<string, Row>, id: string, keys: () => unknown[], add: number[]): void {
  const row = map.get(id);
  if (row === undefined) {
    map.set(id, [...keys(), ...add]);
    return;
  }
  const at = row.length - add.length;
  for (let i = 0; i < add.length; i++) row[at + i] = (row[at + i] as number) + (add[i] as number);
}

/** Outcomes of requests the key itself was refused for: they do not count as a use. */
const KEY_REFUSED: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'KEY_REVOKED',
  'KEY_EXPIRED',
  'KEY_DISABLED',
  'ORIGIN_NOT_ALLOWED',
]);

/**
 * Sums the events into every rollup in memory (each rollup row once):
 * `usage_hourly` (fine), `usage_outcomes_hourly` (coarse), the monthly quota, the field sets
 * seen and their hourly (per key) and daily (per project and region) request counts, and
 * each key's latest use — never backwards, and a refused attempt with a revoked or expired
 * key is metered but is not a use of the key. Texts are keyed as the database stores them.
 */
function rollupsOf(
  events: readonly UsageEvent[],
  jsonOf: (fields: readonly string[]) => string,
  storable: (text: string) => string,
): UsageRollups {
  const requests = new Map<string, Row>();
  const outcomes = new Map<string, Row>();
  const sets = new Map<string, readonly string[]>();
  const setsHourly = new Map<string, Row>();
  const setsDaily = new Map<string, Row>();
  const quota = new Map<string, Row>();
  const latest = new Map<string, number>();
  // A batch is about a second of traffic: the hour and day strings repeat, compute them once.
  let lastHourMs = Number.NaN;
  let hour = '';
  let day = '';
  for (const e of events) {
    const hourMs = Math.floor(e.at.getTime() / 3_600_000);
    if (hourMs !== lastHourMs) {
      lastHourMs = hourMs;
      hour = hourOf(e.at);
      day = dayOf(e.at);
    }
    const project = e.projectId === null ? '' : storable(e.projectId);
    const key = e.keyId === null ? '' : storable(e.keyId);
    const region = e.region === null ? '' : storable(e.region);
    const operation = e.operationName === null ? '' : storable(e.operationName);
    const outcome = e.outcome;
    const h = hour;
    sum(
      requests,
      `${h}\u0000${project}\u0000${key}\u0000${outcome}\u0000${region}\u0000${operation}`,
      () => [h, project, key, outcome, region, operation],
      [1, e.cost],
    );
    sum(
      outcomes,
      `${h}\u0000${project}\u0000${outcome}\u0000${region}`,
      () => [h, project, outcome, region],
      [1, e.cost],
    );
    if (e.billable && e.projectId !== null) {
      const month = h.slice(0, 7);
      sum(quota, `${project}\u0000${month}`, () => [project, month], [1]);
    }
    if (e.keyId !== null && !KEY_REFUSED.has(outcome)) {
      const at = e.at.getTime();
      const seen = latest.get(e.keyId);
      if (seen === undefined || seen < at) latest.set(e.keyId, at);
    }
    if (e.fields.length === 0) continue;
    const setId = fieldSetId(e.fields, jsonOf(e.fields));
    if (!sets.has(setId)) sets.set(setId, e.fields);
    sum(
      setsHourly,
      `${h}\u0000${project}\u0000${key}\u0000${region}\u0000${setId}`,
      () => [h, project, key, region, setId],
      [1],
    );
    const d = day;
    sum(
      setsDaily,
      `${d}\u0000${project}\u0000${region}\u0000${setId}`,
      () => [d, project, region, setId],
      [1],
    );
  }
  return {
    hourly: inKeyOrder(requests),
    outcomes: inKeyOrder(outcomes),
    quota: inKeyOrder(quota),
    fieldSets: [...sets]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([setId, fields]) => fields.map((coordinate) => [setId, coordinate])),
    setsHourly: inKeyOrder(setsHourly),
    setsDaily: inKeyOrder(setsDaily),
    keysUsed: [...latest]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([keyId, at]) => [keyId, new Date(at).toISOString()]),
  };
}

/** SQLite's side of writeUsageBatch: Kysely's multi-row statements (see writeRows). */
const sqliteUsageStore: UsageStore = {
  storable: (text) => text,
  insertEvents(db, events, jsonOf) {
    const rows = events.map((e) => [
      e.id,
      e.at.toISOString(),
      e.projectId,
      e.keyId,
      e.operationName,
      e.operationType,
      jsonOf(e.fields),
      e.outcome,
      e.httpStatus,
      e.durationMs,
      e.cost,
      e.ip,
      e.region,
      e.userAgent,
    ]);
    return writeRows(
      db,
      'usage_events',
      EVENT_COLUMNS,
      rows,
      (values: Insertable<Database['usage_events']>[]) =>
        db
          .insertInto('usage_events')
          .values(values)
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id'),
    );
  },
  async writeRollups(db, r) {
    await writeRows(
      db,
      'usage_hourly',
      ['hour', 'project_id', 'key_id', 'outcome', 'region', 'operation_name', 'requests', 'cost'],
      r.hourly,
      (values: Database['usage_hourly'][]) =>
        db
          .insertInto('usage_hourly')
          .values(values)
          .onConflict((oc) =>
            oc
              .columns(['project_id', 'hour', 'key_id', 'outcome', 'region', 'operation_name'])
              .doUpdateSet((eb) => ({
                requests: eb('usage_hourly.requests', '+', eb.ref('excluded.requests')),
                cost: eb('usage_hourly.cost', '+', eb.ref('excluded.cost')),
              })),
          ),
    );
    await writeRows(
      db,
      'usage_outcomes_hourly',
      ['hour', 'project_id', 'outcome', 'region', 'requests', 'cost'],
      r.outcomes,
      (values: Database['usage_outcomes_hourly'][]) =>
        db
          .insertInto('usage_outcomes_hourly')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['project_id', 'hour', 'outcome', 'region']).doUpdateSet((eb) => ({
              requests: eb('usage_outcomes_hourly.requests', '+', eb.ref('excluded.requests')),
              cost: eb('usage_outcomes_hourly.cost', '+', eb.ref('excluded.cost')),
            })),
          ),
    );
    await writeRows(
      db,
      'usage_quota_monthly',
      ['project_id', 'month', 'requests'],
      r.quota,
      (values: Database['usage_quota_monthly'][]) =>
        db
          .insertInto('usage_quota_monthly')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['project_id', 'month']).doUpdateSet((eb) => ({
              requests: eb('usage_quota_monthly.requests', '+', eb.ref('excluded.requests')),
            })),
          ),
    );
    await writeRows(
      db,
      'usage_field_sets',
      ['set_id', 'coordinate'],
      r.fieldSets,
      (values: Database['usage_field_sets'][]) =>
        db
          .insertInto('usage_field_sets')
          .values(values)
          .onConflict((oc) => oc.columns(['set_id', 'coordinate']).doNothing()),
    );
    await writeRows(
      db,
      'usage_field_sets_hourly',
      ['hour', 'project_id', 'key_id', 'region', 'set_id', 'count'],
      r.setsHourly,
      (values: Database['usage_field_sets_hourly'][]) =>
        db
          .insertInto('usage_field_sets_hourly')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['project_id', 'hour', 'key_id', 'region', 'set_id']).doUpdateSet((eb) => ({
              count: eb('usage_field_sets_hourly.count', '+', eb.ref('excluded.count')),
            })),
          ),
    );
    await writeRows(
      db,
      'usage_field_sets_daily',
      ['day', 'project_id', 'region', 'set_id', 'count'],
      r.setsDaily,
      (values: Database['usage_field_sets_daily'][]) =>
        db
          .insertInto('usage_field_sets_daily')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['project_id', 'day', 'region', 'set_id']).doUpdateSet((eb) => ({
              count: eb('usage_field_sets_daily.count', '+', eb.ref('excluded.count')),
            })),
          ),
    );
    await touchKeys(db, r.keysUsed as [string, string][]);
  },
};

/**
 * One UPDATE per batch: each key's lastUsedAt moves to its latest use in the batch (a
 * `case` over the keys), never a write per request, and never backwards.
 */
async function touchKeys(db: Conn, entries: readonly [keyId: string, at: string][]): Promise<void> {
  if (entries.length === 0) return;
  const usedAt = sql<string>`case ${sql.ref('id')} ${sql.join(
    entries.map(([keyId, at]) => sql`when ${keyId} then ${at}`),
    sql` `,
  )} end`;
  await db
    .updateTable('api_keys')
    .set({ last_used_at: usedAt })
    .where(
      'id',
      'in',
      entries.map(([keyId]) => keyId),
    )
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', usedAt)]))
    .execute();
}

/** Requests the database holds against a project's quota for a month (`2026-11`). */
export async function monthlyQuotaUsed(
  db: Conn,
  projectId: string,
  month: string,
): Promise<number> {
  const row = await db
    .selectFrom('usage_quota_monthly')
    .select('requests')
    .where('project_id', '=', projectId)
    .where('month', '=', month)
    .executeTakeFirst();
  return row === undefined ? 0 : Number(row.requests);
}

/**
 * Deletes raw events older than `before`, `chunk` rows per statement (each one short: an
 * hour of traffic at once would outlast PostgreSQL's statement timeout and hold SQLite's
 * connection); rollups are kept. Returns how many went.
 */
export async function pruneUsageEvents(db: Conn, before: Date, chunk = 10_000): Promise<number> {
  const at = before.toISOString();
  let total = 0;
  for (;;) {
    const result = await db
      .deleteFrom('usage_events')
      .where('id', 'in', (eb) =>
        eb.selectFrom('usage_events').select('id').where('at', '<', at).limit(chunk),
      )
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    total += deleted;
    if (deleted < chunk) return total;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
