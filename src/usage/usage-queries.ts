import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, UsageEventRow } from '../db/database.js';
import { DENIED_OUTCOMES, type Outcome } from './usage-event.js';

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

function hourlyRows(db: Conn, q: UsageQuery, granularity: Granularity) {
  let query = db
    .selectFrom('usage_hourly')
    .where('hour', '>=', bucketStart(q.from, granularity).toISOString())
    .where('hour', '<', q.to.toISOString());
  if (q.projectId !== undefined) query = query.where('project_id', '=', q.projectId);
  if (q.keyId != null) query = query.where('key_id', '=', q.keyId);
  if (q.outcome != null) query = query.where('outcome', '=', q.outcome);
  if (q.region != null) query = query.where('region', '=', q.region);
  if (q.operationName != null) query = query.where('operation_name', '=', q.operationName);
  return query;
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
  const denied = [...DENIED_OUTCOMES];
  // Hour rows are `YYYY-MM-DDTHH:00:00.000Z`: a day is their first 10 characters.
  const bucket = granularity === 'HOUR' ? sql<string>`hour` : sql<string>`substr(hour, 1, 10)`;
  const [points, outcomes] = await Promise.all([
    hourlyRows(db, q, granularity)
      .select((eb) => [
        bucket.as('bucket'),
        eb.fn.sum<number | string>('requests').as('requests'),
        eb.fn.sum<number | string>('cost').as('cost'),
        eb.fn
          .sum<number | string>(
            eb.case().when('outcome', 'in', denied).then(eb.ref('requests')).else(sql.lit(0)).end(),
          )
          .as('denied'),
      ])
      .groupBy(bucket)
      .execute(),
    hourlyRows(db, q, granularity)
      .select((eb) => ['outcome', eb.fn.sum<number | string>('requests').as('count')])
      .groupBy('outcome')
      .having((eb) => eb.fn.sum('requests'), '>', 0)
      .orderBy('count', 'desc')
      .orderBy('outcome', 'asc')
      .execute(),
  ]);

  const series = zeroSeries(q.from, q.to, granularity);
  const index = new Map(series.map((p, i) => [p.bucket.getTime(), i]));
  for (const row of points) {
    const at = granularity === 'HOUR' ? row.bucket : `${row.bucket}T00:00:00.000Z`;
    const i = index.get(new Date(at).getTime());
    const point = i === undefined ? undefined : series[i];
    if (point === undefined) continue;
    point.requests = Number(row.requests);
    point.denied = Number(row.denied);
    point.cost = Number(row.cost);
  }
  const byOutcome = outcomes.map((r) => ({
    outcome: r.outcome as Outcome,
    count: Number(r.count),
  }));
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

/** Most-used schema coordinates first (ties by coordinate, then region), from the field rollups. */
export async function fieldUsage(db: Conn, q: FieldUsageQuery): Promise<FieldUsage[]> {
  let query = db
    .selectFrom('usage_fields_hourly')
    .where('hour', '>=', bucketStart(q.from, 'HOUR').toISOString())
    .where('hour', '<', q.to.toISOString());
  if (q.projectId !== undefined) query = query.where('project_id', '=', q.projectId);
  if (q.keyId != null) query = query.where('key_id', '=', q.keyId);
  if (q.region != null) query = query.where('region', '=', q.region);
  const counted = query.select((eb) => [
    'coordinate',
    eb.fn.sum<number | string>('count').as('count'),
  ]);
  if (!q.byRegion) {
    const rows = await counted
      .groupBy('coordinate')
      .orderBy('count', 'desc')
      .orderBy('coordinate', 'asc')
      .limit(q.limit)
      .execute();
    return rows.map((r) => ({ coordinate: r.coordinate, region: null, count: Number(r.count) }));
  }
  const rows = await counted
    .select('region')
    .groupBy(['coordinate', 'region'])
    .orderBy('count', 'desc')
    .orderBy('coordinate', 'asc')
    .orderBy('region', 'asc')
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

/** Raw usage events newest first: ids are time-ordered, so `id desc` is the order. */
export function listRequestLogs(db: Conn, q: RequestLogQuery): Promise<UsageEventRow[]> {
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
