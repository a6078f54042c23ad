import { CompiledQuery } from 'kysely';
import type { UsageEvent } from './usage-event.js';
import type { Conn, Row, UsageStore } from './usage-repository.js';

/**
 * PostgreSQL's side of writeUsageBatch: every table written by ONE statement whatever the
 * batch size — each column sent as one typed array literal and turned back into rows by
 * `unnest` — with a fixed text, so PostgreSQL parses a handful of small statements instead of
 * thousand-row VALUES lists, and a batch of 1000 events is 14 parameters, not 14,000.
 * Rows are written in array order: the rollups arrive in key order (see UsageRollups).
 */
export const postgresUsageStore: UsageStore = {
  storable,
  async insertEvents(db, events, jsonOf) {
    const result = await db.executeQuery<{ id: string }>(
      CompiledQuery.raw(INSERT_EVENTS, eventColumns(events, jsonOf).map(arrayLiteral)),
    );
    return result.rows;
  },
  async writeRollups(db, r) {
    await run(db, UPSERT_HOURLY, r.hourly);
    await run(db, UPSERT_OUTCOMES_HOURLY, r.outcomes);
    await run(db, UPSERT_QUOTA_MONTHLY, r.quota);
    await run(db, INSERT_FIELD_SETS, r.fieldSets);
    await run(db, UPSERT_FIELD_SETS_HOURLY, r.setsHourly);
    await run(db, UPSERT_FIELD_SETS_DAILY, r.setsDaily);
    await run(db, TOUCH_KEYS, r.keysUsed);
  },
};

const INSERT_EVENTS = `insert into usage_events (id, at, project_id, key_id, operation_name,
  operation_type, fields, outcome, http_status, duration_ms, cost, ip, region, user_agent)
select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
  $7::text[], $8::text[], $9::integer[], $10::real[], $11::bigint[], $12::text[], $13::text[],
  $14::text[])
on conflict (id) do nothing
returning id`;

const UPSERT_HOURLY = `insert into usage_hourly as t (hour, project_id, key_id, outcome, region,
  operation_name, requests, cost)
select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
  $7::bigint[], $8::bigint[])
on conflict (project_id, hour, key_id, outcome, region, operation_name)
do update set requests = t.requests + excluded.requests, cost = t.cost + excluded.cost`;

const UPSERT_OUTCOMES_HOURLY = `insert into usage_outcomes_hourly as t (hour, project_id, outcome,
  region, requests, cost)
select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
on conflict (project_id, hour, outcome, region)
do update set requests = t.requests + excluded.requests, cost = t.cost + excluded.cost`;

const UPSERT_QUOTA_MONTHLY = `insert into usage_quota_monthly as t (project_id, month, requests)
select * from unnest($1::text[], $2::text[], $3::bigint[])
on conflict (project_id, month) do update set requests = t.requests + excluded.requests`;

const INSERT_FIELD_SETS = `insert into usage_field_sets (set_id, coordinate)
select * from unnest($1::text[], $2::text[])
on conflict (set_id, coordinate) do nothing`;

const UPSERT_FIELD_SETS_HOURLY = `insert into usage_field_sets_hourly as t (hour, project_id,
  key_id, region, set_id, count)
select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
on conflict (project_id, hour, key_id, region, set_id)
do update set count = t.count + excluded.count`;

const UPSERT_FIELD_SETS_DAILY = `insert into usage_field_sets_daily as t (day, project_id, region,
  set_id, count)
select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
on conflict (project_id, day, region, set_id)
do update set count = t.count + excluded.count`;

const TOUCH_KEYS = `update api_keys as k set last_used_at = v.at
from unnest($1::text[], $2::text[]) as v(id, at)
where k.id = v.id and (k.last_used_at is null or k.last_used_at < v.at)`;

/** Runs `text` with `rows` sent column by column (one array per column); nothing for no rows. */
async function run(db: Conn, text: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const width = (rows[0] as Row).length;
  const columns: unknown[][] = Array.from({ length: width }, () => new Array(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Row;
    for (let c = 0; c < width; c++) (columns[c] as unknown[])[i] = row[c];
  }
  await db.executeQuery(CompiledQuery.raw(text, columns.map(arrayLiteral)));
}

/** The events' 14 columns as arrays, in INSERT_EVENTS's order. */
function eventColumns(
  events: readonly UsageEvent[],
  jsonOf: (fields: readonly string[]) => string,
): unknown[][] {
  const id: string[] = [];
  const at: string[] = [];
  const project: (string | null)[] = [];
  const key: (string | null)[] = [];
  const operation: (string | null)[] = [];
  const type: (string | null)[] = [];
  const fields: string[] = [];
  const outcome: string[] = [];
  const status: number[] = [];
  const duration: number[] = [];
  const cost: number[] = [];
  const ip: (string | null)[] = [];
  const region: (string | null)[] = [];
  const userAgent: (string | null)[] = [];
  for (const e of events) {
    id.push(e.id);
    at.push(e.at.toISOString());
    project.push(nullable(e.projectId));
    key.push(nullable(e.keyId));
    operation.push(nullable(e.operationName));
    type.push(nullable(e.operationType));
    fields.push(jsonOf(e.fields));
    outcome.push(e.outcome);
    status.push(e.httpStatus);
    duration.push(e.durationMs);
    cost.push(e.cost);
    ip.push(nullable(e.ip));
    region.push(nullable(e.region));
    userAgent.push(nullable(e.userAgent));
  }
  return [
    id,
    at,
    project,
    key,
    operation,
    type,
    fields,
    outcome,
    status,
    duration,
    cost,
    ip,
    region,
    userAgent,
  ];
}

const QUOTE_OR_BACKSLASH = /["\\]/;

/**
 * The array's PostgreSQL literal (`{"a","b\"c",NULL,1.5}`), as `pg` writes one: every text
 * quoted with `"` and `\` escaped, null as NULL, numbers as JavaScript prints them. Written
 * here because `pg`'s general version (two regular expressions per element) costs several µs
 * per event; texts that need escaping (the `fields` JSON) repeat, so each is escaped once.
 */
function arrayLiteral(values: readonly unknown[]): string {
  let literal = '{';
  let escaped: Map<string, string> | undefined;
  for (let i = 0; i < values.length; i++) {
    if (i > 0) literal += ',';
    const value = values[i];
    if (value === null || value === undefined) literal += 'NULL';
    else if (typeof value === 'number') literal += String(value);
    else {
      const text = String(value);
      if (!QUOTE_OR_BACKSLASH.test(text)) literal += `"${text}"`;
      else {
        escaped ??= new Map();
        let quoted = escaped.get(text);
        if (quoted === undefined) {
          quoted = `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
          escaped.set(text, quoted);
        }
        literal += quoted;
      }
    }
  }
  return `${literal}}`;
}

/** U+0000 and unpaired surrogates: what PostgreSQL's UTF-8 text cannot hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is what it looks for
const UNSTORABLE = /[\u0000\p{Cs}]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is what it looks for
const UNSTORABLE_ALL = /[\u0000\p{Cs}]/gu;

/**
 * The text as PostgreSQL stores it: U+0000 and unpaired surrogates become U+FFFD, as
 * create-db.ts's `withoutNul` and UTF-8 encoding do to any string parameter. Rollup keys are
 * summed by it, so that two texts PostgreSQL stores alike (`a\0` and `a\uFFFD`, which any
 * client can send as operation names) make one row, not the same row upserted twice in one
 * statement — which PostgreSQL refuses, failing the whole batch.
 */
function storable(text: string): string {
  return UNSTORABLE.test(text) ? text.replace(UNSTORABLE_ALL, '\uFFFD') : text;
}

function nullable(text: string | null): string | null {
  return text === null ? null : storable(text);
}
