import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/create-db.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { releaseLease, saveLeaseProgress, takeLease } from './lease.js';

/** The longest close() waits for a pass in progress. */
const CLOSE_WAIT_MS = 3_000;

/** What one attempt at a pass did. */
export interface JobPass<T> {
  /** False when another instance holds the lease: nothing was run. */
  ran: boolean;
  /** The instance holding the lease after the attempt. */
  holder: string | null;
  /** The pass's result when it ran. */
  result: T | null;
}

export interface LeasedJobOptions<T> {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The lease's name: one job of this name runs at a time across every instance. */
  name: string;
  /** Real milliseconds between passes; 0: never on its own (runOnce only). */
  intervalMs: number;
  /** How long a pass holds the lease (on the clock). @default 3 × intervalMs, at least 1 min */
  leaseMs?: number;
  /** @default `<hostname>-<pid>-<random>` */
  instanceId?: string;
  /**
   * One pass at `now`; `since` is where the previous pass (on any instance) ended, null before
   * the first. The job saves `now` as the next pass's `since` once this resolves.
   */
  run(now: Date, since: Date | null): Promise<T>;
}

/**
 * A job that runs on a timer in every instance, but whose passes only the holder of a
 * database lease runs: each pass first takes or renews the lease (see takeLease), so the
 * holder keeps it while it lives, and when it stops (its lease expires, or close() lets it go)
 * another instance takes over on its next tick. Timers are real; "now" is the clock's.
 */
export class LeasedJob<T> {
  readonly instanceId: string;
  readonly #o: LeasedJobOptions<T>;
  readonly #leaseMs: number;
  #timer: NodeJS.Timeout | null = null;
  /** The pass in progress (passes of one instance never overlap). */
  #running: Promise<unknown> = Promise.resolve();
  #closed = false;
  #passes = 0;

  constructor(options: LeasedJobOptions<T>) {
    this.#o = options;
    this.#leaseMs = options.leaseMs ?? Math.max(3 * options.intervalMs, 60_000);
    this.instanceId =
      options.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  }

  /** Passes this instance has run (holding the lease) since it started. */
  get passes(): number {
    return this.#passes;
  }

  /** Starts the timer (nothing when intervalMs is 0); the first pass comes after one interval. */
  start(): void {
    if (this.#o.intervalMs <= 0 || this.#closed || this.#timer !== null) return;
    const tick = () => {
      this.#timer = null;
      void this.runOnce()
        .catch((error: unknown) => {
          this.#o.logger.error(`job ${this.#o.name} failed: ${String(error)}`);
        })
        .finally(() => {
          if (!this.#closed) this.#timer = setTimeout(tick, this.#o.intervalMs);
          this.#timer?.unref();
        });
    };
    this.#timer = setTimeout(tick, this.#o.intervalMs);
    this.#timer.unref();
  }

  /**
   * One pass now, after the one in progress (if any): takes the lease and runs, or reports
   * who holds it. Rejects when the pass fails.
   */
  runOnce(): Promise<JobPass<T>> {
    const pass = this.#running.then(() => this.#pass());
    this.#running = pass.catch(() => {});
    return pass;
  }

  /** Stops the timer, waits for the pass in progress and lets the lease go. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    // A pass stuck on an unreachable database does not hold the shutdown up for long.
    let wait: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#running,
      new Promise<void>((resolve) => {
        wait = setTimeout(resolve, CLOSE_WAIT_MS);
        wait.unref();
      }),
    ]);
    clearTimeout(wait);
    try {
      await releaseLease(this.#o.db, this.#o.name, this.instanceId, this.#o.clock.now());
    } catch (error) {
      this.#o.logger.warn(`job ${this.#o.name}: could not release its lease: ${String(error)}`);
    }
  }

  async #pass(): Promise<JobPass<T>> {
    const { db, clock, name } = this.#o;
    const now = clock.now();
    const lease = await takeLease(db, name, this.instanceId, now, this.#leaseMs);
    if (!lease.held) return { ran: false, holder: lease.holder, result: null };
    const result = await this.#o.run(now, lease.checkedUntil);
    await saveLeaseProgress(db, name, this.instanceId, now);
    this.#passes++;
    return { ran: true, holder: this.instanceId, result };
  }
}
