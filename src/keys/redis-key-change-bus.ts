import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.js';
import { createMemoryKeyChangeBus, type KeyChange, type KeyChangeBus } from './key-change-bus.js';

export interface RedisBusOptions {
  /** Publishes; the bus makes its own subscriber connection from it (`duplicate()`). */
  redis: Redis;
  /** KEYGATE_REDIS_PREFIX: the channel is `${prefix}key-changes`. */
  prefix: string;
  logger: Logger;
}

/** How often the subscriber proves its connection alive. */
const HEARTBEAT_MS = 1_000;

/** Changes waiting for Redis at most; beyond, one `all` replaces them. */
const MAX_PENDING = 1_000;

interface Envelope {
  from: string;
  change: KeyChange;
}

/** The envelope, if `text` is one this version can act on; null otherwise. */
function parseEnvelope(text: string): Envelope | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { from, change } = value as { from?: unknown; change?: unknown };
  if (typeof from !== 'string' || typeof change !== 'object' || change === null) return null;
  const c = change as Record<string, unknown>;
  const keys = Object.keys(c);
  if (keys.length !== 1) return null;
  if (typeof c.keyId === 'string' || typeof c.projectId === 'string')
    return { from, change: c as KeyChange };
  if (typeof c.created === 'string' && /^[0-9a-f]{64}$/.test(c.created)) {
    return { from, change: { created: c.created } };
  }
  if (c.all === true) return { from, change: { all: true } };
  return null;
}

/**
 * Key changes over Redis pub/sub: a change is delivered to this process at once and
 * published to every other instance, which drops the affected cached keys (or learns a
 * new digest) when the message arrives — milliseconds, well within a second.
 *
 * Pub/sub is fire-and-forget, so an instance whose subscriber connection dropped may have
 * missed changes: while it is down the bus reports `coherent: false` (caches then re-read
 * keys within a second and do not trust "unknown digest"), and once subscribed — at start
 * and after every reconnect — it delivers `{ all: true }` locally (the whole key cache goes,
 * the digest filter is reloaded). Changes
 * this instance could not publish wait (bounded) and go out when Redis is back.
 */
export function createRedisKeyChangeBus({ redis, prefix, logger }: RedisBusOptions): KeyChangeBus {
  const channel = `${prefix}key-changes`;
  const self = randomUUID();
  const local = createMemoryKeyChangeBus();
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {});
  let subscribed = false;
  let everSubscribed = false;
  let pending: KeyChange[] = [];
  let closing = false;
  /** When the subscriber last answered a ping (real time: connection health, not the app clock). */
  let lastPong = Date.now();

  const subscribe = () =>
    subscriber.subscribe(channel).then(
      () => {
        subscribed = true;
        lastPong = Date.now();
        if (everSubscribed) {
          logger.info({ msg: 'key-change bus reconnected: key cache cleared', channel });
        }
        everSubscribed = true;
        // Whatever changed before this subscription (a reconnect, or the start) was not
        // heard: caches start over from the database.
        local.deliver({ all: true });
      },
      () => {},
    );
  // ioredis re-subscribes by itself after a reconnect; 'ready' follows the re-subscription.
  subscriber.on('ready', () => {
    if (!subscribed) void subscribe();
  });
  subscriber.on('close', () => {
    if (subscribed && !closing) {
      logger.warn({
        msg: 'key-change bus disconnected from Redis: cached keys are re-read every second until it is back',
        channel,
      });
    }
    subscribed = false;
  });
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const envelope = parseEnvelope(text);
    if (envelope?.from === self) return; // delivered locally when published
    // Something on our channel we cannot read (another version, another writer): whatever
    // it meant, caches start over rather than miss a change.
    local.deliver(envelope?.change ?? { all: true });
  });
  redis.on('ready', () => void flushPending());

  // A subscriber only listens: a connection that died without a reset (a crashed host, a
  // partition) would look subscribed for hours. A ping every second proves it is alive;
  // a missed one makes the bus incoherent at once and forces a reconnect.
  const heartbeat = setInterval(() => {
    if (pending.length > 0 && redis.status === 'ready') void flushPending();
    if (!subscribed) return;
    subscriber.ping().then(
      () => {
        lastPong = Date.now();
      },
      () => {
        if (!subscribed) return;
        subscribed = false;
        logger.warn({
          msg: 'key-change bus: Redis stopped answering; reconnecting, cached keys are re-read every second meanwhile',
          channel,
        });
        subscriber.disconnect(true);
      },
    );
  }, HEARTBEAT_MS);
  heartbeat.unref();

  async function send(change: KeyChange): Promise<boolean> {
    try {
      await redis.publish(channel, JSON.stringify({ from: self, change } satisfies Envelope));
      return true;
    } catch {
      return false;
    }
  }

  async function flushPending(): Promise<void> {
    const waiting = pending;
    pending = [];
    for (const change of waiting) {
      if (!(await send(change))) {
        queue(change);
      }
    }
  }

  function queue(change: KeyChange): void {
    if (pending.length >= MAX_PENDING) pending = [{ all: true }];
    else pending.push(change);
  }

  return {
    get coherent() {
      return subscribed && Date.now() - lastPong < HEARTBEAT_MS * 2.5;
    },
    async publish(change) {
      local.deliver(change);
      if (await send(change)) {
        if (pending.length > 0) void flushPending();
      } else {
        if (pending.length === 0) {
          logger.warn({
            msg: 'key change not published: Redis is unreachable; it is sent when Redis is back',
            channel,
          });
        }
        queue(change);
      }
    },
    subscribe: (listener) => local.subscribe(listener),
    async close() {
      closing = true;
      clearInterval(heartbeat);
      await local.close();
      subscriber.disconnect();
    },
  };
}

/**
 * Publishes one change to every running instance from a short-lived process (the CLI's
 * `admin-key create`): connects, publishes, quits. Resolves false when Redis could not be
 * reached within `timeoutMs` (the change itself is already committed).
 */
export async function announceKeyChange(
  redis: Redis,
  prefix: string,
  change: KeyChange,
  timeoutMs = 3_000,
): Promise<boolean> {
  const envelope: Envelope = { from: randomUUID(), change };
  const published = redis.publish(`${prefix}key-changes`, JSON.stringify(envelope));
  const timeout = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error('timeout')), timeoutMs).unref();
  });
  try {
    await Promise.race([published, timeout]);
    return true;
  } catch {
    return false;
  }
}
