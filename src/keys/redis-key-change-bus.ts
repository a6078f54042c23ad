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

/** Changes waiting for Redis at most; beyond, one `all` replaces them. */
const MAX_PENDING = 1_000;

interface Envelope {
  from: string;
  change: KeyChange;
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

  const subscribe = () =>
    subscriber.subscribe(channel).then(
      () => {
        subscribed = true;
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
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      return;
    }
    if (envelope.from === self) return; // delivered locally when published
    local.deliver(envelope.change);
  });
  redis.on('ready', () => void flushPending());

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
      return subscribed;
    },
    async publish(change) {
      local.deliver(change);
      if (!(await send(change))) {
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
