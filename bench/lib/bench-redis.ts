/**
 * Redis for the bench's "Keygate + Redis limits" targets: BENCH_REDIS_URL, a key prefix of
 * this run's own, and the clean-up of every key under it (SCAN MATCH + DEL, never KEYS).
 */
import { Redis } from 'ioredis';

export const DEFAULT_BENCH_REDIS_URL = 'redis://127.0.0.1:6379';

/** BENCH_REDIS_URL, or null when it is `off` (the Redis targets are then skipped). */
export function benchRedisUrl(env = process.env): string | null {
  const url = env.BENCH_REDIS_URL || DEFAULT_BENCH_REDIS_URL;
  return url === 'off' ? null : url;
}

/** A prefix no other run uses: `keygate-bench:<pid>:<time>:`. */
export function benchRedisPrefix(): string {
  return `keygate-bench:${process.pid}:${Date.now().toString(36)}:`;
}

/** The URL without its password, for output. */
export function displayRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'redis (unparsable URL)';
  }
}

async function withRedis<T>(url: string, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3_000,
    retryStrategy: () => null,
  });
  // connect() rejects with "Connection is closed."; the cause comes as an 'error' event.
  let cause: unknown = null;
  redis.on('error', (error) => {
    cause ??= error;
  });
  try {
    await redis.connect().catch((error: unknown) => {
      throw cause ?? error;
    });
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

/** `{ ok: false }` with a sentence when Redis does not answer PING (never throws for that). */
export async function reachRedis(
  url: string,
): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  try {
    return await withRedis(url, async (redis) => {
      await redis.ping();
      const info = await redis.info('server');
      const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
      return { ok: true as const, version };
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `Redis unreachable at ${displayRedisUrl(url)} (${why})` };
  }
}

async function keysUnder(redis: Redis, pattern: string, each: (keys: string[]) => Promise<void>) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await each(keys);
  } while (cursor !== '0');
}

/** Deletes every key under `prefix`; returns how many went. */
export function deleteRedisKeys(url: string, prefix: string): Promise<number> {
  return withRedis(url, async (redis) => {
    let deleted = 0;
    await keysUnder(redis, `${prefix}*`, async (keys) => {
      deleted += await redis.del(...keys);
    });
    return deleted;
  });
}

/**
 * Requests counted against monthly quotas under `prefix` (RedisQuotaStore's counters,
 * `${prefix}quota:<project>:<month>`), to check that a target counted in Redis throughout.
 */
export function quotaCounted(url: string, prefix: string): Promise<number> {
  return withRedis(url, async (redis) => {
    let total = 0;
    await keysUnder(redis, `${prefix}quota:*`, async (keys) => {
      for (const value of await redis.mget(...keys)) total += Number(value ?? 0);
    });
    return total;
  });
}
