import type { AnomalyRow } from '../db/database.js';
import type { Severity } from './severity.js';

export const ANOMALY_KINDS = [
  'REQUEST_SPIKE',
  'REFUSAL_SURGE',
  'NEW_REGION',
  'NEW_IP_RANGE',
  'MANY_IPS',
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** One finding of a detector about one key. */
export interface Anomaly {
  id: string;
  /** null for an admin key. */
  projectId: string | null;
  keyId: string;
  kind: AnomalyKind;
  /** The new region or ip range; '' for the other kinds. */
  subject: string;
  severity: Severity;
  /** The numbers behind the finding: window, counts, baseline, threshold… */
  evidence: Record<string, unknown>;
  detectedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedByKeyId: string | null;
  /** The finding disabled its key (the project's alert policy). */
  suspended: boolean;
}

/** What a detector reports; stored as an Anomaly unless it repeats an earlier one. */
export interface Detection {
  keyId: string;
  projectId: string | null;
  kind: AnomalyKind;
  subject: string;
  severity: Severity;
  evidence: Record<string, unknown>;
  /**
   * The start of the window it was found in: an earlier anomaly of the same (key, kind,
   * subject) detected since then at the same or a higher severity is the same finding; at a
   * lower one, this finding escalates it.
   */
  windowStart: Date;
}

export function anomalyFromRow(row: AnomalyRow): Anomaly {
  return {
    id: row.id,
    projectId: row.project_id,
    keyId: row.key_id,
    kind: row.kind as AnomalyKind,
    subject: row.subject,
    severity: row.severity as Severity,
    evidence: JSON.parse(row.evidence) as Record<string, unknown>,
    detectedAt: new Date(row.detected_at),
    acknowledgedAt: row.acknowledged_at === null ? null : new Date(row.acknowledged_at),
    acknowledgedByKeyId: row.acknowledged_by_key_id,
    suspended: row.suspended === 1,
  };
}
