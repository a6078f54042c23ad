import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { MaybePromise } from '../lib/maybe-promise.js';
import {
  MonthlyCounters,
  monthOf,
  type QuotaDecision,
  type QuotaStore,
  quotaDecision,
} from './quota-store.js';
import type { RateDecision, RateLimiter } from './rate-limiter.js';
import { RedisQuotaStore } from './redis-quota-store.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';
import { SlidingWindowLimiter } from './sliding-window-limiter.js';

export type SharedLimitsState = 'shared' | 'local';

export interface SharedLimitsOptions {
  /** A client from createRedis: no offline queue, short command timeout, reconnecting. */
  redis: Redis;
  /** Prepended to every Redis key, e.g. `keygate:`. */
  prefix: string;
  /** How many instances share the limits: each one's share while Redis is away. */
  instances: number;
  /** The requests the database already holds for the project in `month` (`2026-11`). */
  seed: (projectId: string, month: string) => Promise<number>;
  logger: Logger;
  /** For the length of an outage in the log. @default systemClock */
  clock?: Clock;
  /** @default 60 */
  windowSeconds?: number;
  /**
   * While local on a connection that still looks ready (a command timed out or failed
   * without the connection dropping), Redis is pinged this often to notice it is back.
   * @default 1_000
   */
  probeIntervalMs?: number;
}

export interface SharedLimits {
  limiter: RateLimiter;
  quotas: QuotaStore;
  /** 'shared' while the counters live in Redis; 'local' while this instance counts alone. */
  readonly state: SharedLimitsState;
  /** Stops following the client and probing it; the client itself is the caller's to quit. */
  close(): void;
}

/**
 * Rate limits and quotas counted in Redis, shared by `instances` instances, falling back to
 * per-instance counters while Redis is away: no request fails because Redis does. The first failing call (or the client reporting a lost connection) switches
 * to local counting at once, with one warning per outage; while local, Redis is not tried at
 * all, so a hanging Redis costs one command timeout, not one per request. Local counting ends
 * by itself when the client is ready again (it reconnects in the background).
 *
 * Locally, each instance admits its share: a key `floor(limit / instances)` requests per
 * window (at least 1), a project `floor((limit - used) / instances)` more requests this month,
 * `used` being what the database holds at the start of the outage. What an instance counts
 * locally is never written to Redis afterwards, and a take Redis answered is never counted
 * locally: no request is counted twice. (A command that timed out may have run in Redis all
 * the same; that request is then counted in both.)
 */
export function createSharedLimits({
  redis,
  prefix,
  instances,
  seed,
  logger,
  clock = systemClock,
  windowSeconds = 60,
  probeIntervalMs = 1_000,
}: SharedLimitsOptions): SharedLimits {
  if (!Number.isInteger(instances) || instances < 1) {
    throw new RangeError(`instances must be a whole number of at least 1, not ${instances}`);
  }
  // A failing seed is the database failing, not Redis: no reason to count locally.
  const seedErrors = new WeakSet<object>();
  const sharedSeed = (projectId: string, month: string) =>
    seed(projectId, month).catch((err: unknown) => {
      if (typeof err === 'object' && err !== null) seedErrors.add(err);
      throw err;
    });
  const shared = {
    limiter: new RedisRateLimiter({ redis, prefix, windowSeconds }),
    quotas: new RedisQuotaStore({ redis, prefix, seed: sharedSeed }),
  };
  const newLocal = () => ({
    limiter: new SlidingWindowLimiter({ windowSeconds }),
    quotas: new ShareQuotaStore(seed, instances),
  });
  let local = newLocal();
  // A client still connecting at start counts locally, but only says so once it fails.
  let state: SharedLimitsState = redis.status === 'ready' ? 'shared' : 'local';
  /** When the current outage was announced; null while none is. */
  let downSince: Date | null = null;
  let probe: NodeJS.Timeout | null = null;
  let probeFailures = 0;
  /** When local counting last ended (ms, `clock`). */
  let recoveredAt = Number.NEGATIVE_INFINITY;

  const fail = (reason: unknown): void => {
    if (state === 'shared') {
      state = 'local';
      // Each outage counts from zero (the database holds what was counted before it) —
      // unless the last one ended within a window: a Redis that flaps must not hand every
      // key a fresh local share each time.
      if (clock.now().getTime() - recoveredAt >= windowSeconds * 1000) local = newLocal();
    }
    startProbe();
    if (downSince !== null) return;
    downSince = clock.now();
    logger.warn({
      msg: `redis is unavailable: rate limits and quotas are now counted per instance (limit ÷ ${instances}) until redis returns`,
      instances,
      err: reason instanceof Error ? reason.message : String(reason),
    });
  };

  const recover = (): void => {
    stopProbe();
    if (state === 'shared') return;
    state = 'shared';
    recoveredAt = clock.now().getTime();
    if (downSince === null) return;
    const seconds = Math.round((clock.now().getTime() - downSince.getTime()) / 1000);
    downSince = null;
    logger.info({
      msg: `redis is back: rate limits and quotas are shared across instances again after ${seconds} s`,
      instances,
    });
  };

  const startProbe = (): void => {
    if (probe !== null) return;
    probe = setInterval(() => {
      // A dropped connection announces its return with 'ready'; only a connection that stayed
      // up through a failed command needs asking.
      if (redis.status !== 'ready') return;
      redis.ping().then(
        () => {
          probeFailures = 0;
          recover();
        },
        () => {
          // A connection that stays 'ready' but never answers (died without a reset) is
          // only replaced by a reconnect.
          if (++probeFailures >= 3) {
            probeFailures = 0;
            redis.disconnect(true);
          }
        },
      );
    }, probeIntervalMs);
    probe.unref();
  };

  const stopProbe = (): void => {
    if (probe !== null) clearInterval(probe);
    probe = null;
  };

  const onError = (err: unknown): void => fail(err);
  const onLost = (): void => fail(new Error('connection to redis lost'));
  // 'end': the client was closed for good (on purpose: createRedis never stops reconnecting).
  const onEnd = (): void => {
    state = 'local';
  };
  redis.on('ready', recover);
  redis.on('error', onError);
  redis.on('reconnecting', onLost);
  redis.on('end', onEnd);

  /** Answers from Redis while shared; from this instance's counters when Redis fails. */
  const route = async <T>(inRedis: () => MaybePromise<T>, locally: () => MaybePromise<T>) => {
    if (state === 'shared') {
      try {
        return await inRedis();
      } catch (err) {
        if (typeof err === 'object' && err !== null && seedErrors.has(err)) throw err;
        fail(err);
      }
    }
    return locally();
  };
  const share = (limit: number): number => Math.max(1, Math.floor(limit / instances));

  const limiter: RateLimiter = {
    windowSeconds,
    take: (key, limit, nowMs): Promise<RateDecision> =>
      route(
        () => shared.limiter.take(key, limit, nowMs),
        () => local.limiter.take(key, share(limit), nowMs),
      ),
    peek: (key, limit, nowMs): Promise<RateDecision> =>
      route(
        () => shared.limiter.peek(key, limit, nowMs),
        () => local.limiter.peek(key, share(limit), nowMs),
      ),
  };
  const quotas: QuotaStore = {
    take: (projectId, limit, nowMs) =>
      route(
        () => shared.quotas.take(projectId, limit, nowMs),
        () => local.quotas.take(projectId, limit, nowMs),
      ),
    refund: (projectId, nowMs) => {
      if (state === 'shared') shared.quotas.refund(projectId, nowMs);
      else local.quotas.refund(projectId, nowMs);
    },
    peek: (projectId, limit, nowMs) =>
      route(
        () => shared.quotas.peek(projectId, limit, nowMs),
        () => local.quotas.peek(projectId, limit, nowMs),
      ),
  };

  return {
    limiter,
    quotas,
    get state() {
      return state;
    },
    close() {
      stopProbe();
      redis.off('ready', recover);
      redis.off('error', onError);
      redis.off('reconnecting', onLost);
      redis.off('end', onEnd);
    },
  };
}

interface ShareCounter {
  month: string;
  /** What the database held for the month when this instance started counting alone. */
  seeded: number;
  /** Taken here since. */
  taken: number;
}

/**
 * One instance's share of the monthly quotas while Redis is away: seeded like
 * MemoryQuotaStore, it admits `floor((limit - seeded) / instances)` requests on top of the
 * seed. `used` is the seed plus this instance's requests; `remaining` what this instance
 * still admits.
 */
class ShareQuotaStore implements QuotaStore {
  readonly #instances: number;
  readonly #counters: MonthlyCounters<ShareCounter>;

  constructor(seed: (projectId: string, month: string) => Promise<number>, instances: number) {
    this.#instances = instances;
    this.#counters = new MonthlyCounters(seed, (month, seeded) => ({ month, seeded, taken: 0 }));
  }

  async take(projectId: string, limit: number, nowMs: number): Promise<QuotaDecision> {
    const counter = await this.#counters.get(projectId, monthOf(nowMs));
    const allowed = counter.taken < this.#share(counter, limit);
    if (allowed) counter.taken++;
    return this.#decision(counter, limit, allowed, nowMs);
  }

  refund(projectId: string, nowMs: number): void {
    const counter = this.#counters.current(projectId, monthOf(nowMs));
    if (counter !== undefined && counter.taken > 0) counter.taken--;
  }

  async peek(projectId: string, limit: number, nowMs: number): Promise<QuotaDecision> {
    const counter = await this.#counters.get(projectId, monthOf(nowMs));
    return this.#decision(counter, limit, counter.taken < this.#share(counter, limit), nowMs);
  }

  #share(counter: ShareCounter, limit: number): number {
    return Math.max(0, Math.floor((limit - counter.seeded) / this.#instances));
  }

  #decision(counter: ShareCounter, limit: number, allowed: boolean, nowMs: number) {
    const decision = quotaDecision(counter.seeded + counter.taken, limit, allowed, nowMs);
    decision.remaining = Math.max(0, this.#share(counter, limit) - counter.taken);
    return decision;
  }
}
