import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, UsageEventRow } from '../db/database.js';
import { DENIED_OUTCOMES, type Outcome } from './usage-event.js';
import { FIELD_SET_REF } from './usage-repository.js';

type Conn = Kysely<Database>;

export type Granularity = 'HOUR' | 'DAY';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The widest `usage` range per granularity, in days (`to - from`). */
export const MAX_RANGE_DAYS: Readonly<Record<Granularity, number>> = { HOUR: 31, DAY: 366 };

/** The start of the UTC hour or day that holds `at`. */
export function bucketStart(at: Date, granularity: Granularity): Date {
  const size = granularity === 'HOUR' ? HOUR_MS : DAY_MS;
  return new Date(Math.floor(at.getTime() / size) * size);
}

/** null when `to` follows `from`, else the reason in words. */
export function checkTimeOrder(from: Date, to: Date): string | null {
  return to.getTime() > from.getTime()
    ? null
    : `"to" (${to.toISOString()}) must be later than "from" (${from.toISOString()})`;
}

/**
 * A range check for `usage`: null when fine, else the reason in words. `to` must follow
 * `from`, by at most MAX_RANGE_DAYS of the granularity.
 */
export function checkUsageRange(from: Date, to: Date, granularity: Granularity): string | null {
  const unordered = checkTimeOrder(from, to);
  if (unordered !== null) return unordered;
  const maxDays = MAX_RANGE_DAYS[granularity];
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    const days = Math.ceil((to.getTime() - from.getTime()) / DAY_MS);
    return `a ${granularity} usage report covers at most ${maxDays} days, but from…to spans ${days} days${
      granularity === 'HOUR' ? ': use granularity DAY or a shorter range' : ''
    }`;
  }
  return null;
}

/**
 * What to count. Rollup rows are hourly: an hour counts when it starts within
 * [floor(from), to). `projectId` undefined means every project (and requests with none).
 */
export interface UsageQuery {
  projectId?: string;
  keyId?: string | null;
  outcome?: Outcome | null;
  region?: string | null;
  operationName?: string | null;
  from: Date;
  to: Date;
}

export interface OutcomeCount {
  outcome: Outcome;
  count: number;
}

export interface UsagePoint {
  bucket: Date;
  requests: number;
  /** Requests whose outcome is one of DENIED_OUTCOMES. */
  denied: number;
  cost: number;
}

export interface UsageReport {
  total: number;
  /** Every outcome with requests, most first (ties by name). */
  byOutcome: OutcomeCount[];
  /** One point per bucket from floor(from) up to `to`, zeros included. */
  series: UsagePoint[];
}

/** An all-zero report over the range: what a project without traffic (or a foreign one) gets. */
export function emptyUsageReport(from: Date, to: Date, granularity: Granularity): UsageReport {
  return { total: 0, byOutcome: [], series: zeroSeries(from, to, granularity) };
}

function zeroSeries(from: Date, to: Date, granularity: Granularity): UsagePoint[] {
  const size = granularity === 'HOUR' ? HOUR_MS : DAY_MS;
  const series: UsagePoint[] = [];
  for (let t = bucketStart(from, granularity).getTime(); t < to.getTime(); t += size) {
    series.push({ bucket: new Date(t), requests: 0, denied: 0, cost: 0 });
  }
  return series;
}

/**
 * Requests per (bucket, outcome) over the range, grouped in SQL. Without a key or operation
 * filter they come from `usage_outcomes_hourly` (a few rows per project and hour), else from
 * the finer `usage_hourly`; both read by primary key (project, hour) or the hour index.
 */
function bucketOutcomeRows(db: Conn, q: UsageQuery, granularity: Granularity) {
  const from = bucketStart(q.from, granularity).toISOString();
  const to = q.to.toISOString();
  // Hour rows are `YYYY-MM-DDTHH:00:00.000Z`: a day is their first 10 characters.
  const bucket = granularity === 'HOUR' ? sql<string>`hour` : sql<string>`substr(hour, 1, 10)`;
  if (q.keyId == null && q.operationName == null) {
    let query = db
      .selectFrom('usage_outcomes_hourly')
      .where('hour', '>=', from)
      .where('hour', '<', to);
    if (q.projectId !== undefined) query = query.where('project_id', '=', q.projectId);
    if (q.outcome != null) query = query.where('outcome', '=', q.outcome);
    if (q.region != null) query = query.where('region', '=', q.region);
    return query
      .select((eb) => [
        bucket.as('bucket'),
        'outcome',
        eb.fn.sum<number | string>('requests').as('requests'),
        eb.fn.sum<number | string>('cost').as('cost'),
      ])
      .groupBy([bucket, 'outcome'])
      .execute();
  }
  let query = db.selectFrom('usage_hourly').where('hour', '>=', from).where('hour', '<', to);
  if (q.projectId !== undefined) query = query.where('project_id', '=', q.projectId);
  if (q.keyId != null) query = query.where('key_id', '=', q.keyId);
  if (q.outcome != null) query = query.where('outcome', '=', q.outcome);
  if (q.region != null) query = query.where('region', '=', q.region);
  if (q.operationName != null) query = query.where('operation_name', '=', q.operationName);
  return query
    .select((eb) => [
      bucket.as('bucket'),
      'outcome',
      eb.fn.sum<number | string>('requests').as('requests'),
      eb.fn.sum<number | string>('cost').as('cost'),
    ])
    .groupBy([bucket, 'outcome'])
    .execute();
}

/**
 * Totals, counts per outcome and a zero-filled series, read from the hourly rollups only
 * (never the raw events), so the cost does not grow with the number of requests.
 */
export async function usageReport(
  db: Conn,
  q: UsageQuery,
  granularity: Granularity,
): Promise<UsageReport> {
  const rows = await bucketOutcomeRows(db, q, granularity);
  const series = zeroSeries(q.from, q.to, granularity);
  const index = new Map(series.map((p, i) => [p.bucket.getTime(), i]));
  const counts = new Map<Outcome, number>();
  for (const row of rows) {
    const outcome = row.outcome as Outcome;
    const requests = Number(row.requests);
    if (requests === 0) continue;
    counts.set(outcome, (counts.get(outcome) ?? 0) + requests);
    const at = granularity === 'HOUR' ? row.bucket : `${row.bucket}T00:00:00.000Z`;
    const i = index.get(new Date(at).getTime());
    const point = i === undefined ? undefined : series[i];
    if (point === undefined) continue;
    point.requests += requests;
    if (DENIED_OUTCOMES.has(outcome)) point.denied += requests;
    point.cost += Number(row.cost);
  }
  const byOutcome = [...counts]
    .map(([outcome, count]) => ({ outcome, count }))
    .sort((a, b) => b.count - a.count || (a.outcome < b.outcome ? -1 : 1));
  return { total: byOutcome.reduce((sum, o) => sum + o.count, 0), byOutcome, series };
}

/** What fieldUsage counts: field rollups are kept per project, key and region only. */
export interface FieldUsageQuery {
  projectId?: string;
  keyId?: string | null;
  region?: string | null;
  from: Date;
  to: Date;
  /** One row per (coordinate, region) instead of one per coordinate. */
  byRegion: boolean;
  limit: number;
}

export interface FieldUsage {
  coordinate: string;
  /** Set only when counted by region; null there means "no region known". */
  region: string | null;
  count: number;
}

/**
 * The hours fieldUsage counts, [floor(from) to the first hour starting at or after `to`),
 * split into whole UTC days (read from the daily rollup) and the hours around them (hourly).
 */
export function fieldUsageSpans(
  from: Date,
  to: Date,
): { days: [string, string] | null; hours: [string, string][] } {
  const start = bucketStart(from, 'HOUR').getTime();
  const end = Math.ceil(to.getTime() / HOUR_MS) * HOUR_MS;
  const firstDay = Math.ceil(start / DAY_MS) * DAY_MS;
  const lastDay = Math.floor(end / DAY_MS) * DAY_MS;
  const iso = (t: number) => new Date(t).toISOString();
  if (firstDay >= lastDay) return { days: null, hours: [[iso(start), iso(end)]] };
  const hours: [string, string][] = [];
  if (start < firstDay) hours.push([iso(start), iso(firstDay)]);
  if (lastDay < end) hours.push([iso(lastDay), iso(end)]);
  return { days: [iso(firstDay), iso(lastDay)], hours };
}

/**
 * Most-used schema coordinates first (ties by coordinate, then region). Requests are counted
 * per field set (grouped in SQL by set and region), then joined to the sets' coordinates
 * and summed per coordinate. Without a key filter whole UTC days come from the daily rollup
 * and the hours around them from the hourly one; with a key filter every hour is hourly.
 * Exact for any range: the hours counted are those starting within [floor(from), to).
 */
export async function fieldUsage(db: Conn, q: FieldUsageQuery): Promise<FieldUsage[]> {
  const spans =
    q.keyId == null
      ? fieldUsageSpans(q.from, q.to)
      : {
          days: null,
          hours: [
            [
              bucketStart(q.from, 'HOUR').toISOString(),
              new Date(Math.ceil(q.to.getTime() / HOUR_MS) * HOUR_MS).toISOString(),
            ] as [string, string],
          ],
        };
  let hourly = db
    .selectFrom('usage_field_sets_hourly')
    .where((eb) =>
      eb.or(spans.hours.map(([from, to]) => eb.and([eb('hour', '>=', from), eb('hour', '<', to)]))),
    );
  if (q.projectId !== undefined) hourly = hourly.where('project_id', '=', q.projectId);
  if (q.keyId != null) hourly = hourly.where('key_id', '=', q.keyId);
  if (q.region != null) hourly = hourly.where('region', '=', q.region);
  let counted = hourly
    .select((eb) => ['set_id', 'region', eb.fn.sum<number | string>('count').as('count')])
    .groupBy(['set_id', 'region']);
  if (spans.days !== null) {
    let daily = db
      .selectFrom('usage_field_sets_daily')
      .where('day', '>=', spans.days[0])
      .where('day', '<', spans.days[1]);
    if (q.projectId !== undefined) daily = daily.where('project_id', '=', q.projectId);
    if (q.region != null) daily = daily.where('region', '=', q.region);
    const days = daily
      .select((eb) => ['set_id', 'region', eb.fn.sum<number | string>('count').as('count')])
      .groupBy(['set_id', 'region']);
    // With no hours around the days the hourly part is `where false`: nothing to read.
    counted = counted.unionAll(days);
  }
  const joined = db
    .selectFrom(counted.as('c'))
    .innerJoin('usage_field_sets as s', 's.set_id', 'c.set_id')
    .select((eb) => ['s.coordinate', eb.fn.sum<number | string>('c.count').as('count')]);
  if (!q.byRegion) {
    const rows = await joined
      .groupBy('s.coordinate')
      .orderBy('count', 'desc')
      .orderBy('s.coordinate', 'asc')
      .limit(q.limit)
      .execute();
    return rows.map((r) => ({ coordinate: r.coordinate, region: null, count: Number(r.count) }));
  }
  const rows = await joined
    .select('c.region')
    .groupBy(['s.coordinate', 'c.region'])
    .orderBy('count', 'desc')
    .orderBy('s.coordinate', 'asc')
    .orderBy('c.region', 'asc')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({
    coordinate: r.coordinate,
    region: r.region === '' ? null : r.region,
    count: Number(r.count),
  }));
}

/** What requestLogs lists. `projectId` undefined means every project (admin keys). */
export interface RequestLogQuery {
  projectId?: string;
  keyId?: string | null;
  outcome?: Outcome | null;
  requestId?: string | null;
  operationName?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** Only events older than this one (the cursor). */
  beforeId?: string | null;
  limit: number;
}

/**
 * Raw usage events newest first: ids are time-ordered, so `id desc` is the order. Each row's
 * `fields` is the JSON list of its coordinates, also where SQLite stores a reference to the
 * field set (FIELD_SET_REF): the page's sets are read in one query.
 */
export async function listRequestLogs(db: Conn, q: RequestLogQuery): Promise<UsageEventRow[]> {
  const rows = await requestLogRows(db, q);
  const setIdOf = (fields: string) =>
    fields.startsWith(FIELD_SET_REF) ? fields.slice(FIELD_SET_REF.length) : null;
  const setIds = new Set<string>();
  for (const row of rows) {
    const id = setIdOf(row.fields);
    if (id !== null) setIds.add(id);
  }
  if (setIds.size === 0) return rows;
  const coordinates = await db
    .selectFrom('usage_field_sets')
    .select(['set_id', 'coordinate'])
    .where('set_id', 'in', [...setIds])
    .execute();
  const bySet = new Map<string, string[]>([...setIds].map((id) => [id, []]));
  for (const { set_id, coordinate } of coordinates) bySet.get(set_id)?.push(coordinate);
  // A set's coordinates are the request's, sorted as operationFields sorts them.
  const json = new Map([...bySet].map(([id, list]) => [id, JSON.stringify(list.sort())]));
  return rows.map((row) => {
    const id = setIdOf(row.fields);
    return id === null ? row : { ...row, fields: json.get(id) as string };
  });
}

function requestLogRows(db: Conn, q: RequestLogQuery): Promise<UsageEventRow[]> {
  let query: SelectQueryBuilder<Database, 'usage_events', UsageEventRow> = db
    .selectFrom('usage_events')
    .selectAll();
  if (q.projectId !== undefined) query = query.where('project_id', '=', q.projectId);
  if (q.keyId != null) query = query.where('key_id', '=', q.keyId);
  if (q.outcome != null) query = query.where('outcome', '=', q.outcome);
  if (q.requestId != null) query = query.where('id', '=', q.requestId);
  if (q.operationName != null) query = query.where('operation_name', '=', q.operationName);
  if (q.from != null) query = query.where('at', '>=', q.from.toISOString());
  if (q.to != null) query = query.where('at', '<', q.to.toISOString());
  if (q.beforeId != null) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

/** The distinct client ips a key was used from (kept raw events only), sorted. */
export async function distinctIpsOfKey(db: Conn, keyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('usage_events')
    .select('ip')
    .distinct()
    .where('key_id', '=', keyId)
    .where('ip', 'is not', null)
    .orderBy('ip')
    .execute();
  return rows.map((r) => r.ip as string);
}
