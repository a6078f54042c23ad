import { setMaxListeners } from 'node:events';
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
  /** Attempts in flight at once, all webhooks together. @default 20 */
  concurrency?: number;
  /** Attempts in flight at once to one webhook. @default 5 */
  perWebhook?: number;
  /** How often a pass waiting on slow attempts looks for newly due deliveries (real ms). @default 1000 */
  recheckMs?: number;
}

/** Attempts one pass starts at most, so that a pass ends under a flood of events. */
const MAX_ATTEMPTS_PER_PASS = 1_000;

/** The error recorded for an attempt cut by close(): it is due again at once. */
export const INTERRUPTED = 'interrupted: Keygate shut down before an answer came';

/**
 * Sends what the outbox holds that is due. All state is in the database: each attempt is
 * claimed with a lease (claimDelivery) so instances never send the same attempt at once, and
 * a claim whose instance died expires, after which any instance picks the delivery up.
 * Delivery is at least once, with the same `webhook-id` on every attempt.
 *
 * Attempts run independently, at most `concurrency` at once and `perWebhook` to one webhook:
 * a slow or silent receiver holds its own slots, never the others' deliveries.
 */
export class WebhookDispatcher {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #secrets: SecretBox;
  readonly #timeoutMs: number;
  readonly #allowPrivate: boolean;
  readonly #concurrency: number;
  readonly #perWebhook: number;
  readonly #recheckMs: number;
  /** The pass in progress (passes of one instance run one after the other). */
  #current: Promise<number> = Promise.resolve(0);
  #busy = false;
  #closing = false;
  /** Wakes a pass waiting on its attempts when close() is called. */
  #wake: () => void = () => {};
  /** Aborted when close() cuts the attempts still running. */
  readonly #cut = new AbortController();

  constructor(options: WebhookDispatcherOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#secrets = options.secrets;
    this.#timeoutMs = options.timeoutMs;
    this.#allowPrivate = options.allowPrivate;
    this.#concurrency = options.concurrency ?? 20;
    this.#perWebhook = options.perWebhook ?? 5;
    this.#recheckMs = options.recheckMs ?? 1_000;
    // Every attempt in flight listens to it.
    setMaxListeners(this.#concurrency + 1, this.#cut.signal);
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
   * attempts made, when they are all recorded. Once closing, no pass starts (0).
   */
  deliverDue(): Promise<number> {
    if (this.#closing) return Promise.resolve(0);
    const next = this.#current.catch(() => 0).then(() => this.#pass());
    this.#current = next;
    return next;
  }

  /** Resolves when the pass in progress, if any, has ended. */
  async idle(): Promise<void> {
    await this.#current.catch(() => 0);
  }

  /**
   * Stops: no pass starts and the one in progress claims nothing more. Attempts still
   * running after `graceMs` (real time) are cut, their requests aborted, and recorded as
   * interrupted, due again at once: another instance, or this one after a restart, repeats
   * them with the same `webhook-id`. Resolves when the pass has ended.
   */
  async close(graceMs: number): Promise<void> {
    this.#closing = true;
    this.#wake();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'cut'>((resolve) => {
      timer = setTimeout(() => resolve('cut'), graceMs);
    });
    const ended = await Promise.race([this.idle().then(() => 'idle' as const), deadline]);
    clearTimeout(timer);
    if (ended === 'cut') {
      this.#cut.abort();
      await this.idle();
    }
  }

  async #pass(): Promise<number> {
    this.#busy = true;
    const running = new Map<string, Promise<void>>();
    const perWebhook = new Map<string, number>();
    let attempts = 0;
    try {
      // A pass asked for before close() makes its first round; none after the cut.
      for (let round = 0; attempts < MAX_ATTEMPTS_PER_PASS; round++) {
        if (this.#cut.signal.aborted || (round > 0 && this.#closing)) break;
        const free = Math.min(this.#concurrency - running.size, MAX_ATTEMPTS_PER_PASS - attempts);
        // More may be due than this round could take: look again as soon as a slot frees.
        let more = free === 0;
        if (free > 0) {
          const full = [...perWebhook].filter(([, n]) => n >= this.#perWebhook).map(([id]) => id);
          const now = this.#clock.now();
          const due = await findDueDeliveries(this.#db, now, free, full);
          const until = new Date(now.getTime() + this.leaseMs);
          let claimed = 0;
          for (const d of due) {
            if (this.#cut.signal.aborted) break;
            const inFlight = perWebhook.get(d.webhook_id) ?? 0;
            if (inFlight >= this.#perWebhook) continue;
            if (!(await claimDelivery(this.#db, d, now, until))) continue;
            claimed++;
            attempts++;
            perWebhook.set(d.webhook_id, inFlight + 1);
            const attempt = this.#attempt(d).finally(() => {
              running.delete(d.id);
              const left = (perWebhook.get(d.webhook_id) ?? 1) - 1;
              if (left === 0) perWebhook.delete(d.webhook_id);
              else perWebhook.set(d.webhook_id, left);
            });
            running.set(d.id, attempt);
          }
          more = due.length === free && claimed > 0;
        }
        if (running.size === 0) {
          if (more) continue;
          break;
        }
        if (more && running.size < this.#concurrency) continue;
        await this.#wait(more ? Promise.race(running.values()) : Promise.all(running.values()));
      }
      await Promise.all(running.values());
      return attempts;
    } finally {
      this.#busy = false;
    }
  }

  /** Until `settled`, the next look for due deliveries (recheckMs) or close(), whichever first. */
  async #wait(settled: Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      settled,
      new Promise<void>((resolve) => {
        this.#wake = resolve;
        timer = setTimeout(resolve, this.#recheckMs);
      }),
    ]);
    clearTimeout(timer);
    this.#wake = () => {};
  }

  async #attempt(d: DueDelivery): Promise<void> {
    const attempt = d.attempts + 1;
    const startedAt = this.#clock.now();
    const outcome = await this.#send(d, startedAt);
    const at = this.#clock.now();
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    // A cut attempt is not the receiver's failure: due again at once, never given up for it.
    const cut = !ok && this.#cut.signal.aborted;
    const next = ok
      ? null
      : cut
        ? at
        : nextAttemptAt(attempt, new Date(d.first_attempt_at ?? startedAt), at);
    const status = ok ? 'SUCCEEDED' : next === null ? 'FAILED' : 'PENDING';
    try {
      await recordAttempt(this.#db, {
        deliveryId: d.id,
        attempt,
        at,
        statusCode: outcome.statusCode,
        error: cut ? INTERRUPTED : outcome.error,
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
      signal: this.#cut.signal,
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
