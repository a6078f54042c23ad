import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/create-db.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { holdLease, leaseHolder, releaseLease, saveLeaseProgress, takeLease } from './lease.js';

/** The longest close() waits for a pass in progress. */
const CLOSE_WAIT_MS = 3_000;

/** What one attempt at a pass did. */
export interface JobPass<T> {
  /**
   * False when another instance holds the lease (nothing was run), or took it during the pass
   * (which stopped there).
   */
  ran: boolean;
  /** The instance holding the lease after the attempt. */
  holder: string | null;
  /** The pass's result when it ran. */
  result: T | null;
}

/**
 * A pass's hold on the lease. A pass longer than the lease would let another instance take it
 * and run at the same time: a pass renews between its long steps, and fences its writes.
 */
export interface LeaseGuard {
  /** Renews the lease for another lease period; rejects with LeaseLostError once it was taken. */
  renew(): Promise<void>;
  /**
   * The same inside the write transaction `trx`, first: the transaction commits only while this
   * instance holds the lease (another instance's pass cannot write in between).
   */
  fence(trx: Db): Promise<void>;
}

/** Thrown by a LeaseGuard when another instance took the lease: the pass stops there. */
export class LeaseLostError extends Error {
  constructor(name: string) {
    super(`the lease "${name}" was taken by another instance during the pass`);
    this.name = 'LeaseLostError';
  }
}

/** What a pass returns. */
export interface PassOutcome<T> {
  result: T;
  /** How far the pass read: the next pass's `since`; null keeps the previous one. */
  checkedUntil: Date | null;
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
   * One pass at `now`; `since` is where the previous pass (on any instance) read up to, null
   * before the first. The job saves the outcome's `checkedUntil` once this resolves. A pass
   * that rejects with LeaseLostError (from `lease`) did not run to its end: nothing is saved.
   */
  run(now: Date, since: Date | null, lease: LeaseGuard): Promise<PassOutcome<T>>;
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
    let outcome: PassOutcome<T>;
    try {
      outcome = await this.#o.run(now, lease.checkedUntil, this.#guard());
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
      this.#o.logger.warn(`job ${name}: ${error.message}; it stopped there`);
      return { ran: false, holder: await leaseHolder(db, name), result: null };
    }
    if (outcome.checkedUntil !== null) {
      await saveLeaseProgress(db, name, this.instanceId, outcome.checkedUntil);
    }
    this.#passes++;
    return { ran: true, holder: this.instanceId, result: outcome.result };
  }

  #guard(): LeaseGuard {
    const { clock, name } = this.#o;
    const hold = async (db: Db) => {
      // A closed job let its lease go: a pass that outlived close() stops at its next step.
      if (
        this.#closed ||
        !(await holdLease(db, name, this.instanceId, clock.now(), this.#leaseMs))
      ) {
        throw new LeaseLostError(name);
      }
    };
    return { renew: () => hold(this.#o.db), fence: hold };
  }
}
