import type SQLite from 'better-sqlite3';
import type { UsageEvent } from './usage-event.js';
import type { Row, UsageRollups } from './usage-repository.js';

/**
 * SQLite's side of writeUsageBatch: fixed statements prepared once per database handle and
 * run row by row on better-sqlite3, without Kysely's builder or its per-query promises.
 * SQLite runs in this process, so a statement per row costs no round trip; what a row costs
 * is SQLite's own work. Everything here is synchronous: the caller runs it in one
 * transaction while it holds Kysely's connection (see writeUsageBatch).
 */
export interface SqliteUsageWriter {
  /**
   * Inserts the events whose id is not stored yet; returns those it inserted (`events`
   * itself when it inserted all of them).
   */
  insertEvents(
    events: readonly UsageEvent[],
    fieldsOf: (fields: readonly string[]) => string,
  ): readonly UsageEvent[];
  /** Adds the rollups to their tables and moves each key's last_used_at forward. */
  writeRollups(rollups: UsageRollups): void;
}

const INSERT_EVENT = `insert into usage_events (id, at, project_id, key_id, operation_name,
  operation_type, fields, outcome, http_status, duration_ms, cost, ip, region, user_agent)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
on conflict (id) do nothing`;

const UPSERT_HOURLY = `insert into usage_hourly (hour, project_id, key_id, outcome, region,
  operation_name, requests, cost)
values (?, ?, ?, ?, ?, ?, ?, ?)
on conflict (project_id, hour, key_id, outcome, region, operation_name)
do update set requests = requests + excluded.requests, cost = cost + excluded.cost`;

const UPSERT_OUTCOMES_HOURLY = `insert into usage_outcomes_hourly (hour, project_id, outcome,
  region, requests, cost)
values (?, ?, ?, ?, ?, ?)
on conflict (project_id, hour, outcome, region)
do update set requests = requests + excluded.requests, cost = cost + excluded.cost`;

const UPSERT_QUOTA_MONTHLY = `insert into usage_quota_monthly (project_id, month, requests)
values (?, ?, ?)
on conflict (project_id, month) do update set requests = requests + excluded.requests`;

const INSERT_FIELD_SETS = `insert into usage_field_sets (set_id, coordinate)
values (?, ?)
on conflict (set_id, coordinate) do nothing`;

const UPSERT_FIELD_SETS_HOURLY = `insert into usage_field_sets_hourly (hour, project_id, key_id,
  region, set_id, count)
values (?, ?, ?, ?, ?, ?)
on conflict (project_id, hour, key_id, region, set_id)
do update set count = count + excluded.count`;

const UPSERT_FIELD_SETS_DAILY = `insert into usage_field_sets_daily (day, project_id, region,
  set_id, count)
values (?, ?, ?, ?, ?)
on conflict (project_id, day, region, set_id)
do update set count = count + excluded.count`;

/** Never backwards: a key's last_used_at only moves to a later use. */
const TOUCH_KEY = `update api_keys set last_used_at = ?
where id = ? and (last_used_at is null or last_used_at < ?)`;

const writers = new WeakMap<SQLite.Database, SqliteUsageWriter>();

/** The writer of `sqlite`, its statements prepared on first use. */
export function sqliteUsageWriter(sqlite: SQLite.Database): SqliteUsageWriter {
  let writer = writers.get(sqlite);
  if (writer === undefined) {
    writer = createWriter(sqlite);
    writers.set(sqlite, writer);
  }
  return writer;
}

function createWriter(sqlite: SQLite.Database): SqliteUsageWriter {
  const insertEvent = sqlite.prepare(INSERT_EVENT);
  const hourly = sqlite.prepare(UPSERT_HOURLY);
  const outcomes = sqlite.prepare(UPSERT_OUTCOMES_HOURLY);
  const quota = sqlite.prepare(UPSERT_QUOTA_MONTHLY);
  const fieldSets = sqlite.prepare(INSERT_FIELD_SETS);
  const setsHourly = sqlite.prepare(UPSERT_FIELD_SETS_HOURLY);
  const setsDaily = sqlite.prepare(UPSERT_FIELD_SETS_DAILY);
  const touchKey = sqlite.prepare(TOUCH_KEY);
  const each = (statement: SQLite.Statement, rows: readonly Row[]) => {
    for (const row of rows) statement.run(row);
  };
  return {
    insertEvents(events, fieldsOf) {
      let inserted: UsageEvent[] | undefined;
      for (let i = 0; i < events.length; i++) {
        const e = events[i] as UsageEvent;
        const { changes } = insertEvent.run(
          e.id,
          e.at.toISOString(),
          e.projectId,
          e.keyId,
          e.operationName,
          e.operationType,
          fieldsOf(e.fields),
          e.outcome,
          e.httpStatus,
          e.durationMs,
          e.cost,
          e.ip,
          e.region,
          e.userAgent,
        );
        // Usually every event is new: the list of those inserted is made only once one
        // was stored already.
        if (changes === 0) inserted ??= events.slice(0, i);
        else inserted?.push(e);
      }
      return inserted ?? events;
    },
    writeRollups(r) {
      each(hourly, r.hourly);
      each(outcomes, r.outcomes);
      each(quota, r.quota);
      each(fieldSets, r.fieldSets);
      each(setsHourly, r.setsHourly);
      each(setsDaily, r.setsDaily);
      for (const [keyId, at] of r.keysUsed) touchKey.run(at, keyId, at);
    },
  };
}
