import type { MaybePromise } from '../lib/maybe-promise.js';

/** The answer of a rate limiter for one key at one moment. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Requests still admitted in the current window (after this one, when it was taken). */
  remaining: number;
  /**
   * Whole seconds until the oldest request in the window leaves it, i.e. until `remaining`
   * grows again; 0 when the window is empty. When `allowed` is false this is the
   * Retry-After, at least 1.
   */
  resetSeconds: number;
}

/**
 * Per-key request counters over a sliding window. The in-memory implementation serves one
 * process; a shared store (Redis) implements the same interface for several instances.
 */
export interface RateLimiter {
  /** The window, in seconds (60 for per-minute limits). */
  readonly windowSeconds: number;
  /** Counts one request for `key` unless that would pass `limit`; atomic per key. */
  take(key: string, limit: number, nowMs: number): MaybePromise<RateDecision>;
  /** The same answer without counting anything. */
  peek(key: string, limit: number, nowMs: number): MaybePromise<RateDecision>;
}
