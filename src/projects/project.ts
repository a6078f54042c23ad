import type { Scope } from '../authz/scopes.js';
import type { ProjectRow } from '../db/database.js';
import type { PlanName } from '../limits/plans.js';
import type { Severity } from '../monitoring/severity.js';

export interface RotationPolicy {
  maxKeyAgeDays: number;
  enforce: boolean;
}

/** What an anomaly of this project's keys does: autoSuspend disables the key from minSeverity up. */
export interface AlertPolicy {
  autoSuspend: boolean;
  minSeverity: Severity;
}

export const DEFAULT_ALERT_POLICY: Readonly<AlertPolicy> = Object.freeze({
  autoSuspend: false,
  minSeverity: 'HIGH',
});

export interface Project {
  id: string;
  name: string;
  plan: PlanName;
  region: string | null;
  allowedScopes: Scope[];
  rotationPolicy: RotationPolicy | null;
  alertPolicy: AlertPolicy;
  createdAt: Date;
  updatedAt: Date;
}

export function projectFromRow(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    plan: row.plan as PlanName,
    region: row.region,
    allowedScopes: JSON.parse(row.allowed_scopes) as Scope[],
    rotationPolicy:
      row.rotation_max_key_age_days === null
        ? null
        : { maxKeyAgeDays: row.rotation_max_key_age_days, enforce: row.rotation_enforce === 1 },
    alertPolicy: {
      autoSuspend: row.alert_auto_suspend === 1,
      minSeverity: row.alert_min_severity as Severity,
    },
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
