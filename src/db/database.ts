import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Times are ISO-8601 UTC strings, booleans 0/1, lists JSON text: one shape on every dialect.

export interface ProjectTable {
  id: string;
  name: string;
  plan: string;
  region: string | null;
  allowed_scopes: string;
  rotation_max_key_age_days: number | null;
  rotation_enforce: number;
  created_at: string;
  updated_at: string;
  /** Alert policy: 1 disables a key on an anomaly of alert_min_severity or above. */
  alert_auto_suspend: Generated<number>;
  /** LOW, MEDIUM, HIGH or CRITICAL. */
  alert_min_severity: Generated<string>;
}

export interface ApiKeyTable {
  id: string;
  project_id: string | null;
  name: string;
  kind: string;
  environment: string;
  digest: string;
  hint: string;
  scopes: string;
  allowed_ips: string;
  allowed_origins: string;
  rate_limit_per_minute: number | null;
  metadata: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  revocation_reason: string | null;
  grace_ends_at: string | null;
  rotated_from_id: string | null;
  replaced_by_id: string | null;
  created_by_key_id: string | null;
  last_used_at: string | null;
  usage_limit: number | null;
  usage_count: Generated<number>;
  disabled_at: string | null;
}

export interface AuditEventTable {
  id: string;
  at: string;
  actor_key_id: string | null;
  action: string;
  target_id: string | null;
  project_id: string | null;
  ip: string | null;
  details: string | null;
}

export interface ProductTable {
  id: string;
  project_id: string;
  name: string;
  price_cents: number;
  currency: string;
  created_at: string;
}

export interface CustomerTable {
  id: string;
  project_id: string;
  name: string;
  email: string | null;
  country: string | null;
  created_at: string;
}

export interface InvoiceTable {
  id: string;
  project_id: string;
  customer_id: string;
  number: string;
  amount_cents: number;
  currency: string;
  status: string;
  issued_at: string;
  due_at: string | null;
  created_at: string;
}

export interface PaymentTable {
  id: string;
  project_id: string;
  invoice_id: string;
  amount_cents: number;
  method: string | null;
  received_at: string;
}

export interface UsageEventTable {
  /** The request id (`req_…`): a retried flush inserts nothing twice. */
  id: string;
  at: string;
  project_id: string | null;
  key_id: string | null;
  operation_name: string | null;
  operation_type: string | null;
  /** JSON array of schema coordinates, e.g. ["Query.invoices", "Invoice.amountCents"]. */
  fields: string;
  outcome: string;
  http_status: number;
  duration_ms: number;
  cost: number;
  ip: string | null;
  region: string | null;
  user_agent: string | null;
}

/** Hourly requests per (project, key, outcome, region, operation); '' = none. */
export interface UsageHourlyTable {
  hour: string;
  project_id: string;
  key_id: string;
  outcome: string;
  region: string;
  operation_name: string;
  requests: number;
  cost: number;
}

/** Hourly requests per (project, outcome, region); '' = none. What an unfiltered `usage` reads. */
export interface UsageOutcomesHourlyTable {
  hour: string;
  project_id: string;
  outcome: string;
  region: string;
  requests: number;
  cost: number;
}

/**
 * A field set: the sorted coordinates one request touched, one row per coordinate. `set_id`
 * is a digest of the list, so every process names the same set the same way.
 */
export interface UsageFieldSetTable {
  set_id: string;
  coordinate: string;
}

/** Hourly requests per (project, key, region, field set); '' = none. */
export interface UsageFieldSetsHourlyTable {
  hour: string;
  project_id: string;
  key_id: string;
  region: string;
  set_id: string;
  count: number;
}

/** Daily (`day` = `YYYY-MM-DDT00:00:00.000Z`) requests per (project, region, field set). */
export interface UsageFieldSetsDailyTable {
  day: string;
  project_id: string;
  region: string;
  set_id: string;
  count: number;
}

export interface Database {
  projects: ProjectTable;
  api_keys: ApiKeyTable;
  audit_events: AuditEventTable;
  products: ProductTable;
  customers: CustomerTable;
  invoices: InvoiceTable;
  payments: PaymentTable;
  usage_events: UsageEventTable;
  usage_hourly: UsageHourlyTable;
  usage_outcomes_hourly: UsageOutcomesHourlyTable;
  usage_field_sets: UsageFieldSetTable;
  usage_field_sets_hourly: UsageFieldSetsHourlyTable;
  usage_field_sets_daily: UsageFieldSetsDailyTable;
  usage_quota_monthly: UsageQuotaMonthlyTable;
  anomalies: AnomalyTable;
  leases: LeaseTable;
  monitor_seen: MonitorSeenTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  webhook_marks: WebhookMarkTable;
}

/** A project's webhook endpoint (src/webhooks). */
export interface WebhookTable {
  /** `whk_…` */
  id: string;
  project_id: string;
  url: string;
  /** JSON array of event types, e.g. ["key.created","key.revoked"]. */
  events: string;
  enabled: number;
  /** `whsec_…`, or `enc:v1:…` when sealed with KEYGATE_WEBHOOK_ENCRYPTION_KEY. */
  secret: string;
  /** The secret before the last rotation: also signs until previous_secret_expires_at. */
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The outbox: one event to one webhook, until it is delivered or given up. */
export interface WebhookDeliveryTable {
  /** `whd_…` */
  id: string;
  webhook_id: string;
  project_id: string;
  /** `msg_…`: the `webhook-id` header, the same on every attempt. */
  event_id: string;
  event_type: string;
  /** The exact JSON body sent on every attempt. */
  payload: string;
  /** PENDING, SUCCEEDED or FAILED. */
  status: string;
  /** Attempts started (claimed). */
  attempts: Generated<number>;
  next_attempt_at: string | null;
  /** Claimed by an instance until then; a claim that outlives its instance expires. */
  lease_until: string | null;
  first_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

/** One finished attempt of a delivery (the delivery log). */
export interface WebhookAttemptTable {
  delivery_id: string;
  attempt: number;
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

/** A periodic event already queued: (type, subject, period) is unique. */
export interface WebhookMarkTable {
  type: string;
  subject: string;
  period: string;
  created_at: string;
}

/** One finding of a detector about one key (src/monitoring). */
export interface AnomalyTable {
  /** `anm_…` */
  id: string;
  /** null for an admin key (no project). */
  project_id: string | null;
  key_id: string;
  kind: string;
  /** What tells findings of one kind apart: the new region or ip range; '' for the others. */
  subject: string;
  severity: string;
  /** JSON object: the numbers behind the finding. */
  evidence: string;
  detected_at: string;
  acknowledged_at: string | null;
  acknowledged_by_key_id: string | null;
  /** 1 when the finding disabled the key (the project's alert policy). */
  suspended: Generated<number>;
}

/** A job that one instance of several runs: held by `holder` until `expires_at`. */
export interface LeaseTable {
  name: string;
  holder: string;
  expires_at: string;
  /** How far the job has read (ISO time); null before its first run. */
  checked_until: string | null;
}

/** Per key, a region, ip range or ip its requests came from (kind: region, ip_range, ip). */
export interface MonitorSeenTable {
  key_id: string;
  kind: string;
  value: string;
  first_seen_at: string;
  last_seen_at: string;
}

/** Requests counted against a project's monthly quota, per UTC month (`2026-11`). */
export interface UsageQuotaMonthlyTable {
  project_id: string;
  month: string;
  requests: number;
}

export type ProjectRow = Selectable<ProjectTable>;
export type NewProjectRow = Insertable<ProjectTable>;
export type ProjectUpdate = Updateable<ProjectTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type NewApiKeyRow = Insertable<ApiKeyTable>;
export type ApiKeyUpdate = Updateable<ApiKeyTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type ProductRow = Selectable<ProductTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type InvoiceRow = Selectable<InvoiceTable>;
export type PaymentRow = Selectable<PaymentTable>;
export type UsageEventRow = Selectable<UsageEventTable>;
export type AnomalyRow = Selectable<AnomalyTable>;
export type WebhookRow = Selectable<WebhookTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptTable>;
