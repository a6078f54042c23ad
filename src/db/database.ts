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
