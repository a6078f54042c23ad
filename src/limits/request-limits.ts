import type { Db } from '../db/create-db.js';
import { takeKeyUsage } from '../keys/key-repository.js';
import type { VerifiedKey } from '../keys/verified-key.js';
import { isPromise, type MaybePromise } from '../lib/maybe-promise.js';
import { adminBudget, type Plans } from './plans.js';
import type { QuotaDecision, QuotaStore } from './quota-store.js';
import type { RateDecision, RateLimiter } from './rate-limiter.js';

/** What one key may spend: null where it is not limited. */
export interface Budget {
  requestsPerMinute: number | null;
  monthlyQuota: number | null;
  usageLimit: number | null;
  maxCost: number;
  maxDepth: number;
}

/** A key's limits and how much of them is left, as the headers and Query.rateLimit show it. */
export interface LimitStatus {
  budget: Budget;
  /** null: no per-minute limit (an admin key without rateLimitPerMinute). */
  rate: RateDecision | null;
  /** null: no monthly quota (admin keys, unlimited plans). */
  quota: QuotaDecision | null;
  /** Requests left under the key's usageLimit; null without one. */
  usageRemaining: number | null;
}

export type LimitFailureCode = 'RATE_LIMITED' | 'QUOTA_EXCEEDED';
export type AdmitResult =
  | { ok: true; status: LimitStatus }
  | {
      ok: false;
      code: LimitFailureCode;
      message: string;
      /** Seconds for Retry-After; null when waiting does not help (a spent usageLimit). */
      retryAfter: number | null;
      status: LimitStatus;
    };

export interface RequestLimitsDeps {
  db: Db;
  plans: Plans;
  limiter: RateLimiter;
  quotas: QuotaStore;
}

/** The budget of a key: its project's plan, with the key's own overrides. */
export function budgetOf(key: VerifiedKey, plans: Plans): Budget {
  const own = key.key.rateLimitPerMinute;
  const usageLimit = key.key.usageLimit;
  if (key.project === null) {
    return { requestsPerMinute: own, monthlyQuota: null, usageLimit, ...adminBudget(plans) };
  }
  const plan = plans[key.project.plan];
  return {
    requestsPerMinute: own ?? plan.requestsPerMinute,
    monthlyQuota: plan.monthlyQuota,
    usageLimit,
    maxCost: plan.maxCost,
    maxDepth: plan.maxDepth,
  };
}

/**
 * The per-request limits, in the order Unkey checks them: the key's rate limit (sliding
 * minute), then its project's monthly quota, then the key's own usageLimit. A request
 * refused by a later check gives back what an earlier one counted for it, except the
 * rate limit: a refused request still arrived.
 */
export class RequestLimits {
  readonly #deps: RequestLimitsDeps;

  constructor(deps: RequestLimitsDeps) {
    this.#deps = deps;
  }

  budget(key: VerifiedKey): Budget {
    return budgetOf(key, this.#deps.plans);
  }

  /**
   * Counts one request against every limit of the key, or says which one refuses it. With
   * in-memory limits and no usageLimit the answer is there at once (no promise): the
   * request path then takes no asynchronous step for it.
   */
  admit(key: VerifiedKey, nowMs: number): MaybePromise<AdmitResult> {
    const budget = this.budget(key);
    if (budget.requestsPerMinute === null) return this.#afterRate(key, budget, null, nowMs);
    const rate = this.#deps.limiter.take(rateKeyOf(key), budget.requestsPerMinute, nowMs);
    return isPromise(rate)
      ? rate.then((r) => this.#afterRate(key, budget, r, nowMs))
      : this.#afterRate(key, budget, rate, nowMs);
  }

  #afterRate(
    key: VerifiedKey,
    budget: Budget,
    rate: RateDecision | null,
    nowMs: number,
  ): MaybePromise<AdmitResult> {
    const status: LimitStatus = { budget, rate, quota: null, usageRemaining: null };
    if (rate !== null && !rate.allowed) {
      return {
        ok: false,
        code: 'RATE_LIMITED',
        message: `rate limit exceeded: this API key may make ${rate.limit} requests per minute; retry in ${rate.resetSeconds} s`,
        retryAfter: rate.resetSeconds,
        status,
      };
    }
    const projectId = key.project?.id ?? null;
    if (projectId === null || budget.monthlyQuota === null) {
      return this.#afterQuota(key, status, nowMs);
    }
    const quota = this.#deps.quotas.take(projectId, budget.monthlyQuota, nowMs);
    const decide = (taken: QuotaDecision): MaybePromise<AdmitResult> => {
      status.quota = taken;
      if (taken.allowed) return this.#afterQuota(key, status, nowMs);
      return {
        ok: false,
        code: 'QUOTA_EXCEEDED',
        message: `monthly quota exceeded: project "${projectId}" has used all ${budget.monthlyQuota} requests of its ${key.project?.plan} plan this month; it resets on ${new Date(nowMs + taken.resetSeconds * 1000).toISOString()}`,
        retryAfter: taken.resetSeconds,
        status,
      };
    };
    return isPromise(quota) ? quota.then(decide) : decide(quota);
  }

  /** The key's own usageLimit, counted in the database (the one limit that always waits). */
  #afterQuota(key: VerifiedKey, status: LimitStatus, nowMs: number): MaybePromise<AdmitResult> {
    const { budget } = status;
    if (budget.usageLimit === null) return { ok: true, status };
    const usageLimit = budget.usageLimit;
    return takeKeyUsage(this.#deps.db, key.key.id).then((remaining): AdmitResult => {
      if (remaining !== null) {
        status.usageRemaining = remaining;
        return { ok: true, status };
      }
      const projectId = key.project?.id ?? null;
      if (projectId !== null && status.quota !== null) this.#deps.quotas.refund(projectId, nowMs);
      status.usageRemaining = 0;
      return {
        ok: false,
        code: 'QUOTA_EXCEEDED',
        message: `usage limit reached: this API key may make ${usageLimit} requests in all and has made them; raise its usageLimit or use another key`,
        retryAfter: null,
        status,
      };
    });
  }

  /** The key's limits and what is left of them, without counting anything. */
  async status(key: VerifiedKey, nowMs: number): Promise<LimitStatus> {
    const { limiter, quotas, db } = this.#deps;
    const budget = this.budget(key);
    const projectId = key.project?.id ?? null;
    return {
      budget,
      rate:
        budget.requestsPerMinute === null
          ? null
          : await limiter.peek(rateKeyOf(key), budget.requestsPerMinute, nowMs),
      quota:
        projectId === null || budget.monthlyQuota === null
          ? null
          : await quotas.peek(projectId, budget.monthlyQuota, nowMs),
      usageRemaining: budget.usageLimit === null ? null : await usageRemaining(db, key.key.id),
    };
  }
}

/** Requests left under a key's usageLimit, read from the database (null without a limit). */
export async function usageRemaining(db: Db, keyId: string): Promise<number | null> {
  const row = await db
    .selectFrom('api_keys')
    .select(['usage_limit', 'usage_count'])
    .where('id', '=', keyId)
    .executeTakeFirst();
  if (row === undefined || row.usage_limit === null) return null;
  return Math.max(0, Number(row.usage_limit) - Number(row.usage_count));
}

/** The rate limiter's counter of a key. */
function rateKeyOf(key: VerifiedKey): string {
  return `key:${key.key.id}`;
}
