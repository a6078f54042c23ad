import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { UsageEvent } from './usage-event.js';

type Conn = Kysely<Database>;

/** Rows per multi-row INSERT: 14 columns × 500 stays far below SQLite's variable limit. */
const CHUNK = 500;

/** `2026-11-28T13:00:00.000Z` for any time within that hour. */
export function hourOf(at: Date): string {
  return `${at.toISOString().slice(0, 13)}:00:00.000Z`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes one batch in one transaction: the raw events (multi-row inserts), the hourly
 * rollups for the events that were new, and each key's lastUsedAt. Events already stored
 * (same request id, from a retried flush) are skipped and not counted again.
 */
export async function writeUsageBatch(db: Conn, events: readonly UsageEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const inserted = new Set<string>();
    for (const chunk of chunks(events, CHUNK)) {
      const rows = await trx
        .insertInto('usage_events')
        .values(
          chunk.map((e) => ({
            id: e.id,
            at: e.at.toISOString(),
            project_id: e.projectId,
            key_id: e.keyId,
            operation_name: e.operationName,
            operation_type: e.operationType,
            fields: JSON.stringify(e.fields),
            outcome: e.outcome,
            http_status: e.httpStatus,
            duration_ms: e.durationMs,
            cost: e.cost,
            ip: e.ip,
            region: e.region,
            user_agent: e.userAgent,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      for (const row of rows) inserted.add(row.id);
    }
    const fresh = events.filter((e) => inserted.has(e.id));
    await upsertRollups(trx, fresh);
    await touchKeys(trx, fresh);
    return fresh.length;
  });
}

async function upsertRollups(db: Conn, events: readonly UsageEvent[]): Promise<void> {
  const requests = new Map<string, Database['usage_hourly']>();
  const fields = new Map<string, Database['usage_fields_hourly']>();
  for (const e of events) {
    const hour = hourOf(e.at);
    const project = e.projectId ?? '';
    const key = e.keyId ?? '';
    const region = e.region ?? '';
    const operation = e.operationName ?? '';
    const id = [hour, project, key, e.outcome, region, operation].join('\u0000');
    const row = requests.get(id);
    if (row) {
      row.requests += 1;
      row.cost += e.cost;
    } else {
      requests.set(id, {
        hour,
        project_id: project,
        key_id: key,
        outcome: e.outcome,
        region,
        operation_name: operation,
        requests: 1,
        cost: e.cost,
      });
    }
    for (const coordinate of e.fields) {
      const fid = [hour, project, key, region, coordinate].join('\u0000');
      const f = fields.get(fid);
      if (f) f.count += 1;
      else
        fields.set(fid, { hour, project_id: project, key_id: key, region, coordinate, count: 1 });
    }
  }
  for (const chunk of chunks([...requests.values()], CHUNK)) {
    await db
      .insertInto('usage_hourly')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['project_id', 'hour', 'key_id', 'outcome', 'region', 'operation_name'])
          .doUpdateSet((eb) => ({
            requests: eb('usage_hourly.requests', '+', eb.ref('excluded.requests')),
            cost: eb('usage_hourly.cost', '+', eb.ref('excluded.cost')),
          })),
      )
      .execute();
  }
  for (const chunk of chunks([...fields.values()], CHUNK)) {
    await db
      .insertInto('usage_fields_hourly')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['project_id', 'hour', 'key_id', 'region', 'coordinate']).doUpdateSet((eb) => ({
          count: eb('usage_fields_hourly.count', '+', eb.ref('excluded.count')),
        })),
      )
      .execute();
  }
}

/** Outcomes of requests the key itself was refused for: they do not count as a use. */
const KEY_REFUSED: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'KEY_REVOKED', 'KEY_EXPIRED']);

/**
 * One UPDATE per key per batch: lastUsedAt is coalesced, never a write per request. A
 * refused attempt with a revoked or expired key is metered but is not a use of the key.
 */
async function touchKeys(db: Conn, events: readonly UsageEvent[]): Promise<void> {
  const latest = new Map<string, string>();
  for (const e of events) {
    if (e.keyId === null || KEY_REFUSED.has(e.outcome)) continue;
    const at = e.at.toISOString();
    const seen = latest.get(e.keyId);
    if (seen === undefined || seen < at) latest.set(e.keyId, at);
  }
  for (const [keyId, at] of latest) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: at })
      .where('id', '=', keyId)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
      .execute();
  }
}

/** Deletes raw events older than `before`; rollups are kept. Returns how many went. */
export async function pruneUsageEvents(db: Conn, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('usage_events')
    .where('at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
