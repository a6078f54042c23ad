import type { RateDecision, RateLimiter } from './rate-limiter.js';

interface Window {
  /** Requests per one-second slot; slot `s % slots.length` holds second `s`. */
  slots: Uint32Array;
  /** The latest second the slots were advanced to. */
  second: number;
  total: number;
}

export interface SlidingWindowOptions {
  /** @default 60 */
  windowSeconds?: number;
  /** Keys tracked at most; beyond, idle windows are dropped first. @default 200_000 */
  maxKeys?: number;
}

/**
 * A sliding window counted in one-second slots: a request is admitted when fewer than
 * `limit` requests were admitted in the last `windowSeconds` whole seconds. Unlike a fixed
 * window it cannot admit 2× the limit across a boundary, and unlike a timestamp log it
 * keeps 60 counters per key whatever the limit. Time comes from the caller (`nowMs`), so an
 * injected clock drives it.
 */
export class SlidingWindowLimiter implements RateLimiter {
  readonly windowSeconds: number;
  readonly #maxKeys: number;
  readonly #windows = new Map<string, Window>();

  constructor({ windowSeconds = 60, maxKeys = 200_000 }: SlidingWindowOptions = {}) {
    this.windowSeconds = windowSeconds;
    this.#maxKeys = maxKeys;
  }

  get size(): number {
    return this.#windows.size;
  }

  take(key: string, limit: number, nowMs: number): RateDecision {
    let window = this.#windows.get(key);
    if (window === undefined) {
      if (this.#windows.size >= this.#maxKeys) this.#evict(nowMs);
      window = { slots: new Uint32Array(this.windowSeconds), second: 0, total: 0 };
      window.second = Math.floor(nowMs / 1000);
      this.#windows.set(key, window);
    }
    const second = this.#advance(window, nowMs);
    const allowed = window.total < limit;
    if (allowed) {
      window.slots[second % this.windowSeconds] =
        (window.slots[second % this.windowSeconds] ?? 0) + 1;
      window.total++;
    }
    return this.#decision(window, limit, allowed, nowMs);
  }

  peek(key: string, limit: number, nowMs: number): RateDecision {
    const window = this.#windows.get(key);
    if (window === undefined) return { allowed: true, limit, remaining: limit, resetSeconds: 0 };
    this.#advance(window, nowMs);
    return this.#decision(window, limit, window.total < limit, nowMs);
  }

  /** Moves the window to `nowMs`, emptying the slots of seconds that left it. */
  #advance(window: Window, nowMs: number): number {
    const second = Math.floor(nowMs / 1000);
    // A clock that stepped back counts into the latest slot rather than rewriting history.
    if (second <= window.second) return window.second;
    const steps = Math.min(second - window.second, this.windowSeconds);
    for (let i = 1; i <= steps; i++) {
      const slot = (window.second + i) % this.windowSeconds;
      window.total -= window.slots[slot] ?? 0;
      window.slots[slot] = 0;
    }
    window.second = second;
    return second;
  }

  #decision(window: Window, limit: number, allowed: boolean, nowMs: number): RateDecision {
    const remaining = Math.max(0, limit - window.total);
    let resetSeconds = 0;
    if (window.total > 0) {
      // The oldest second still holding requests leaves the window `windowSeconds` after it.
      for (let s = window.second - this.windowSeconds + 1; s <= window.second; s++) {
        // Seconds since the epoch are positive: `s % windowSeconds` is the slot.
        if ((window.slots[s % this.windowSeconds] ?? 0) > 0) {
          resetSeconds = Math.max(1, Math.ceil(((s + this.windowSeconds) * 1000 - nowMs) / 1000));
          break;
        }
      }
    }
    return {
      allowed,
      limit,
      remaining,
      resetSeconds: allowed ? resetSeconds : Math.max(1, resetSeconds),
    };
  }

  /** Drops windows that hold no request any more; if none, the oldest-created ones. */
  #evict(nowMs: number): void {
    for (const [key, window] of this.#windows) {
      this.#advance(window, nowMs);
      if (window.total === 0) this.#windows.delete(key);
    }
    const excess = this.#windows.size - Math.floor(this.#maxKeys * 0.9);
    if (excess <= 0) return;
    let dropped = 0;
    for (const key of this.#windows.keys()) {
      if (dropped++ >= excess) break;
      this.#windows.delete(key);
    }
  }
}
