import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { KeyKind } from '../keys/key-format.js';

type Conn = Kysely<Database>;

/**
 * Outcomes of requests made with a key that no longer works (revoked, expired, disabled):
 * the detectors leave them out. A suspended key's refused requests do not raise more.
 */
export const DEAD_KEY_OUTCOMES = ['KEY_REVOKED', 'KEY_EXPIRED', 'KEY_DISABLED'] as const;

/** What the detectors need to know about a key. */
export interface MonitoredKey {
  id: string;
  projectId: string | null;
  kind: KeyKind;
  createdAt: Date;
  /** Not revoked, expired or disabled at the time of the pass. */
  live: boolean;
}

export async function monitoredKeys(
  db: Conn,
  ids: readonly string[],
  now: Date,
): Promise<Map<string, MonitoredKey>> {
  const keys = new Map<string, MonitoredKey>();
  const at = now.toISOString();
  for (const chunk of chunks([...new Set(ids)], 500)) {
    const rows = await db
      .selectFrom('api_keys')
      .select(['id', 'project_id', 'kind', 'created_at', 'revoked_at', 'expires_at', 'disabled_at'])
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows) {
      keys.set(r.id, {
        id: r.id,
        projectId: r.project_id,
        kind: r.kind as KeyKind,
        createdAt: new Date(r.created_at),
        live:
          r.disabled_at === null &&
          (r.revoked_at === null || r.revoked_at > at) &&
          (r.expires_at === null || r.expires_at > at),
      });
    }
  }
  return keys;
}

/** One key's requests in one hour, per outcome (dead-key outcomes left out). */
export interface KeyHourCounts {
  keyId: string;
  total: number;
  byOutcome: Map<string, number>;
}

/** Every key's requests in the rollup hour `hour` (`…T13:00:00.000Z`): the hour index. */
export async function keyCountsOfHour(db: Conn, hour: string): Promise<KeyHourCounts[]> {
  const rows = await db
    .selectFrom('usage_hourly')
    .select((eb) => ['key_id', 'outcome', eb.fn.sum<number | string>('requests').as('requests')])
    .where('hour', '=', hour)
    .where('key_id', '<>', '')
    .where('outcome', 'not in', DEAD_KEY_OUTCOMES)
    .groupBy(['key_id', 'outcome'])
    .execute();
  const counts = new Map<string, KeyHourCounts>();
  for (const r of rows) {
    let c = counts.get(r.key_id);
    if (c === undefined) {
      c = { keyId: r.key_id, total: 0, byOutcome: new Map() };
      counts.set(r.key_id, c);
    }
    const n = Number(r.requests);
    c.total += n;
    c.byOutcome.set(r.outcome, (c.byOutcome.get(r.outcome) ?? 0) + n);
  }
  return [...counts.values()];
}

/** Requests per (key, hour) for the given keys and rollup hours (the key index). */
export async function keyRequestsInHours(
  db: Conn,
  keyIds: readonly string[],
  hours: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (hours.length === 0) return out;
  for (const chunk of chunks(keyIds, 200)) {
    const rows = await db
      .selectFrom('usage_hourly')
      .select((eb) => ['key_id', 'hour', eb.fn.sum<number | string>('requests').as('requests')])
      .where('key_id', 'in', chunk)
      .where('hour', 'in', hours)
      .where('outcome', 'not in', DEAD_KEY_OUTCOMES)
      .groupBy(['key_id', 'hour'])
      .execute();
    for (const r of rows) {
      const byHour = out.get(r.key_id) ?? new Map<string, number>();
      byHour.set(r.hour, Number(r.requests));
      out.set(r.key_id, byHour);
    }
  }
  return out;
}

/** Requests per key over rollup hours [from, to) (the key index). */
export async function keyRequestsBetween(
  db: Conn,
  keyIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const chunk of chunks(keyIds, 200)) {
    const rows = await db
      .selectFrom('usage_hourly')
      .select((eb) => ['key_id', eb.fn.sum<number | string>('requests').as('requests')])
      .where('key_id', 'in', chunk)
      .where('hour', '>=', from)
      .where('hour', '<', to)
      .groupBy('key_id')
      .execute();
    for (const r of rows) out.set(r.key_id, Number(r.requests));
  }
  return out;
}

/** Requests of one key from one ip and region within a span of raw events. */
export interface ObservedSource {
  keyId: string;
  ip: string | null;
  region: string | null;
  requests: number;
  firstAt: string;
  lastAt: string;
}

/**
 * The raw events in (from, to] made with a key (dead-key outcomes left out), grouped in SQL
 * by (key, ip, region): read through the index on `at`, one row per source.
 */
export async function observedSources(db: Conn, from: Date, to: Date): Promise<ObservedSource[]> {
  const rows = await db
    .selectFrom('usage_events')
    .select((eb) => [
      'key_id',
      'ip',
      'region',
      eb.fn.countAll<number | string>().as('requests'),
      eb.fn.min('at').as('first_at'),
      eb.fn.max('at').as('last_at'),
    ])
    .where('at', '>', from.toISOString())
    .where('at', '<=', to.toISOString())
    .where('key_id', 'is not', null)
    .where('outcome', 'not in', DEAD_KEY_OUTCOMES)
    .groupBy(['key_id', 'ip', 'region'])
    .execute();
  return rows.map((r) => ({
    keyId: r.key_id as string,
    ip: r.ip,
    region: r.region,
    requests: Number(r.requests),
    firstAt: r.first_at,
    lastAt: r.last_at,
  }));
}

export type SeenKind = 'region' | 'ip_range' | 'ip';

export interface Seen {
  keyId: string;
  kind: SeenKind;
  value: string;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** Every region and ip range known for the keys, as `kind value` strings per key. */
export async function knownSources(
  db: Conn,
  keyIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const known = new Map<string, Set<string>>();
  for (const chunk of chunks(keyIds, 200)) {
    const rows = await db
      .selectFrom('monitor_seen')
      .select(['key_id', 'kind', 'value'])
      .where('key_id', 'in', chunk)
      .where('kind', 'in', ['region', 'ip_range'])
      .execute();
    for (const r of rows) {
      const set = known.get(r.key_id) ?? new Set<string>();
      set.add(`${r.kind} ${r.value}`);
      known.set(r.key_id, set);
    }
  }
  return known;
}

/**
 * Adds what was seen; a value already known keeps its first sighting and moves its last.
 * Sightings of one (key, kind, value) are merged first: PostgreSQL refuses an upsert that
 * meets the same row twice ("cannot affect row a second time").
 */
export async function rememberSeen(db: Conn, seen: readonly Seen[]): Promise<void> {
  const merged = new Map<string, Seen>();
  for (const s of seen) {
    const id = `${s.keyId} ${s.kind} ${s.value}`;
    const m = merged.get(id);
    if (m === undefined) {
      merged.set(id, { ...s });
    } else {
      if (s.firstSeenAt < m.firstSeenAt) m.firstSeenAt = s.firstSeenAt;
      if (s.lastSeenAt > m.lastSeenAt) m.lastSeenAt = s.lastSeenAt;
    }
  }
  for (const chunk of chunks([...merged.values()], 500)) {
    await db
      .insertInto('monitor_seen')
      .values(
        chunk.map((s) => ({
          key_id: s.keyId,
          kind: s.kind,
          value: s.value,
          first_seen_at: s.firstSeenAt,
          last_seen_at: s.lastSeenAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['key_id', 'kind', 'value']).doUpdateSet({
          first_seen_at: sql`case when excluded.first_seen_at < monitor_seen.first_seen_at then excluded.first_seen_at else monitor_seen.first_seen_at end`,
          last_seen_at: sql`case when excluded.last_seen_at > monitor_seen.last_seen_at then excluded.last_seen_at else monitor_seen.last_seen_at end`,
        }),
      )
      .execute();
  }
}

/** Distinct ips per key seen at or after `since`, for the keys given. */
export async function recentIpCounts(
  db: Conn,
  keyIds: readonly string[],
  since: Date,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const chunk of chunks(keyIds, 200)) {
    const rows = await db
      .selectFrom('monitor_seen')
      .select((eb) => ['key_id', eb.fn.countAll<number | string>().as('n')])
      .where('key_id', 'in', chunk)
      .where('kind', '=', 'ip')
      .where('last_seen_at', '>=', since.toISOString())
      .groupBy('key_id')
      .execute();
    for (const r of rows) counts.set(r.key_id, Number(r.n));
  }
  return counts;
}

/** Up to `limit` of the ips a key was seen from at or after `since`, most recent first. */
export async function recentIps(
  db: Conn,
  keyId: string,
  since: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('monitor_seen')
    .select('value')
    .where('key_id', '=', keyId)
    .where('kind', '=', 'ip')
    .where('last_seen_at', '>=', since.toISOString())
    .orderBy('last_seen_at', 'desc')
    .orderBy('value')
    .limit(limit)
    .execute();
  return rows.map((r) => r.value);
}

/** Forgets sightings last seen before their kind's horizon. */
export async function forgetSeen(db: Conn, before: Record<SeenKind, Date>): Promise<void> {
  for (const kind of Object.keys(before) as SeenKind[]) {
    await db
      .deleteFrom('monitor_seen')
      .where('kind', '=', kind)
      .where('last_seen_at', '<', before[kind].toISOString())
      .execute();
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
