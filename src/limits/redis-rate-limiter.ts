import type { Redis, Result } from 'ioredis';
import type { RateDecision, RateLimiter } from './rate-limiter.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** See SLIDING_WINDOW below: `[allowed 0|1, total, oldest second]`, or `[-1, 0, 0]`. */
    keygateSlidingWindow(
      key: string,
      nowSecond: number,
      nowMs: number,
      windowSeconds: number,
      limit: number,
      take: 0 | 1,
    ): Result<[number, number, number], Context>;
  }
}

/**
 * SlidingWindowLimiter's window in one hash per key: field = epoch second, value = requests
 * admitted in it, and `last` = the latest second the window was advanced to (a clock that
 * stepped back counts into that second, as in memory). Seconds that left the window are
 * dropped, the rest summed, and on a take below the limit the current second is counted.
 * Returns the admission, the total after it and the oldest second still counted, so that the
 * caller computes the decision with the same arithmetic as the in-memory limiter; a peek of a
 * key without a window returns -1 and creates nothing. The expiry outlives the newest
 * counted second by a second.
 */
const SLIDING_WINDOW = `
local nowSecond = tonumber(ARGV[1])
local nowMs = tonumber(ARGV[2])
local windowSeconds = tonumber(ARGV[3])
local limit = tonumber(ARGV[4])
local take = ARGV[5] == '1'
local last = tonumber(redis.call('HGET', KEYS[1], 'last'))
if last == nil then
  if not take then return {-1, 0, 0} end
  last = nowSecond
end
local second = math.max(nowSecond, last)
local fields = redis.call('HGETALL', KEYS[1])
local total, oldest, stale = 0, nil, {}
for i = 1, #fields, 2 do
  if fields[i] ~= 'last' then
    local s = tonumber(fields[i])
    if s <= second - windowSeconds then
      stale[#stale + 1] = fields[i]
    else
      total = total + tonumber(fields[i + 1])
      if oldest == nil or s < oldest then oldest = s end
    end
  end
end
if #stale > 0 then redis.call('HDEL', KEYS[1], unpack(stale)) end
local allowed = total < limit
if take and allowed then
  redis.call('HINCRBY', KEYS[1], string.format('%d', second), 1)
  total = total + 1
  if oldest == nil then oldest = second end
end
redis.call('HSET', KEYS[1], 'last', string.format('%d', second))
if take then
  redis.call('PEXPIRE', KEYS[1], (second + windowSeconds + 1) * 1000 - nowMs)
end
return {allowed and 1 or 0, total, oldest or 0}
`;

export interface RedisRateLimiterOptions {
  redis: Redis;
  /** Prepended to every key, e.g. `keygate:`; the window of `key` is `${prefix}rl:${key}`. */
  prefix: string;
  /** @default 60 */
  windowSeconds?: number;
}

/**
 * SlidingWindowLimiter's counters in Redis, shared by every instance: the same window, the
 * same answers for the same `nowMs` sequence, atomic per key (one Lua script per call).
 * Time still comes from the caller, never from Redis. A failing Redis rejects; falling back
 * is the caller's decision (see shared-limits.ts).
 */
export class RedisRateLimiter implements RateLimiter {
  readonly windowSeconds: number;
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor({ redis, prefix, windowSeconds = 60 }: RedisRateLimiterOptions) {
    this.windowSeconds = windowSeconds;
    this.#redis = redis;
    this.#prefix = prefix;
    redis.defineCommand('keygateSlidingWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW });
  }

  take(key: string, limit: number, nowMs: number): Promise<RateDecision> {
    return this.#run(key, limit, nowMs, 1);
  }

  peek(key: string, limit: number, nowMs: number): Promise<RateDecision> {
    return this.#run(key, limit, nowMs, 0);
  }

  async #run(key: string, limit: number, nowMs: number, take: 0 | 1): Promise<RateDecision> {
    const nowSecond = Math.floor(nowMs / 1000);
    const [allowed, total, oldest] = await this.#redis.keygateSlidingWindow(
      `${this.#prefix}rl:${key}`,
      nowSecond,
      nowMs,
      this.windowSeconds,
      limit,
      take,
    );
    if (allowed === -1) return { allowed: true, limit, remaining: limit, resetSeconds: 0 };
    // The arithmetic of SlidingWindowLimiter's decision, on the oldest second still counted.
    const resetSeconds =
      total > 0 ? Math.max(1, Math.ceil(((oldest + this.windowSeconds) * 1000 - nowMs) / 1000)) : 0;
    return {
      allowed: allowed === 1,
      limit,
      remaining: Math.max(0, limit - total),
      resetSeconds: allowed === 1 ? resetSeconds : Math.max(1, resetSeconds),
    };
  }
}
