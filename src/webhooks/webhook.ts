import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookRow } from '../db/database.js';
import type { WebhookEventType } from './webhook-events.js';

/** A project's endpoint for signed events. Its secret is never part of it. */
export interface Webhook {
  id: string;
  projectId: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type DeliveryStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

/** One event on its way to one webhook. */
export interface WebhookDelivery {
  id: string;
  webhookId: string;
  /** The `webhook-id` header: the same on every attempt. */
  eventId: string;
  eventType: string;
  /** The JSON body sent, parsed. */
  payload: unknown;
  status: DeliveryStatus;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** One finished attempt: an HTTP status, or the error that stopped it. */
export interface WebhookAttempt {
  attempt: number;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export function webhookFromRow(row: WebhookRow): Webhook {
  return {
    id: row.id,
    projectId: row.project_id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEventType[],
    enabled: row.enabled === 1,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function deliveryFromRow(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    payload: JSON.parse(row.payload),
    status: row.status as DeliveryStatus,
    attemptCount: Number(row.attempts),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at === null ? null : new Date(row.next_attempt_at),
    createdAt: new Date(row.created_at),
    deliveredAt: row.delivered_at === null ? null : new Date(row.delivered_at),
  };
}

export function attemptFromRow(row: WebhookAttemptRow): WebhookAttempt {
  return {
    attempt: row.attempt,
    at: new Date(row.at),
    statusCode: row.status_code,
    error: row.error,
    durationMs: row.duration_ms,
  };
}
