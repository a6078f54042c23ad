export const OUTCOMES = [
  'OK',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'KEY_REVOKED',
  'KEY_EXPIRED',
  'KEY_DISABLED',
  'ORIGIN_NOT_ALLOWED',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'COST_LIMIT_EXCEEDED',
  'ERROR',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes counted as `denied` in usage series: the request was refused, not failed. */
export const DENIED_OUTCOMES: ReadonlySet<Outcome> = new Set(
  OUTCOMES.filter((o) => o !== 'OK' && o !== 'ERROR'),
);

export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

/** One metered request. Never holds a key's secret: only ids. */
export interface UsageEvent {
  /** The request id, `req_…`; also the event's primary key, so a retried write is a no-op. */
  id: string;
  at: Date;
  projectId: string | null;
  keyId: string | null;
  operationName: string | null;
  operationType: string | null;
  /** Schema coordinates the operation selected, e.g. `Invoice.amountCents`; no introspection. */
  fields: readonly string[];
  outcome: Outcome;
  httpStatus: number;
  durationMs: number;
  cost: number;
  ip: string | null;
  region: string | null;
  userAgent: string | null;
  /** Counted against the project's monthly quota (admitted past the rate limit). */
  billable?: boolean;
}
