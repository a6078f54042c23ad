import type { Scope } from '../authz/scopes.js';

export type PlanName = 'FREE' | 'PRO' | 'ENTERPRISE';
export const PLAN_NAMES: readonly PlanName[] = ['FREE', 'PRO', 'ENTERPRISE'];

export interface Plan {
  name: PlanName;
  /** Premium scopes a key of a project on this plan may use. */
  premiumScopes: readonly Scope[];
}

export const DEFAULT_PLANS: Readonly<Record<PlanName, Plan>> = {
  FREE: { name: 'FREE', premiumScopes: [] },
  PRO: { name: 'PRO', premiumScopes: ['reports:read'] },
  ENTERPRISE: { name: 'ENTERPRISE', premiumScopes: ['reports:read'] },
};

export function isPlanName(value: string): value is PlanName {
  return (PLAN_NAMES as readonly string[]).includes(value);
}
