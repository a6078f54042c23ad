import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sqliteOf } from '../db/create-db.js';
import type { Database } from '../db/database.js';
import type { UsageEvent } from './usage-event.js';
import { postgresUsageStore } from './usage-repository-pg.js';
import { sqliteUsageWriter } from './usage-repository-sqlite.js';

export type Conn = Kysely<Database>;

/** `2026-11-28T13:00:00.000Z` for any time within that hour. */
export function hourOf(at: Date): string {
  return `${at.toISOString().slice(0, 13)}:00:00.000Z`;
}

/** A row being written: its key columns, then its counters (rollups); a table's columns. */
export type Row = unknown[];

/**
 * What a batch's new events add to each rollup, summed in memory, one row per rollup row.
 * For PostgreSQL in the order of its key (columns as listed): instances writing batches at
 * the same time upsert overlapping rows, and taking the row locks in one global order means
 * their transactions wait for each other instead of deadlocking. SQLite has one writer at a
 * time: its rows come as first seen, unsorted.
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
 * PostgreSQL's statements of writeUsageBatch (usage-repository-pg.ts), run through Kysely in
 * a Kysely transaction. SQLite's are synchronous (usage-repository-sqlite.ts).
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

/**
 * Writes one batch in one transaction: the raw events, the rollups for the events that
 * were new, and each key's lastUsedAt. Events already stored (same request id, from a
 * retried flush) are skipped and not counted again.
 */
export async function writeUsageBatch(db: Conn, events: readonly UsageEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  // Requests of one operation usually share one `fields` array: stringify it and digest
  // it into its set id once per batch.
  const jsonOf = perArray((fields) => JSON.stringify(fields));
  const setIdOf = perArray((fields) => fieldSetId(fields, jsonOf(fields)));
  const sqlite = sqliteOf(db);
  if (sqlite !== undefined) {
    // The whole batch synchronously in one SQLite transaction, while Kysely's connection is
    // held: no other query of ours runs in between, and no Kysely transaction is open.
    const writer = sqliteUsageWriter(sqlite);
    // SQLite stores an event's fields as a reference to its field set (see FIELD_SET_REF).
    const refOf = perArray((fields) =>
      fields.length === 0 ? '[]' : FIELD_SET_REF + setIdOf(fields),
    );
    return db.connection().execute(async () =>
      sqlite.transaction(() => {
        const fresh = writer.insertEvents(events, refOf);
        if (fresh.length > 0) writer.writeRollups(rollupsOf(fresh, setIdOf, sameText, false));
        return fresh.length;
      })(),
    );
  }
  const store = postgresUsageStore;
  return db.transaction().execute(async (trx) => {
    // The rollups are summed while the database inserts the events (PostgreSQL works in
    // another process): one turn of the event loop first, so that the insert has left.
    // Usually every event is new; when some were stored already, only the new are summed.
    const [stored, rollups] = await Promise.all([
      store.insertEvents(trx, events, jsonOf),
      new Promise((resolve) => setImmediate(resolve)).then(() =>
        rollupsOf(events, setIdOf, store.storable, true),
      ),
    ]);
    const inserted = new Set(stored.map((r) => r.id));
    if (inserted.size === events.length) {
      await store.writeRollups(trx, rollups);
      return events.length;
    }
    const fresh = events.filter((e) => inserted.has(e.id));
    if (fresh.length > 0)
      await store.writeRollups(trx, rollupsOf(fresh, setIdOf, store.storable, true));
    return fresh.length;
  });
}

/**
 * How SQLite stores a request's `fields` when it selected any: this mark and its field set's
 * id (`@3q2x…`, 23 characters), whose coordinates are in usage_field_sets, written in the
 * same transaction as the event. The JSON list it replaced (8 coordinates are ~200
 * characters) was stored again in every row: ~130 bytes more per row in the bench's traffic.
 * A JSON list (`[]` for no fields, every PostgreSQL row, and SQLite rows stored before) is
 * read as it is: see listRequestLogs.
 */
export const FIELD_SET_REF = '@';

/** `fn` computed once per `fields` array (a batch's events of one operation share theirs). */
function perArray(
  fn: (fields: readonly string[]) => string,
): (fields: readonly string[]) => string {
  const done = new Map<readonly string[], string>();
  return (fields) => {
    let value = done.get(fields);
    if (value === undefined) {
      value = fn(fields);
      done.set(fields, value);
    }
    return value;
  };
}

/** SQLite stores every text as it is. */
const sameText = (text: string) => text;

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

/** Outcomes of requests the key itself was refused for: they do not count as a use. */
const KEY_REFUSED: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'KEY_REVOKED',
  'KEY_EXPIRED',
  'KEY_DISABLED',
  'ORIGIN_NOT_ALLOWED',
]);

/** One rollup being summed: its rows by a short per-batch id (see rollupsOf). */
class Rollup {
  readonly rows = new Map<string, Row>();

  /** @param keys how many of a row's first values are its key; the rest are its counters */
  constructor(private readonly keys: number) {}

  /** Adds `row` (its counters at zero) under `id`; returns it. */
  add(id: string, row: Row): Row {
    this.rows.set(id, row);
    return row;
  }

  /** The rows, in the order of their keys when `ordered`, else as first seen. */
  list(ordered: boolean): Row[] {
    const rows = [...this.rows.values()];
    if (!ordered) return rows;
    return rows
      .map((row) => ({ key: row.slice(0, this.keys).join('\u0000'), row }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((o) => o.row);
  }
}

/**
 * Sums the events into every rollup in memory (each rollup row once):
 * `usage_hourly` (fine), `usage_outcomes_hourly` (coarse), the monthly quota, the field sets
 * seen and their hourly (per key) and daily (per project and region) request counts, and
 * each key's latest use — never backwards, and a refused attempt with a revoked or expired
 * key is metered but is not a use of the key. Texts are keyed as the database stores them.
 *
 * Rows are found by short ids made of per-batch codes of their texts (`3,0,12,…`), not by
 * their texts — a thousand events make ~5,000 lookups — and, when `ordered` (PostgreSQL),
 * sorted once by their full keys at the end.
 */
function rollupsOf(
  events: readonly UsageEvent[],
  setIdOf: (fields: readonly string[]) => string,
  storable: (text: string) => string,
  ordered: boolean,
): UsageRollups {
  const requests = new Rollup(6);
  const outcomes = new Rollup(4);
  const quota = new Rollup(2);
  const setsHourly = new Rollup(5);
  const setsDaily = new Rollup(4);
  const sets = new Map<string, readonly string[]>();
  const latest = new Map<string, number>();
  // Each text's code, by the text as given; texts stored alike share one code.
  const codes = new Map<string, number>();
  const codeOfStored = new Map<string, number>();
  const stored: string[] = [];
  const code = (text: string | null): number => {
    const given = text ?? '';
    let c = codes.get(given);
    if (c === undefined) {
      const as = storable(given);
      c = codeOfStored.get(as);
      if (c === undefined) {
        c = stored.length;
        stored.push(as);
        codeOfStored.set(as, c);
      }
      codes.set(given, c);
    }
    return c;
  };
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
    const h = hour;
    const hc = code(h);
    const pc = code(e.projectId);
    const kc = code(e.keyId);
    const rc = code(e.region);
    const oc = code(e.outcome);
    const opc = code(e.operationName);
    const project = stored[pc] as string;
    const key = stored[kc] as string;
    const region = stored[rc] as string;
    const outcome = e.outcome;
    const cost = e.cost;
    const fineId = `${hc},${pc},${kc},${oc},${rc},${opc}`;
    let fine = requests.rows.get(fineId);
    if (fine === undefined) {
      const operation = stored[opc] as string;
      fine = requests.add(fineId, [h, project, key, outcome, region, operation, 0, 0]);
    }
    fine[6] = (fine[6] as number) + 1;
    fine[7] = (fine[7] as number) + cost;
    const coarseId = `${hc},${pc},${oc},${rc}`;
    const coarse =
      outcomes.rows.get(coarseId) ?? outcomes.add(coarseId, [h, project, outcome, region, 0, 0]);
    coarse[4] = (coarse[4] as number) + 1;
    coarse[5] = (coarse[5] as number) + cost;
    if (e.billable && e.projectId !== null) {
      const month = h.slice(0, 7);
      const rowId = `${pc},${month}`;
      const row = quota.rows.get(rowId) ?? quota.add(rowId, [project, month, 0]);
      row[2] = (row[2] as number) + 1;
    }
    if (e.keyId !== null && !KEY_REFUSED.has(outcome)) {
      const at = e.at.getTime();
      const seen = latest.get(e.keyId);
      if (seen === undefined || seen < at) latest.set(e.keyId, at);
    }
    if (e.fields.length === 0) continue;
    const s = setIdOf(e.fields);
    if (!sets.has(s)) sets.set(s, e.fields);
    const sc = code(s);
    const hourlyId = `${hc},${pc},${kc},${rc},${sc}`;
    const hourly =
      setsHourly.rows.get(hourlyId) ?? setsHourly.add(hourlyId, [h, project, key, region, s, 0]);
    hourly[5] = (hourly[5] as number) + 1;
    const d = day;
    const dailyId = `${code(d)},${pc},${rc},${sc}`;
    const daily = setsDaily.rows.get(dailyId) ?? setsDaily.add(dailyId, [d, project, region, s, 0]);
    daily[4] = (daily[4] as number) + 1;
  }
  return {
    hourly: requests.list(ordered),
    outcomes: outcomes.list(ordered),
    quota: quota.list(ordered),
    fieldSets: [...sets]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([setId, fields]) => fields.map((coordinate) => [setId, coordinate])),
    setsHourly: setsHourly.list(ordered),
    setsDaily: setsDaily.list(ordered),
    keysUsed: [...latest]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([keyId, at]) => [keyId, new Date(at).toISOString()]),
  };
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
