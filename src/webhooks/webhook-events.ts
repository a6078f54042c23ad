import type { Scope } from '../authz/scopes.js';
import type { Db } from '../db/create-db.js';
import { newId } from '../lib/ids.js';

/** The events a webhook can subscribe to (Standard Webhooks `type`). */
export const WEBHOOK_EVENT_TYPES = [
  'key.created',
  'key.revoked',
  'key.rotated',
  'key.expiring',
  'quota.threshold',
  'anomaly.detected',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * The scope that reads what each event carries elsewhere in the API: subscribing to an event
 * needs it, and so does reading a delivery's payload (a webhook never hands a key data it
 * could not read itself). anomaly.detected holds client ips (Query.anomalies), quota.threshold
 * the project's usage.
 */
export const EVENT_DATA_SCOPES: Record<WebhookEventType, Scope> = {
  'key.created': 'keys:read',
  'key.revoked': 'keys:read',
  'key.rotated': 'keys:read',
  'key.expiring': 'keys:read',
  'quota.threshold': 'usage:read',
  'anomaly.detected': 'usage:read',
};

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

export interface WebhookEvent {
  projectId: string;
  type: WebhookEventType;
  /** The payload's `data`: ids and figures only, never a secret. */
  data: Record<string, unknown>;
  at: Date;
}

/**
 * Queues `event` in the outbox for every enabled webhook of its project subscribed to its
 * type, on `db` (pass the caller's transaction so the event commits with the change that
 * caused it). Resolves with the number of deliveries queued.
 *
 * Every webhook gets the same body and the same message id (`msg_…`, the `webhook-id`
 * header), due at `event.at`; the dispatcher sends it from there.
 */
export async function enqueueWebhookEvent(db: Db, event: WebhookEvent): Promise<number> {
  const hooks = await db
    .selectFrom('webhooks')
    .select(['id', 'events'])
    .where('project_id', '=', event.projectId)
    .where('enabled', '=', 1)
    .execute();
  const subscribed = hooks.filter((h) => (JSON.parse(h.events) as string[]).includes(event.type));
  if (subscribed.length === 0) return 0;
  const at = event.at.toISOString();
  const eventId = newId('msg', event.at);
  const payload = JSON.stringify({ type: event.type, timestamp: at, data: event.data });
  await db
    .insertInto('webhook_deliveries')
    .values(
      subscribed.map((hook) => ({
        id: newId('whd', event.at),
        webhook_id: hook.id,
        project_id: event.projectId,
        event_id: eventId,
        event_type: event.type,
        payload,
        status: 'PENDING',
        attempts: 0,
        next_attempt_at: at,
        lease_until: null,
        first_attempt_at: null,
        last_status_code: null,
        last_error: null,
        created_at: at,
        updated_at: at,
        delivered_at: null,
      })),
    )
    .execute();
  return subscribed.length;
}
