import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, test } from 'vitest';
import { FakeClock } from '../../src/lib/clock.js';
import type { Logger } from '../../src/lib/logger.js';
import { createRedis } from '../../src/lib/redis.js';
import { MemoryQuotaStore } from '../../src/limits/quota-store.js';
import { RedisQuotaStore } from '../../src/limits/redis-quota-store.js';
import { RedisRateLimiter } from '../../src/limits/redis-rate-limiter.js';
import { createSharedLimits, type SharedLimits } from '../../src/limits/shared-limits.js';
import { SlidingWindowLimiter } from '../../src/limits/sliding-window-limiter.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { runRedisPrefix, testRedisUrl } from '../helpers/test-db.js';

// Against the machine's real Redis: every key of this run sits under PREFIX and is deleted
// afterwards. Outages are made with a TCP proxy between the client and Redis.

const REDIS_URL = testRedisUrl();
const PREFIX = `${runRedisPrefix()}${randomUUID()}:`;
const T0 = Date.UTC(2026, 10, 28, 12);

const clients: Redis[] = [];
const proxies: TcpProxy[] = [];
const limits: SharedLimits[] = [];

afterAll(async () => {
  for (const shared of limits) shared.close();
  for (const redis of clients) redis.disconnect();
  for (const proxy of proxies) await proxy.close();
  const redis = await connected(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
});

/** A client as the server builds it; not waited for. */
function client(url = REDIS_URL): Redis {
  const redis = createRedis(url, { name: 'keygate-test' });
  clients.push(redis);
  return redis;
}

async function connected(url = REDIS_URL): Promise<Redis> {
  const redis = client(url);
  if (redis.status !== 'ready') await once(redis, 'ready');
  return redis;
}

/** A proxy to REDIS_URL, and the URL that reaches Redis through it. */
async function proxied(): Promise<{ proxy: TcpProxy; url: string }> {
  const url = new URL(REDIS_URL);
  const proxy = await startTcpProxy(Number(url.port || 6379), url.hostname);
  proxies.push(proxy);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return { proxy, url: url.toString() };
}

/** A fresh prefix per test, so that tests never see each other's counters. */
const prefix = () => `${PREFIX}${randomUUID()}:`;

function capturingLogger() {
  const lines: { level: 'debug' | 'info' | 'warn' | 'error'; fields: Record<string, unknown> }[] =
    [];
  const at =
    (level: (typeof lines)[number]['level']) =>
    (...args: unknown[]): void => {
      const [first] = args;
      lines.push({ level, fields: typeof first === 'object' ? { ...first } : { msg: first } });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  const messages = (level: (typeof lines)[number]['level']) =>
    lines.filter((line) => line.level === level).map((line) => String(line.fields.msg));
  return { logger, lines, messages };
}

/** Polls `condition` every 10 ms; fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`still false after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The answer and how long it took, in ms. */
async function timed<T>(call: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await call();
  return { value, ms: performance.now() - start };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('RedisRateLimiter', () => {
  test('answers exactly what SlidingWindowLimiter answers over a scripted sequence of times', async () => {
    const redis = new RedisRateLimiter({ redis: await connected(), prefix: prefix() });
    const memory = new SlidingWindowLimiter();
    // [operation, ms after T0, expected [allowed, remaining, resetSeconds]] at limit 5.
    const script: ['take' | 'peek', number, [boolean, number, number]][] = [
      ['peek', 0, [true, 5, 0]],
      ['take', 0, [true, 4, 60]],
      ['take', 500, [true, 3, 60]],
      ['take', 1_500, [true, 2, 59]],
      ['take', 2_000, [true, 1, 58]],
      ['take', 10_000, [true, 0, 50]],
      // The 6th is refused until the oldest second leaves the window.
      ['take', 10_500, [false, 0, 50]],
      ['peek', 11_000, [false, 0, 49]],
      // Second 0 (two requests) has left: two admitted again; second 1 leaves next.
      ['take', 60_000, [true, 1, 1]],
      ['take', 60_200, [true, 0, 1]],
      ['take', 60_999, [false, 0, 1]],
      ['take', 61_000, [true, 0, 1]],
      // A clock that stepped back counts into the latest second (61).
      ['take', 30_000, [false, 0, 32]],
      ['take', 62_000, [true, 0, 8]],
      // Idle for longer than the window: empty again.
      ['take', 600_000, [true, 4, 60]],
      ['peek', 600_500, [true, 4, 60]],
    ];
    for (const [operation, at, [allowed, remaining, resetSeconds]] of script) {
      const expected = { allowed, limit: 5, remaining, resetSeconds };
      expect(memory[operation]('k', 5, T0 + at), `memory ${operation} at ${at}`).toEqual(expected);
      expect(await redis[operation]('k', 5, T0 + at), `redis ${operation} at ${at}`).toEqual(
        expected,
      );
    }
  });

  test('answers exactly what SlidingWindowLimiter answers for any sequence of calls', async () => {
    const redis = await connected();
    let run = 0;
    const call = fc.record({
      operation: fc.constantFrom('take' as const, 'take' as const, 'peek' as const),
      key: fc.constantFrom('a', 'b'),
      limit: fc.integer({ min: 1, max: 4 }),
      // Mostly forward, sometimes back (a stepped clock), sometimes past the whole window.
      stepMs: fc.oneof(fc.integer({ min: 0, max: 2_500 }), fc.integer({ min: -3_000, max: 9_000 })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 40 }), async (calls) => {
        const shared = new RedisRateLimiter({ redis, prefix: prefix(), windowSeconds: 5 });
        const memory = new SlidingWindowLimiter({ windowSeconds: 5 });
        let now = T0 + run++ * 100_000;
        for (const { operation, key, limit, stepMs } of calls) {
          now += stepMs;
          expect(await shared[operation](key, limit, now)).toEqual(
            memory[operation](key, limit, now),
          );
        }
      }),
      { numRuns: 60, seed: 20_261_128 },
    );
  });

  test('two limiters on two connections count into one window', async () => {
    const at = prefix();
    const a = new RedisRateLimiter({ redis: await connected(), prefix: at });
    const b = new RedisRateLimiter({ redis: await connected(), prefix: at });
    const remaining = [];
    for (const [i, limiter] of [a, b, a, b, a].entries()) {
      remaining.push((await limiter.take('k', 5, T0 + i * 1_000)).remaining);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    expect(await b.take('k', 5, T0 + 5_000)).toEqual({
      allowed: false,
      limit: 5,
      remaining: 0,
      resetSeconds: 55,
    });
    expect(await a.peek('k', 5, T0 + 5_000)).toEqual({
      allowed: false,
      limit: 5,
      remaining: 0,
      resetSeconds: 55,
    });
  });

  test('200 concurrent takes at limit 100 from two instances admit exactly 100', async () => {
    const at = prefix();
    const a = new RedisRateLimiter({ redis: await connected(), prefix: at });
    const b = new RedisRateLimiter({ redis: await connected(), prefix: at });
    const decisions = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a : b).take('k', 100, T0)),
    );
    const admitted = decisions.filter((d) => d.allowed);
    expect(admitted).toHaveLength(100);
    // Each admitted request saw its own count: remaining 99, 98, … 0, each once.
    expect(admitted.map((d) => d.remaining).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 100 }, (_, i) => i),
    );
    expect(decisions.filter((d) => !d.allowed).every((d) => d.remaining === 0)).toBe(true);
    expect(await a.peek('k', 100, T0)).toMatchObject({ allowed: false, remaining: 0 });
  });

  test('a window expires in Redis shortly after its newest request leaves it', async () => {
    const redis = await connected();
    const at = prefix();
    const limiter = new RedisRateLimiter({ redis, prefix: at, windowSeconds: 10 });
    await limiter.take('k', 5, T0 + 250);
    const ttl = await redis.pttl(`${at}rl:k`);
    // (second + window + 1) s after the epoch, from T0 + 250 ms: 10.75 s.
    expect(ttl).toBeGreaterThan(10_500);
    expect(ttl).toBeLessThanOrEqual(10_750);
    // A peek of a key never taken creates nothing.
    await limiter.peek('other', 5, T0);
    expect(await redis.exists(`${at}rl:other`)).toBe(0);
  });
});

describe('RedisQuotaStore', () => {
  test('concurrent first requests on two instances seed the month once; the first seed wins', async () => {
    const at = prefix();
    const seeds = [deferred<number>(), deferred<number>()];
    const asked: [string, string][] = [];
    const store = (n: 0 | 1) =>
      connected().then(
        (redis) =>
          new RedisQuotaStore({
            redis,
            prefix: at,
            seed: (projectId, month) => {
              asked.push([projectId, month]);
              return (seeds[n] as ReturnType<typeof deferred<number>>).promise;
            },
          }),
      );
    const [a, b] = await Promise.all([store(0), store(1)]);
    const fromA = Promise.all([1, 2, 3].map(() => a.take('p', 100, T0)));
    const fromB = Promise.all([1, 2, 3].map(() => b.take('p', 100, T0)));
    // One lookup per instance, however many requests wait for it.
    await until(() => asked.length === 2);
    expect(asked).toEqual([
      ['p', '2026-11'],
      ['p', '2026-11'],
    ]);
    seeds[0]?.resolve(40);
    expect((await fromA).map((d) => d.used).sort()).toEqual([41, 42, 43]);
    // B's lookup answers later (and differently): the counter exists, B counts on top of it.
    seeds[1]?.resolve(7);
    expect((await fromB).map((d) => [d.used, d.remaining]).sort()).toEqual([
      [44, 56],
      [45, 55],
      [46, 54],
    ]);
    expect(asked).toHaveLength(2);
  });

  test('instances count into one counter up to the limit, and a refund gives one back', async () => {
    const at = prefix();
    let lookups = 0;
    const seed = async () => {
      lookups++;
      return 0;
    };
    const a = new RedisQuotaStore({ redis: await connected(), prefix: at, seed });
    const b = new RedisQuotaStore({ redis: await connected(), prefix: at, seed });
    const resetSeconds = 3 * 24 * 3600 - 12 * 3600;
    expect(await a.take('p', 3, T0)).toEqual({
      allowed: true,
      limit: 3,
      used: 1,
      remaining: 2,
      resetSeconds,
    });
    expect((await b.take('p', 3, T0)).used).toBe(2);
    expect((await a.take('p', 3, T0)).used).toBe(3);
    expect(await b.take('p', 3, T0)).toEqual({
      allowed: false,
      limit: 3,
      used: 3,
      remaining: 0,
      resetSeconds,
    });
    // Fire and forget, but ordered before the next command on the same connection.
    b.refund('p', T0);
    expect(await b.peek('p', 3, T0)).toMatchObject({ allowed: true, used: 2, remaining: 1 });
    expect(await a.take('p', 3, T0)).toMatchObject({ allowed: true, used: 3, remaining: 0 });
    // Never below zero.
    await a.take('q', 3, T0);
    a.refund('q', T0);
    a.refund('q', T0);
    expect((await a.peek('q', 3, T0)).used).toBe(0);
    expect(lookups).toBe(2);
  });

  test('a new month starts from its own seed, as MemoryQuotaStore does', async () => {
    const redis = await connected();
    const at = prefix();
    const usedIn: Record<string, number> = { '2026-11': 10, '2026-12': 2 };
    const seed = async (_projectId: string, month: string) => usedIn[month] ?? 0;
    const shared = new RedisQuotaStore({ redis, prefix: at, seed });
    const memory = new MemoryQuotaStore(seed);
    const lastSecondOfNovember = Date.UTC(2026, 10, 30, 23, 59, 59, 500);
    const december = Date.UTC(2026, 11, 1);
    const expected = [
      { at: lastSecondOfNovember, allowed: true, used: 11, remaining: 1, resetSeconds: 1 },
      { at: lastSecondOfNovember, allowed: true, used: 12, remaining: 0, resetSeconds: 1 },
      { at: lastSecondOfNovember, allowed: false, used: 12, remaining: 0, resetSeconds: 1 },
      { at: december, allowed: true, used: 3, remaining: 9, resetSeconds: 31 * 24 * 3600 },
    ];
    for (const { at: nowMs, ...decision } of expected) {
      const want = { ...decision, limit: 12 };
      expect(await memory.take('p', 12, nowMs)).toEqual(want);
      expect(await shared.take('p', 12, nowMs)).toEqual(want);
    }
    // Each month's counter outlives its month by three days.
    const ttl = await redis.pttl(`${at}quota:p:2026-12`);
    expect(ttl).toBeGreaterThan((31 + 3) * 24 * 3600_000 - 5_000);
    expect(ttl).toBeLessThanOrEqual((31 + 3) * 24 * 3600_000);
  });
});

describe('createSharedLimits', () => {
  const seed = async () => 40;

  test('while Redis answers, instances share one counter and nothing is logged', async () => {
    const at = prefix();
    const { logger, lines } = capturingLogger();
    const options = { prefix: at, instances: 2, seed, logger };
    const one = createSharedLimits({ ...options, redis: await connected() });
    const two = createSharedLimits({ ...options, redis: await connected() });
    limits.push(one, two);
    expect([one.state, two.state]).toEqual(['shared', 'shared']);
    const allowed = [];
    for (const shared of [one, two, one, two, one]) {
      allowed.push((await shared.limiter.take('k', 4, T0)).allowed);
    }
    expect(allowed).toEqual([true, true, true, true, false]);
    expect((await one.quotas.take('p', 100, T0)).used).toBe(41);
    expect((await two.quotas.take('p', 100, T0)).used).toBe(42);
    expect(lines).toEqual([]);
  });

  test('when Redis goes away, each instance counts its share at once, warns once, and shares again when Redis is back', async () => {
    const { proxy, url } = await proxied();
    const redis = await connected(url);
    const clock = new FakeClock();
    const { logger, lines, messages } = capturingLogger();
    const shared = createSharedLimits({
      redis,
      prefix: prefix(),
      instances: 3,
      seed,
      logger,
      clock,
    });
    limits.push(shared);
    expect((await shared.limiter.take('k', 10, T0)).remaining).toBe(9);
    expect((await shared.limiter.take('k', 10, T0)).remaining).toBe(8);
    expect((await shared.quotas.take('p', 100, T0)).used).toBe(41);

    await proxy.pause();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await timed(() => shared.limiter.take('k', 10, T0)));
    // limit 10 ÷ 3 instances: 3 per instance, counted from zero for this outage.
    expect(answers.map(({ value }) => value)).toEqual([
      { allowed: true, limit: 3, remaining: 2, resetSeconds: 60 },
      { allowed: true, limit: 3, remaining: 1, resetSeconds: 60 },
      { allowed: true, limit: 3, remaining: 0, resetSeconds: 60 },
      { allowed: false, limit: 3, remaining: 0, resetSeconds: 60 },
      { allowed: false, limit: 3, remaining: 0, resetSeconds: 60 },
    ]);
    expect(Math.max(...answers.map(({ ms }) => ms))).toBeLessThan(500);
    expect(shared.state).toBe('local');
    expect(await shared.limiter.peek('k', 10, T0)).toEqual({
      allowed: false,
      limit: 3,
      remaining: 0,
      resetSeconds: 60,
    });

    // The quota: 40 used per the database, (100 - 40) ÷ 3 = 20 more for this instance.
    const quota = [];
    for (let i = 0; i < 21; i++) quota.push(await shared.quotas.take('p', 100, T0));
    expect(quota.map((d) => [d.allowed, d.used, d.remaining])).toEqual([
      ...Array.from({ length: 20 }, (_, i) => [true, 41 + i, 19 - i]),
      [false, 60, 0],
    ]);
    shared.quotas.refund('p', T0);
    expect(await shared.quotas.peek('p', 100, T0)).toMatchObject({ used: 59, remaining: 1 });

    // The client keeps trying to reconnect, and fails: still one warning for the outage.
    await once(redis, 'error');
    expect(messages('warn')).toEqual([
      'redis is unavailable: rate limits and quotas are now counted per instance (limit ÷ 3) until redis returns',
    ]);
    expect(messages('info')).toEqual([]);

    clock.advance(42_000);
    await proxy.resume();
    await until(() => shared.state === 'shared');
    expect(messages('info')).toEqual([
      'redis is back: rate limits and quotas are shared across instances again after 42 s',
    ]);
    expect(lines.filter((line) => line.level === 'warn')).toHaveLength(1);
    // Redis still holds what it counted before the outage, and nothing of the local counts.
    expect((await shared.limiter.take('k', 10, T0)).remaining).toBe(7);
    expect((await shared.quotas.take('p', 100, T0)).used).toBe(42);
  });

  test('a Redis that hangs costs one command timeout, not one per request', async () => {
    const { proxy, url } = await proxied();
    const redis = await connected(url);
    const { logger, messages } = capturingLogger();
    const shared = createSharedLimits({
      redis,
      prefix: prefix(),
      instances: 3,
      seed,
      logger,
      probeIntervalMs: 50,
    });
    limits.push(shared);
    expect((await shared.limiter.take('k', 10, T0)).remaining).toBe(9);

    proxy.stall();
    const first = await timed(() => shared.limiter.take('k', 10, T0));
    expect(first.value).toEqual({ allowed: true, limit: 3, remaining: 2, resetSeconds: 60 });
    // createRedis's command timeout is 1 s.
    expect(first.ms).toBeGreaterThanOrEqual(990);
    expect(first.ms).toBeLessThan(1_500);
    expect(shared.state).toBe('local');
    const next = await timed(() => shared.limiter.take('k', 10, T0));
    expect(next.value).toEqual({ allowed: true, limit: 3, remaining: 1, resetSeconds: 60 });
    // Well under the timeout: Redis was not asked.
    expect(next.ms).toBeLessThan(150);
    expect(messages('warn')).toHaveLength(1);
    expect(messages('warn')[0]).toContain('per instance (limit ÷ 3)');

    // The connection never dropped, so no 'ready' comes: a ping notices Redis answers again.
    await proxy.resume();
    await until(() => shared.state === 'shared');
    expect(messages('info')).toHaveLength(1);
    expect(messages('info')[0]).toMatch(/^redis is back: /);
    // The take that timed out ran in Redis all the same once the proxy let it through.
    expect((await shared.limiter.take('k', 10, T0)).remaining).toBe(7);
  });

  test('a Redis down at start counts locally, warns once, and is shared once Redis comes up', async () => {
    const { proxy, url } = await proxied();
    await proxy.pause();
    const redis = client(url);
    const { logger, messages } = capturingLogger();
    const shared = createSharedLimits({ redis, prefix: prefix(), instances: 3, seed, logger });
    limits.push(shared);
    expect(shared.state).toBe('local');
    const answer = await timed(() => shared.limiter.take('k', 10, T0));
    expect(answer.value).toEqual({ allowed: true, limit: 3, remaining: 2, resetSeconds: 60 });
    expect(answer.ms).toBeLessThan(100);
    expect(await shared.quotas.take('p', 100, T0)).toMatchObject({ used: 41, remaining: 19 });

    // The first connection attempt and the first retry both fail: one warning.
    await once(redis, 'error');
    await once(redis, 'error');
    expect(messages('warn')).toHaveLength(1);
    expect(messages('warn')[0]).toContain('per instance (limit ÷ 3)');

    await proxy.resume();
    await until(() => shared.state === 'shared');
    expect(messages('info')).toHaveLength(1);
    expect(messages('info')[0]).toMatch(/^redis is back: /);
    expect((await shared.limiter.take('k', 10, T0)).remaining).toBe(9);
    expect((await shared.quotas.take('p', 100, T0)).used).toBe(41);
    expect(messages('warn')).toHaveLength(1);
  });

  test('a client still connecting at start counts locally and logs nothing', async () => {
    const redis = client();
    const { logger, lines } = capturingLogger();
    const shared = createSharedLimits({ redis, prefix: prefix(), instances: 3, seed, logger });
    limits.push(shared);
    expect(shared.state).toBe('local');
    await once(redis, 'ready');
    expect(shared.state).toBe('shared');
    expect((await shared.limiter.take('k', 10, T0)).remaining).toBe(9);
    expect(lines).toEqual([]);
  });

  test('a failing database seed fails the request without being taken for a Redis outage', async () => {
    const { logger, lines } = capturingLogger();
    const shared = createSharedLimits({
      redis: await connected(),
      prefix: prefix(),
      instances: 3,
      seed: () => Promise.reject(new Error('database is down')),
      logger,
    });
    limits.push(shared);
    await expect(shared.quotas.take('p', 100, T0)).rejects.toThrow('database is down');
    expect(shared.state).toBe('shared');
    expect(lines).toEqual([]);
  });
});
