import type { Db } from '../db/create-db.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { type SendOutcome, sendWebhook } from './send-webhook.js';
import {
  claimDelivery,
  type DueDelivery,
  findDueDeliveries,
  recordAttempt,
} from './webhook-repository.js';
import { type SecretBox, signWebhook } from './webhook-secret.js';

/**
 * Wait after failed attempt n (1-based), then the last one repeats: Standard Webhooks'
 * recommended schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h…), without jitter.
 */
export const RETRY_DELAYS_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000,
] as const;

/** A delivery is given up (FAILED) when an attempt this long after its first one fails. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;

export const WEBHOOK_USER_AGENT = 'Keygate-Webhooks/1.0 (+https://www.standardwebhooks.com)';

/**
 * When to try again after failed attempt `attempt`, made at `at`, of a delivery first tried
 * at `first`: the schedule, never past the 24 h deadline (one last attempt at it); null once
 * the deadline is reached (give up).
 */
export function nextAttemptAt(attempt: number, first: Date, at: Date): Date | null {
  const deadline = first.getTime() + GIVE_UP_AFTER_MS;
  if (at.getTime() >= deadline) return null;
  const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1] as number;
  return new Date(Math.min(at.getTime() + delay, deadline));
}

export interface WebhookDispatcherOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  secrets: SecretBox;
  timeoutMs: number;
  allowPrivate: boolean;
  /** Deliveries claimed and sent at once. @default 20 */
  batchSize?: number;
}

/** Batches one pass sends at most, so that a pass ends under a flood of events. */
const MAX_BATCHES_PER_PASS = 50;

/**
 * Sends what the outbox holds that is due. All state is in the database: each attempt is
 * claimed with a lease (claimDelivery) so instances never send the same attempt at once, and
 * a claim whose instance died expires, after which any instance picks the delivery up.
 * Delivery is at least once, with the same `webhook-id` on every attempt.
 */
export class WebhookDispatcher {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #secrets: SecretBox;
  readonly #timeoutMs: number;
  readonly #allowPrivate: boolean;
  readonly #batchSize: number;
  /** The pass in progress (passes of one instance run one after the other). */
  #current: Promise<number> = Promise.resolve(0);
  #busy = false;

  constructor(options: WebhookDispatcherOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#secrets = options.secrets;
    this.#timeoutMs = options.timeoutMs;
    this.#allowPrivate = options.allowPrivate;
    this.#batchSize = options.batchSize ?? 20;
  }

  /** How long a claim holds: longer than any attempt can take. */
  get leaseMs(): number {
    return this.#timeoutMs + 30_000;
  }

  /** True while a pass runs. */
  get busy(): boolean {
    return this.#busy;
  }

  /**
   * Runs a pass after the one in progress, if any: every delivery due at the clock's "now"
   * and not held by another instance gets one attempt. Resolves, with the number of
   * attempts made, when they are all recorded.
   */
  deliverDue(): Promise<number> {
    const next = this.#current.catch(() => 0).then(() => this.#pass());
    this.#current = next;
    return next;
  }

  /** Resolves when the pass in progress, if any, has ended. */
  async idle(): Promise<void> {
    await this.#current.catch(() => 0);
  }

  async #pass(): Promise<number> {
    this.#busy = true;
    try {
      let attempts = 0;
      for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
        const now = this.#clock.now();
        const due = await findDueDeliveries(this.#db, now, this.#batchSize);
        if (due.length === 0) break;
        const until = new Date(now.getTime() + this.leaseMs);
        const claimed = [];
        for (const d of due) {
          if (await claimDelivery(this.#db, d, now, until)) claimed.push(d);
        }
        if (claimed.length === 0) break;
        await Promise.all(claimed.map((d) => this.#attempt(d)));
        attempts += claimed.length;
        if (due.length < this.#batchSize) break;
      }
      return attempts;
    } finally {
      this.#busy = false;
    }
  }

  async #attempt(d: DueDelivery): Promise<void> {
    const attempt = d.attempts + 1;
    const startedAt = this.#clock.now();
    const outcome = await this.#send(d, startedAt);
    const at = this.#clock.now();
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const next = ok ? null : nextAttemptAt(attempt, new Date(d.first_attempt_at ?? startedAt), at);
    const status = ok ? 'SUCCEEDED' : next === null ? 'FAILED' : 'PENDING';
    try {
      await recordAttempt(this.#db, {
        deliveryId: d.id,
        attempt,
        at,
        statusCode: outcome.statusCode,
        error: outcome.error,
        durationMs: outcome.durationMs,
        status,
        nextAttemptAt: next,
      });
    } catch (error) {
      // Deleted meanwhile, or the database is away: the lease expires and the attempt repeats.
      this.#logger.warn(
        `webhook delivery ${d.id}: attempt ${attempt} could not be recorded: ${String(error)}`,
      );
      return;
    }
    if (status === 'FAILED') {
      this.#logger.warn(
        `webhook delivery ${d.id} (event ${d.event_id}) to webhook ${d.webhook_id} failed after ${attempt} attempts; given up`,
      );
    }
  }

  async #send(d: DueDelivery, now: Date): Promise<SendOutcome> {
    let secrets: string[];
    try {
      secrets = [this.#secrets.open(d.secret)];
      if (
        d.previous_secret !== null &&
        d.previous_secret_expires_at !== null &&
        new Date(d.previous_secret_expires_at) > now
      ) {
        secrets.push(this.#secrets.open(d.previous_secret));
      }
    } catch (error) {
      return { statusCode: null, error: (error as Error).message, durationMs: 0 };
    }
    const timestamp = Math.floor(now.getTime() / 1000);
    return sendWebhook({
      url: d.url,
      body: d.payload,
      timeoutMs: this.#timeoutMs,
      allowPrivate: this.#allowPrivate,
      headers: {
        'content-type': 'application/json',
        'user-agent': WEBHOOK_USER_AGENT,
        'webhook-id': d.event_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secrets, d.event_id, timestamp, d.payload),
      },
    });
  }
}
