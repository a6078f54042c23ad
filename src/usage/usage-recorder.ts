import type { Db } from '../db/create-db.js';
import { isDatabaseError } from '../db/database-error.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { UsageEvent } from './usage-event.js';
import { pruneUsageEvents, writeUsageBatch } from './usage-repository.js';

export interface RecorderStats {
  /** Events waiting in memory. */
  buffered: number;
  /** Events stored since start. */
  written: number;
  /** Events refused because the buffer was full (counted and logged, never silent). */
  dropped: number;
  /** Flushes that failed and were retried (their events stayed buffered). */
  failedFlushes: number;
  lastFlushAt: Date | null;
}

/** Where requests hand their usage event. `record` never blocks, never throws. */
export interface UsageRecorder {
  record(event: UsageEvent): void;
  /** Writes everything buffered now. */
  flush(): Promise<void>;
  /** Stops the timer and flushes until the buffer is empty (graceful shutdown). */
  close(): Promise<void>;
  stats(): RecorderStats;
}

/**
 * Events per write at most (KEYGATE_USAGE_BATCH). Above 1000 events a second, a second of
 * traffic is written in one transaction instead of several: a batch's rollup rows repeat
 * from one second to the next, so twice the events cost far fewer than twice the upserts,
 * and there is one commit instead of two. Measured with the bench's traffic, batches of 2000
 * against 1000: SQLite 58.7k–80.3k against 48.7k–65.8k events/s, PostgreSQL 24.0k–33.2k
 * against 21.8k–26.7k (alternating runs). The price, on SQLite: one write holds the event
 * loop about twice as long (~40 ms instead of ~20 on a slow core) once a second.
 */
export const DEFAULT_USAGE_BATCH = 2000;

export interface BufferedRecorderOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** @default DEFAULT_USAGE_BATCH — a batch this large is written at once */
  batchSize?: number;
  /** @default 1000 — the longest an event waits in memory */
  flushIntervalMs?: number;
  /** @default 100_000 — beyond this, new events are dropped (and counted) */
  maxBuffered?: number;
  /** @default 30 — raw events older than this are pruned; rollups are kept */
  retentionDays?: number;
  /** @default 3_600_000 — how often old raw events are pruned */
  pruneIntervalMs?: number;
}

/**
 * Buffers events in memory and writes them in batches — one transaction, multi-row
 * inserts, rollups maintained in the same transaction — every `flushIntervalMs` or every
 * `batchSize` events, off the response path. A failed write keeps its events and is
 * retried with exponential backoff (1 s, 2 s, 4 s … at most 30 s, on the injected clock);
 * event ids make the retry idempotent. An explicit flush() always tries at once.
 */
export class BufferedUsageRecorder implements UsageRecorder {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #batchSize: number;
  readonly #maxBuffered: number;
  readonly #retentionMs: number;
  readonly #pruneIntervalMs: number;
  #buffer: UsageEvent[] = [];
  /** Events taken out of the buffer by the write in progress: they still count as held. */
  #inFlight = 0;
  #flushing: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null;
  #soon = false;
  #written = 0;
  #dropped = 0;
  #failedFlushes = 0;
  /** Failures since the last successful write, and when the next automatic try may run. */
  #consecutiveFailures = 0;
  #retryAtMs = 0;
  #lastFlushAt: Date | null = null;
  #lastPruneAt = 0;
  #lastDropLogAt = 0;

  constructor(options: BufferedRecorderOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#batchSize = options.batchSize ?? DEFAULT_USAGE_BATCH;
    this.#maxBuffered = options.maxBuffered ?? 100_000;
    this.#retentionMs = (options.retentionDays ?? 30) * 86_400_000;
    this.#pruneIntervalMs = options.pruneIntervalMs ?? 3_600_000;
    this.#timer = setInterval(() => void this.#flushIfDue(), options.flushIntervalMs ?? 1000);
    this.#timer.unref();
  }

  record(event: UsageEvent): void {
    // A batch being written may come back (a failed write): it counts against the limit.
    if (this.#buffer.length + this.#inFlight >= this.#maxBuffered) {
      this.#dropped++;
      const now = Date.now();
      if (now - this.#lastDropLogAt >= 10_000) {
        this.#lastDropLogAt = now;
        this.#logger.warn(
          `usage buffer full (${this.#maxBuffered} events): ${this.#dropped} events dropped so far`,
        );
      }
      return;
    }
    this.#buffer.push(event);
    if (this.#buffer.length >= this.#batchSize && !this.#soon) {
      this.#soon = true;
      setImmediate(() => {
        this.#soon = false;
        void this.#flushIfDue();
      });
    }
  }

  flush(): Promise<void> {
    // One flush at a time; a caller arriving mid-flush waits for it and then flushes again.
    const run = async () => {
      if (this.#flushing) await this.#flushing;
      await this.#flushOnce();
    };
    const next = run().finally(() => {
      if (this.#flushing === next) this.#flushing = null;
    });
    this.#flushing = next;
    return next;
  }

  /** An automatic flush: skipped while backing off after a failed write. */
  #flushIfDue(): Promise<void> {
    if (this.#consecutiveFailures > 0 && this.#clock.now().getTime() < this.#retryAtMs) {
      return Promise.resolve();
    }
    return this.flush();
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    for (let attempt = 0; this.#buffer.length > 0 && attempt < 5; attempt++) await this.flush();
    if (this.#buffer.length > 0) {
      this.#logger.error(`usage recorder closed with ${this.#buffer.length} events unwritten`);
    }
  }

  stats(): RecorderStats {
    return {
      buffered: this.#buffer.length + this.#inFlight,
      written: this.#written,
      dropped: this.#dropped,
      failedFlushes: this.#failedFlushes,
      lastFlushAt: this.#lastFlushAt,
    };
  }

  async #flushOnce(): Promise<void> {
    // What is buffered now; events recorded while this flush runs wait for the next one, so
    // a flush ends even under sustained traffic.
    let due = this.#buffer.length;
    while (due > 0 && this.#buffer.length > 0) {
      const batch = this.#buffer.splice(0, Math.min(this.#batchSize, due));
      this.#inFlight = batch.length;
      try {
        this.#written += await writeUsageBatch(this.#db, batch);
        this.#lastFlushAt = this.#clock.now();
        this.#consecutiveFailures = 0;
        due -= batch.length;
      } catch (error) {
        // Not the database being away: something in the batch cannot be stored (a bug).
        // Write the events one by one so one bad event never blocks all later usage.
        if (!isDatabaseError(error) && (await this.#writeOneByOne(batch, error))) {
          due -= batch.length;
          continue;
        }
        this.#failedFlushes++;
        this.#consecutiveFailures++;
        const waitMs = Math.min(30_000, 1000 * 2 ** (this.#consecutiveFailures - 1));
        this.#retryAtMs = this.#clock.now().getTime() + waitMs;
        this.#buffer.unshift(...batch);
        this.#logger.error(
          `usage flush of ${batch.length} events failed, will retry in ${waitMs / 1000} s: ${String(error)}`,
        );
        return;
      } finally {
        this.#inFlight = 0;
      }
      // The SQLite driver is synchronous and settles its promises at once: without a turn of
      // the event loop between batches, a long flush would hold every request until it ends.
      if (due > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await this.#pruneIfDue();
  }

  /**
   * Writes `batch` event by event, dropping (counted, logged) the events the database refuses
   * for a reason other than being unavailable. False when it became unavailable meanwhile:
   * the events not yet written are then left to the caller, like a failed batch.
   */
  async #writeOneByOne(batch: UsageEvent[], cause: unknown): Promise<boolean> {
    for (let i = 0; i < batch.length; i++) {
      const event = batch[i] as UsageEvent;
      try {
        this.#written += await writeUsageBatch(this.#db, [event]);
      } catch (error) {
        if (isDatabaseError(error)) {
          batch.splice(0, i);
          return false;
        }
        this.#dropped++;
        this.#logger.error(
          `usage event ${event.id} cannot be stored and is dropped: ${String(error)} (batch failed with: ${String(cause)})`,
        );
      }
    }
    return true;
  }

  async #pruneIfDue(): Promise<void> {
    const now = this.#clock.now().getTime();
    if (now - this.#lastPruneAt < this.#pruneIntervalMs) return;
    this.#lastPruneAt = now;
    try {
      const pruned = await pruneUsageEvents(this.#db, new Date(now - this.#retentionMs));
      if (pruned > 0) this.#logger.info(`pruned ${pruned} usage events past retention`);
    } catch (error) {
      this.#logger.error(`pruning usage events failed: ${String(error)}`);
    }
  }
}
