import { Redis } from 'ioredis';

/**
 * A Redis connection for the hot path: a command never waits for a connection that is down
 * (no offline queue, no retries per request) nor longer than `commandTimeoutMs` for one
 * that hangs; the caller falls back at once. The client reconnects by itself in the
 * background (every 0.1 s growing to 1 s), and emits 'ready' when it is back.
 */
export function createRedis(
  url: string,
  { commandTimeoutMs = 1_000, name = 'keygate' }: { commandTimeoutMs?: number; name?: string } = {},
): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2_000,
    // TCP keep-alive probes find a connection that died without a reset.
    keepAlive: 10_000,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
    // The first connection happens in the background too: a Redis that is down at start
    // degrades to per-instance limits instead of stopping the server.
    lazyConnect: false,
  });
  // Errors surface on the commands (and as state changes); an unhandled 'error' event would
  // otherwise print a stack trace per reconnect attempt.
  redis.on('error', () => {});
  return redis;
}
