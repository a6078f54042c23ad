import type { Redis, Result } from 'ioredis';
import {
  monthOf,
  nextMonthStartMs,
  type QuotaDecision,
  type QuotaStore,
  quotaDecision,
} from './quota-store.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** See MONTHLY_QUOTA below: `[allowed 0|1, used]`, or `[-1, 0]` when unseeded. */
    keygateMonthlyQuota(
      key: string,
      limit: number,
      take: 0 | 1,
      ttlMs: number,
      seed: number | '',
    ): Result<[number, number], Context>;
    /** Takes one back from a monthly counter, never below 0. */
    keygateQuotaRefund(key: string): Result<number, Context>;
  }
}

/**
 * One project's count for one month. A counter that does not exist yet is created from the
 * seed when the caller passes one (set only if still absent: of several instances seeding at
 * once, the first one wins and the others count on top of it), else the script answers -1
 * and the caller looks the seed up. A take counts one only while below the limit.
 */
const MONTHLY_QUOTA = `
local limit = tonumber(ARGV[1])
local take = ARGV[2] == '1'
local used = tonumber(redis.call('GET', KEYS[1]))
if used == nil then
  if ARGV[4] == '' then return {-1, 0} end
  used = tonumber(ARGV[4])
  redis.call('SET', KEYS[1], used, 'PX', ARGV[3])
end
local allowed = used < limit
if take and allowed then used = redis.call('INCR', KEYS[1]) end
return {allowed and 1 or 0, used}
`;

const QUOTA_REFUND = `
local used = tonumber(redis.call('GET', KEYS[1]))
if used == nil or used <= 0 then return 0 end
return redis.call('DECR', KEYS[1])
`;

/** A month's counter outlives the month by this much, for requests with a lagging clock. */
const AFTER_MONTH_MS = 3 * 24 * 3600_000;

export interface RedisQuotaStoreOptions {
  redis: Redis;
  /** Prepended to every key; a counter is `${prefix}quota:${projectId}:${month}`. */
  prefix: string;
  /** The requests the database already holds for the project in `month` (`2026-11`). */
  seed: (projectId: string, month: string) => Promise<number>;
}

/**
 * MemoryQuotaStore's monthly counters in Redis, shared by every instance. Each month's
 * counter is seeded once from the database (the first instance to seed wins), then every
 * counted request of the project passes through it, so nothing is counted twice. A failing
 * Redis rejects `take` and `peek`; falling back is the caller's decision (see
 * shared-limits.ts).
 */
export class RedisQuotaStore implements QuotaStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #seed: (projectId: string, month: string) => Promise<number>;
  /** Seed lookups in flight, by counter key: concurrent first requests share one. */
  readonly #seeding = new Map<string, Promise<number>>();

  constructor({ redis, prefix, seed }: RedisQuotaStoreOptions) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#seed = seed;
    redis.defineCommand('keygateMonthlyQuota', { numberOfKeys: 1, lua: MONTHLY_QUOTA });
    redis.defineCommand('keygateQuotaRefund', { numberOfKeys: 1, lua: QUOTA_REFUND });
  }

  take(projectId: string, limit: number, nowMs: number): Promise<QuotaDecision> {
    return this.#run(projectId, limit, nowMs, 1);
  }

  /** Fire and forget: a refund lost to a failing Redis leaves one request counted too many. */
  refund(projectId: string, nowMs: number): void {
    this.#redis.keygateQuotaRefund(this.#key(projectId, monthOf(nowMs))).catch(() => {});
  }

  peek(projectId: string, limit: number, nowMs: number): Promise<QuotaDecision> {
    return this.#run(projectId, limit, nowMs, 0);
  }

  async #run(projectId: string, limit: number, nowMs: number, take: 0 | 1) {
    const month = monthOf(nowMs);
    const key = this.#key(projectId, month);
    const ttlMs = nextMonthStartMs(nowMs) - nowMs + AFTER_MONTH_MS;
    let [allowed, used] = await this.#redis.keygateMonthlyQuota(key, limit, take, ttlMs, '');
    if (allowed === -1) {
      const seed = await this.#seedOnce(key, projectId, month);
      [allowed, used] = await this.#redis.keygateMonthlyQuota(key, limit, take, ttlMs, seed);
    }
    return quotaDecision(used, limit, allowed === 1, nowMs);
  }

  #key(projectId: string, month: string): string {
    return `${this.#prefix}quota:${projectId}:${month}`;
  }

  #seedOnce(key: string, projectId: string, month: string): Promise<number> {
    let seeding = this.#seeding.get(key);
    if (seeding === undefined) {
      seeding = this.#seed(projectId, month).finally(() => this.#seeding.delete(key));
      this.#seeding.set(key, seeding);
    }
    return seeding;
  }
}
