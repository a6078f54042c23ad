import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isScope, SCOPES, type Scope } from '../authz/scopes.js';

export type PlanName = 'FREE' | 'PRO' | 'ENTERPRISE';
export const PLAN_NAMES: readonly PlanName[] = ['FREE', 'PRO', 'ENTERPRISE'];

/** What a project's plan allows its keys. */
export interface Plan {
  name: PlanName;
  /** Requests per key per minute (sliding window); a key's rateLimitPerMinute overrides it. */
  requestsPerMinute: number;
  /** Requests per project per calendar month (UTC); null = unlimited. */
  monthlyQuota: number | null;
  /** Highest cost one operation may have (see limits/query-cost.ts). */
  maxCost: number;
  /** Deepest selection one operation may have. */
  maxDepth: number;
  /** Premium scopes a key of a project on this plan may use. */
  premiumScopes: readonly Scope[];
}

export type Plans = Readonly<Record<PlanName, Plan>>;

export const DEFAULT_PLANS: Plans = {
  FREE: {
    name: 'FREE',
    requestsPerMinute: 60,
    monthlyQuota: 10_000,
    maxCost: 500,
    maxDepth: 8,
    premiumScopes: [],
  },
  PRO: {
    name: 'PRO',
    requestsPerMinute: 600,
    monthlyQuota: 1_000_000,
    maxCost: 5_000,
    maxDepth: 12,
    premiumScopes: ['reports:read'],
  },
  ENTERPRISE: {
    name: 'ENTERPRISE',
    requestsPerMinute: 6_000,
    monthlyQuota: null,
    maxCost: 50_000,
    maxDepth: 20,
    premiumScopes: ['reports:read'],
  },
};

/**
 * The budget of admin keys, which belong to no project and no plan: no rate limit or quota
 * (unless the key's own rateLimitPerMinute is set), and the largest plan's cost and depth.
 */
export function adminBudget(plans: Plans): { maxCost: number; maxDepth: number } {
  const all = Object.values(plans);
  return {
    maxCost: Math.max(...all.map((p) => p.maxCost)),
    maxDepth: Math.max(...all.map((p) => p.maxDepth)),
  };
}

export function isPlanName(value: string): value is PlanName {
  return (PLAN_NAMES as readonly string[]).includes(value);
}

const positive = z.number().int().min(1).max(1_000_000_000);
const PlanOverride = z.strictObject({
  requestsPerMinute: positive.max(1_000_000).optional(),
  monthlyQuota: positive.nullable().optional(),
  maxCost: positive.optional(),
  maxDepth: z.number().int().min(1).max(100).optional(),
  premiumScopes: z
    .array(
      z.string().refine((s) => isScope(s) && SCOPES[s].premium, {
        message: 'must be a premium scope (Query.scopes lists them with premium: true)',
      }),
    )
    .optional(),
});
const PlansFile = z.strictObject({
  FREE: PlanOverride.optional(),
  PRO: PlanOverride.optional(),
  ENTERPRISE: PlanOverride.optional(),
});

export class PlansFileError extends Error {}

/**
 * The default plans with the overrides of a JSON file, e.g.
 * `{ "FREE": { "requestsPerMinute": 120 }, "ENTERPRISE": { "monthlyQuota": null } }`.
 * Plan names are the public `Plan` enum, so a file can change plans but not add one.
 * Throws a PlansFileError naming the bad entry (`PRO.maxCost: …`).
 */
export function loadPlans(path: string | null): Plans {
  if (path === null) return DEFAULT_PLANS;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PlansFileError(
      `KEYGATE_PLANS_FILE: cannot read ${path}: ${(error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PlansFileError(
      `KEYGATE_PLANS_FILE: ${path} is not JSON: ${(error as Error).message}`,
    );
  }
  const parsed = PlansFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const where = i.path.join('.');
      const keys = i.code === 'unrecognized_keys' ? ` (${i.keys.join(', ')})` : '';
      return `${where === '' ? '(top level)' : where}: ${i.message}${keys}`;
    });
    throw new PlansFileError(`KEYGATE_PLANS_FILE ${path}:\n  ${problems.join('\n  ')}`);
  }
  const plans = { ...DEFAULT_PLANS };
  for (const name of PLAN_NAMES) {
    const override = parsed.data[name];
    if (override === undefined) continue;
    const { premiumScopes, ...numbers } = override;
    plans[name] = {
      ...DEFAULT_PLANS[name],
      ...numbers,
      premiumScopes: (premiumScopes as Scope[] | undefined) ?? DEFAULT_PLANS[name].premiumScopes,
    };
  }
  return Object.freeze(plans);
}
