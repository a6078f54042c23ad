import type { Db } from '../db/create-db.js';
import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookRow } from '../db/database.js';

export function findWebhookById(db: Db, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Webhooks newest first; `projectId` undefined = every project. */
export function listWebhooks(
  db: Db,
  q: { projectId?: string; beforeId?: string; limit: number },
): Promise<WebhookRow[]> {
  let query = db.selectFrom('webhooks').selectAll();
  if (q.projectId !== undefined) query = query.where('project_id', '=', q.projectId);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

export async function countWebhooks(db: Db, projectId: string): Promise<number> {
  const row = await db
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertWebhook(db: Db, row: WebhookRow): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export async function updateWebhookRow(
  db: Db,
  id: string,
  patch: Partial<Omit<WebhookRow, 'id' | 'project_id'>>,
): Promise<void> {
  await db.updateTable('webhooks').set(patch).where('id', '=', id).execute();
}

/** Deletes a webhook with its deliveries and their attempts. */
export async function deleteWebhookRow(db: Db, id: string): Promise<void> {
  await db
    .deleteFrom('webhook_attempts')
    .where('delivery_id', 'in', (eb) =>
      eb.selectFrom('webhook_deliveries').select('id').where('webhook_id', '=', id),
    )
    .execute();
  await db.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}

/** A webhook's deliveries newest first. */
export function listDeliveries(
  db: Db,
  q: { webhookId: string; status?: string; beforeId?: string; limit: number },
): Promise<WebhookDeliveryRow[]> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', q.webhookId);
  if (q.status !== undefined) query = query.where('status', '=', q.status);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

/** Attempts of each delivery, in attempt order. */
export async function attemptsOf(
  db: Db,
  deliveryIds: readonly string[],
): Promise<Map<string, WebhookAttemptRow[]>> {
  const out = new Map<string, WebhookAttemptRow[]>(deliveryIds.map((id) => [id, []]));
  if (deliveryIds.length === 0) return out;
  const rows = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', 'in', [...deliveryIds])
    .orderBy('delivery_id')
    .orderBy('attempt')
    .execute();
  for (const row of rows) out.get(row.delivery_id)?.push(row);
  return out;
}

/** A delivery due to be sent, with what sending it needs from its webhook. */
export interface DueDelivery {
  id: string;
  webhook_id: string;
  event_id: string;
  payload: string;
  attempts: number;
  first_attempt_at: string | null;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
}

/**
 * Pending deliveries of enabled webhooks whose time has come and that no instance holds
 * (no lease, or one that expired), oldest due first; none of the webhooks in `skip`.
 * Deliveries of a disabled webhook have no next_attempt_at (parkDeliveries): the due index
 * never holds them.
 */
export async function findDueDeliveries(
  db: Db,
  now: Date,
  limit: number,
  skip: readonly string[] = [],
): Promise<DueDelivery[]> {
  const at = now.toISOString();
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .select([
      'd.id',
      'd.webhook_id',
      'd.event_id',
      'd.payload',
      'd.attempts',
      'd.first_attempt_at',
      'w.url',
      'w.secret',
      'w.previous_secret',
      'w.previous_secret_expires_at',
    ])
    .where('d.status', '=', 'PENDING')
    .where('d.next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', at)]))
    .where('w.enabled', '=', 1)
    .$if(skip.length > 0, (q) => q.where('d.webhook_id', 'not in', [...skip]))
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

/**
 * Claims the next attempt of a delivery for `until`: a conditional update that succeeds for
 * one caller only, on any instance, since it requires the attempt count it saw and no live
 * lease. True when this caller got it.
 */
export async function claimDelivery(
  db: Db,
  d: { id: string; attempts: number },
  now: Date,
  until: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      lease_until: until.toISOString(),
      attempts: d.attempts + 1,
      first_attempt_at: eb.fn.coalesce('first_attempt_at', eb.val(at)),
      updated_at: at,
    }))
    .where('id', '=', d.id)
    .where('status', '=', 'PENDING')
    .where('attempts', '=', d.attempts)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records attempt `attempt` of a delivery and its new state, in one transaction. The state
 * changes only while the delivery is still at that attempt (no later claim took it over).
 */
export async function recordAttempt(
  db: Db,
  a: {
    deliveryId: string;
    attempt: number;
    at: Date;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
    status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
    nextAttemptAt: Date | null;
  },
): Promise<void> {
  const at = a.at.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_attempts')
      .values({
        delivery_id: a.deliveryId,
        attempt: a.attempt,
        at,
        status_code: a.statusCode,
        error: a.error,
        duration_ms: a.durationMs,
      })
      .execute();
    await trx
      .updateTable('webhook_deliveries')
      .set({
        status: a.status,
        next_attempt_at: a.nextAttemptAt?.toISOString() ?? null,
        lease_until: null,
        last_status_code: a.statusCode,
        last_error: a.error,
        updated_at: at,
        ...(a.status === 'SUCCEEDED' ? { delivered_at: at } : {}),
      })
      .where('id', '=', a.deliveryId)
      .where('attempts', '=', a.attempt)
      .execute();
  });
}

/**
 * Writes `(type, subject, period)` unless it is there already; true when this call wrote it.
 * Used in the transaction that queues the event, so that it is queued once however many
 * instances run the same check.
 */
export async function markOnce(
  db: Db,
  mark: { type: string; subject: string; period: string; at: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('webhook_marks')
    .values({
      type: mark.type,
      subject: mark.subject,
      period: mark.period,
      created_at: mark.at.toISOString(),
    })
    .onConflict((oc) => oc.columns(['type', 'subject', 'period']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * A webhook's pending deliveries leave the due index while it is disabled (no
 * next_attempt_at), and are due at `now` when it is enabled again. An attempt in flight
 * when it is disabled records its next time as usual; the due lookup skips it.
 */
export async function parkDeliveries(
  db: Db,
  webhookId: string,
  enabled: boolean,
  now: Date,
): Promise<void> {
  const query = db
    .updateTable('webhook_deliveries')
    .where('webhook_id', '=', webhookId)
    .where('status', '=', 'PENDING');
  if (enabled) {
    await query
      .set({ next_attempt_at: now.toISOString() })
      .where('next_attempt_at', 'is', null)
      .execute();
  } else {
    await query.set({ next_attempt_at: null }).execute();
  }
}

/** Deliveries deleted per transaction by pruneDeliveries. */
export const PRUNE_BATCH = 500;
/** Batches one pruneDeliveries deletes at most; the rest waits for the next run. */
const PRUNE_MAX_BATCHES = 20;

/**
 * Deletes deliveries (and their attempts) created before `before`, oldest first, in batches
 * of PRUNE_BATCH, each in its own short transaction: a range of the created_at index, never
 * a scan. Pending ones go too (only a webhook disabled since then still holds any).
 * Resolves with the number deleted.
 */
export async function pruneDeliveries(db: Db, before: Date): Promise<number> {
  const at = before.toISOString();
  let deleted = 0;
  for (let batch = 0; batch < PRUNE_MAX_BATCHES; batch++) {
    const ids = (
      await db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('created_at', '<', at)
        .orderBy('created_at')
        .limit(PRUNE_BATCH)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) break;
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', ids).execute();
      await trx.deleteFrom('webhook_deliveries').where('id', 'in', ids).execute();
    });
    deleted += ids.length;
    if (ids.length < PRUNE_BATCH) break;
  }
  return deleted;
}
