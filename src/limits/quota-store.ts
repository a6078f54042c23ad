import { isPromise, type MaybePromise } from '../lib/maybe-promise.js';

/** The answer of a quota counter for one project at one moment. */
export interface QuotaDecision {
  allowed: boolean;
  limit: number;
  /** Requests counted this month, this one included when it was taken. */
  used: number;
  /** Requests left this month. */
  remaining: number;
  /** Whole seconds until the month (UTC) ends and the count starts again; at least 1. */
  resetSeconds: number;
}

/**
 * Monthly request counters per project (calendar month, UTC). The in-memory implementation
 * serves one process and seeds each month's count from the database; a shared store
 * (Redis) implements the same interface for several instances.
 */
export interface QuotaStore {
  /** Counts one request unless the project already used `limit` this month. */
  take(projectId: string, limit: number, nowMs: number): MaybePromise<QuotaDecision>;
  /** Gives back one request taken this month (the request was refused after all). */
  refund(projectId: string, nowMs: number): void;
  /** The answer without counting anything. */
  peek(projectId: string, limit: number, nowMs: number): MaybePromise<QuotaDecision>;
}

/** `2026-11` for any time in November 2026 (UTC). */
export function monthOf(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 7);
}

/** Milliseconds since the epoch at the start of the next UTC month. */
export function nextMonthStartMs(nowMs: number): number {
  const now = new Date(nowMs);
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
}

interface Counter {
  month: string;
  used: number;
}

/**
 * One counter per project for its current month, seeded once per project and month from
 * `seed` (the requests the database already holds for that month, written by the usage
 * recorder); concurrent first requests share one seed lookup, and a counter never goes
 * back a month. `make` shapes the counter from the month and its seed.
 */
export class MonthlyCounters<T extends { month: string }> {
  readonly #seed: (projectId: string, month: string) => Promise<number>;
  readonly #make: (month: string, seeded: number) => T;
  readonly #counters = new Map<string, T>();
  readonly #seeding = new Map<string, Promise<T>>();

  constructor(
    seed: (projectId: string, month: string) => Promise<number>,
    make: (month: string, seeded: number) => T,
  ) {
    this.#seed = seed;
    this.#make = make;
  }

  /** The project's counter for `month`, if it is seeded already (no lookup). */
  current(projectId: string, month: string): T | undefined {
    const counter = this.#counters.get(projectId);
    return counter !== undefined && counter.month === month ? counter : undefined;
  }

  get(projectId: string, month: string): MaybePromise<T> {
    const counter = this.current(projectId, month);
    if (counter !== undefined) return counter;
    const id = `${projectId}\u0000${month}`;
    let seeding = this.#seeding.get(id);
    if (seeding === undefined) {
      seeding = this.#seed(projectId, month)
        .then((seeded) => {
          const current = this.#counters.get(projectId);
          if (current !== undefined && current.month === month) return current;
          const fresh = this.#make(month, seeded);
          // A request of a later month may have seeded meanwhile: never go back a month.
          if (current === undefined || current.month < month) this.#counters.set(projectId, fresh);
          return fresh;
        })
        .finally(() => this.#seeding.delete(id));
      this.#seeding.set(id, seeding);
    }
    return seeding;
  }
}

/**
 * Counts in memory (MonthlyCounters). Every counted request of the project passes through
 * this counter after the seed, so nothing is counted twice.
 */
export class MemoryQuotaStore implements QuotaStore {
  readonly #counters: MonthlyCounters<Counter>;

  constructor(seed: (projectId: string, month: string) => Promise<number>) {
    this.#counters = new MonthlyCounters(seed, (month, used) => ({ month, used }));
  }

  /** At once once the month's count is seeded; the first request of a month waits for it. */
  take(projectId: string, limit: number, nowMs: number): MaybePromise<QuotaDecision> {
    const counter = this.#counters.get(projectId, monthOf(nowMs));
    return isPromise(counter)
      ? counter.then((seeded) => countOne(seeded, limit, nowMs))
      : countOne(counter, limit, nowMs);
  }

  refund(projectId: string, nowMs: number): void {
    const counter = this.#counters.current(projectId, monthOf(nowMs));
    if (counter !== undefined && counter.used > 0) counter.used--;
  }

  peek(projectId: string, limit: number, nowMs: number): MaybePromise<QuotaDecision> {
    const counter = this.#counters.get(projectId, monthOf(nowMs));
    const decide = (c: Counter) => quotaDecision(c.used, limit, c.used < limit, nowMs);
    return isPromise(counter) ? counter.then(decide) : decide(counter);
  }
}

function countOne(counter: Counter, limit: number, nowMs: number): QuotaDecision {
  const allowed = counter.used < limit;
  if (allowed) counter.used++;
  return quotaDecision(counter.used, limit, allowed, nowMs);
}

/** The answer for `used` requests counted this month (every QuotaStore answers alike). */
export function quotaDecision(
  used: number,
  limit: number,
  allowed: boolean,
  nowMs: number,
): QuotaDecision {
  return {
    allowed,
    limit,
    used,
    remaining: Math.max(0, limit - used),
    resetSeconds: Math.max(1, Math.ceil((nextMonthStartMs(nowMs) - nowMs) / 1000)),
  };
}
