import type { Scope } from '../authz/scopes.js';
import type { ProjectRow } from '../db/database.js';
import type { PlanName } from '../limits/plans.js';

export interface RotationPolicy {
  maxKeyAgeDays: number;
  enforce: boolean;
}

export interface Project {
  id: string;
  name: string;
  plan: PlanName;
  region: string | null;
  allowedScopes: Scope[];
  rotationPolicy: RotationPolicy | null;
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
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
