import type { RateDecision, RateLimiter } from './rate-limiter.js';

interface Window {
  /** Requests per one-second slot, in a chunk shared with other windows (see Slots): */
  chunk: Uint32Array;
  /** slot `offset + s % windowSeconds` holds second `s`. */
  offset: number;
  /** The latest second the slots were advanced to. */
  second: number;
  total: number;
}

/** Windows per chunk of slots: 1,024 windows of 60 slots are 240 KiB. */
const CHUNK = 1024;

type Place = Pick<Window, 'chunk' | 'offset'>;

/**
 * Every window's slots, in chunks of CHUNK windows: a window points into a chunk instead of
 * owning a `Uint32Array` (whose ArrayBuffer and typed-array objects cost more than its 60
 * counters: ~180 B of heap and ~100 B of native memory a key). Freed places are reused;
 * chunks are never given back (at most `maxKeys` windows exist).
 */
class Slots {
  readonly #size: number;
  readonly #free: Place[] = [];
  #chunk = new Uint32Array(0);
  #next = CHUNK;

  constructor(size: number) {
    this.#size = size;
  }

  /** A place for a new window, all of its slots zero. */
  allocate(): Place {
    const freed = this.#free.pop();
    if (freed !== undefined) return freed;
    if (this.#next === CHUNK) {
      this.#chunk = new Uint32Array(CHUNK * this.#size);
      this.#next = 0;
    }
    return { chunk: this.#chunk, offset: this.#next++ * this.#size };
  }

  release({ chunk, offset }: Place): void {
    chunk.fill(0, offset, offset + this.#size);
    this.#free.push({ chunk, offset });
  }
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
  readonly #slots: Slots;

  constructor({ windowSeconds = 60, maxKeys = 200_000 }: SlidingWindowOptions = {}) {
    this.windowSeconds = windowSeconds;
    this.#maxKeys = maxKeys;
    this.#slots = new Slots(windowSeconds);
  }

  get size(): number {
    return this.#windows.size;
  }

  take(key: string, limit: number, nowMs: number): RateDecision {
    let window = this.#windows.get(key);
    if (window === undefined) {
      if (this.#windows.size >= this.#maxKeys) this.#evict(nowMs);
      const { chunk, offset } = this.#slots.allocate();
      window = { chunk, offset, second: Math.floor(nowMs / 1000), total: 0 };
      this.#windows.set(key, window);
    }
    const second = this.#advance(window, nowMs);
    const allowed = window.total < limit;
    if (allowed) {
      const slot = window.offset + (second % this.windowSeconds);
      window.chunk[slot] = (window.chunk[slot] ?? 0) + 1;
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
    const { chunk, offset } = window;
    for (let i = 1; i <= steps; i++) {
      const slot = offset + ((window.second + i) % this.windowSeconds);
      window.total -= chunk[slot] ?? 0;
      chunk[slot] = 0;
    }
    window.second = second;
    return second;
  }

  #decision(window: Window, limit: number, allowed: boolean, nowMs: number): RateDecision {
    const remaining = Math.max(0, limit - window.total);
    let resetSeconds = 0;
    if (window.total > 0) {
      const { chunk, offset } = window;
      // The oldest second still holding requests leaves the window `windowSeconds` after it.
      for (let s = window.second - this.windowSeconds + 1; s <= window.second; s++) {
        // Seconds since the epoch are positive: `s % windowSeconds` is the slot.
        if ((chunk[offset + (s % this.windowSeconds)] ?? 0) > 0) {
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
      if (window.total === 0) this.#drop(key, window);
    }
    const excess = this.#windows.size - Math.floor(this.#maxKeys * 0.9);
    if (excess <= 0) return;
    let dropped = 0;
    for (const [key, window] of this.#windows) {
      if (dropped++ >= excess) break;
      this.#drop(key, window);
    }
  }

  #drop(key: string, window: Window): void {
    this.#windows.delete(key);
    this.#slots.release(window);
  }
}
