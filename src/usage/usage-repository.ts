import { createHash } from 'node:crypto';
import { type Compilable, CompiledQuery, type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { UsageEvent } from './usage-event.js';

type Conn = Kysely<Database>;

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
 * Writes one batch in one transaction: the raw events (multi-row inserts), the rollups for
 * the events that were new, and each key's lastUsedAt. Events already stored (same request
 * id, from a retried flush) are skipped and not counted again.
 */
export async function writeUsageBatch(db: Conn, events: readonly UsageEvent[]): Promise<number> {
  if (events.length === 0) return 0;
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
  return db.transaction().execute(async (trx) => {
    const stored = await writeRows(
      trx,
      'usage_events',
      EVENT_COLUMNS,
      rows,
      (values: Insertable<Database['usage_events']>[]) =>
        trx
          .insertInto('usage_events')
          .values(values)
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id'),
    );
    const inserted = new Set(stored.map((r) => r.id));
    const fresh =
      inserted.size === events.length ? events : events.filter((e) => inserted.has(e.id));
    await upsertRollups(trx, fresh, jsonOf);
    await touchKeys(trx, fresh);
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

/** A rollup row being summed: its key columns, then its counters. */
type Sums = [...unknown[]];

/**
 * The rows of a rollup in the order of their keys. Instances writing batches at the same
 * time upsert overlapping rows; taking the row locks in one global order means their
 * transactions wait for each other instead of deadlocking (PostgreSQL).
 */
function inKeyOrder(map: Map<string, Sums>): Sums[] {
  return [...map.keys()].sort().map((id) => map.get(id) as Sums);
}

/** Adds `add` to the counters (the last `add.length` values) of the row under `id`. */
function sum(map: Map<string, Sums>, id: string, keys: () => unknown[], add: number[]): void {
  const row = map.get(id);
  if (row === undefined) {
    map.set(id, [...keys(), ...add]);
    return;
  }
  const at = row.length - add.length;
  for (let i = 0; i < add.length; i++) row[at + i] = (row[at + i] as number) + (add[i] as number);
}

/**
 * Sums the new events into every rollup in memory, then upserts each rollup row once, in
 * multi-row statements: `usage_hourly` (fine), `usage_outcomes_hourly` (coarse), the field
 * sets seen, and their hourly (per key) and daily (per project and region) request counts.
 */
async function upsertRollups(
  db: Conn,
  events: readonly UsageEvent[],
  jsonOf: (fields: readonly string[]) => string,
): Promise<void> {
  if (events.length === 0) return;
  const requests = new Map<string, Sums>();
  const outcomes = new Map<string, Sums>();
  const sets = new Map<string, readonly string[]>();
  const setsHourly = new Map<string, Sums>();
  const setsDaily = new Map<string, Sums>();
  const quota = new Map<string, Sums>();
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
    const project = e.projectId ?? '';
    const key = e.keyId ?? '';
    const region = e.region ?? '';
    const operation = e.operationName ?? '';
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
  await writeRows(
    db,
    'usage_hourly',
    ['hour', 'project_id', 'key_id', 'outcome', 'region', 'operation_name', 'requests', 'cost'],
    inKeyOrder(requests),
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
    inKeyOrder(outcomes),
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
    inKeyOrder(quota),
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
  if (sets.size === 0) return;
  await writeRows(
    db,
    'usage_field_sets',
    ['set_id', 'coordinate'],
    [...sets]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([setId, fields]) => fields.map((coordinate) => [setId, coordinate])),
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
    inKeyOrder(setsHourly),
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
    inKeyOrder(setsDaily),
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
 * One UPDATE per batch: each key's lastUsedAt moves to its latest use in the batch (a
 * `case` over the keys), never a write per request, and never backwards. A refused attempt
 * with a revoked or expired key is metered but is not a use of the key.
 */
async function touchKeys(db: Conn, events: readonly UsageEvent[]): Promise<void> {
  const latest = new Map<string, number>();
  for (const e of events) {
    if (e.keyId === null || KEY_REFUSED.has(e.outcome)) continue;
    const at = e.at.getTime();
    const seen = latest.get(e.keyId);
    if (seen === undefined || seen < at) latest.set(e.keyId, at);
  }
  if (latest.size === 0) return;
  const entries = [...latest].map(([keyId, at]) => [keyId, new Date(at).toISOString()] as const);
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

/** Deletes raw events older than `before`; rollups are kept. Returns how many went. */
export async function pruneUsageEvents(db: Conn, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('usage_events')
    .where('at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
