import type { RateLimiter } from './rate-limiter.js';

export interface AuthFailureGuardOptions {
  limiter: RateLimiter;
  /** Failed authentications per client ip per minute before the ip is slowed down. @default 30 */
  perMinute?: number;
}

/**
 * Counts failed authentications per client ip (sliding minute). Once an ip has failed
 * `perMinute` times, its further failing attempts are answered 429 — and keys that cannot
 * be valid are refused without a database lookup — while valid keys from it keep working.
 */
export class AuthFailureGuard {
  readonly #limiter: RateLimiter;
  readonly perMinute: number;

  constructor({ limiter, perMinute = 30 }: AuthFailureGuardOptions) {
    this.#limiter = limiter;
    this.perMinute = perMinute;
  }

  /** Seconds the ip must wait before failing again, or null when it is not blocked. */
  async blocked(ip: string, nowMs: number): Promise<number | null> {
    const decision = await this.#limiter.peek(`auth-fail:${ip}`, this.perMinute, nowMs);
    return decision.allowed ? null : decision.resetSeconds;
  }

  /** Records one failed authentication from `ip`. */
  async failed(ip: string, nowMs: number): Promise<void> {
    await this.#limiter.take(`auth-fail:${ip}`, this.perMinute, nowMs);
  }
}
