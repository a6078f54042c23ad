import type { KeyCache } from '../keys/key-cache.js';
import type { KnownDigests } from '../keys/known-digests.js';
import type { VerifiedKey } from '../keys/verified-key.js';
import {
  checkVerified,
  type PresentedKey,
  presentKey,
  type RequestSource,
  type VerifyDeps,
  type VerifyResult,
  verifyKey,
} from '../keys/verify-key.js';
import type { Clock } from '../lib/clock.js';
import type { MaybePromise } from '../lib/maybe-promise.js';
import type { AuthFailureGuard } from '../limits/auth-failure-guard.js';

export type AuthResult =
  | VerifyResult
  | { ok: false; code: 'RATE_LIMITED'; message: string; retryAfter: number; key?: VerifiedKey };

/**
 * Verifies a presented key for a request from `from`: at once for a cached key that passes
 * its checks, later for everything else.
 */
export type Authenticate = (presented: string, from: RequestSource) => MaybePromise<AuthResult>;

/** Where a request comes from: the client ip (see clientIp) and its Origin and Referer. */
export function sourceOf(request: Request, ip: string | null): RequestSource {
  return { ip, origin: request.headers.get('origin'), referer: request.headers.get('referer') };
}

export interface BruteForceOptions {
  guard: AuthFailureGuard;
  clock: Clock;
  /** The filter of stored digests (see KnownDigests). */
  known: KnownDigests;
  /** For verified keys: a cached key is a stored key. */
  cache: KeyCache;
}

/**
 * The request path's key check: verifyKey with the brute-force limiter around it. A cached
 * key that passes its checks (checkVerified) — nearly every request — is answered here at
 * once: one digest, one cache lookup, no async step; the limiter has nothing to count for
 * it. Everything else (unknown, uncached, refused keys) takes guardedVerify's path.
 */
export function createAuthenticate(
  deps: VerifyDeps & { guard: AuthFailureGuard; known: KnownDigests },
): Authenticate {
  const { cache, clock } = deps;
  const guarded = guardedVerify((presented, from) => verifyKey(deps, presented, from), deps);
  return (secret, from) => {
    const presented = presentKey(secret);
    if (presented.digest !== null) {
      const now = clock.now();
      const cached = cache.get(presented.digest, now.getTime());
      if (cached !== undefined) {
        const result = checkVerified(cached, now, from);
        // What guardedVerify answers as it is: nothing for the limiter to count.
        if (isNoGuess(result) || from.ip === null) return result;
      }
    }
    return guarded(presented, from);
  };
}

/**
 * Key verification with the brute-force limiter around it: every failure counts against the
 * client ip; an ip over the limit gets RATE_LIMITED (429) for its failing attempts, and its
 * keys that cannot be valid are refused without a database lookup. Valid keys still pass,
 * and a key that may be stored is verified before the limiter is asked at all: the
 * successful path costs the limiter nothing (with Redis, no round trip). The key is parsed
 * and digested once.
 */
export function guardedVerify(
  verify: (presented: PresentedKey, from: RequestSource) => Promise<VerifyResult>,
  { guard, clock, known, cache }: BruteForceOptions,
): (presented: PresentedKey, from: RequestSource) => Promise<AuthResult> {
  return async (presented, from) => {
    const ip = from.ip;
    if (ip === null) return verify(presented, from);
    const now = clock.now().getTime();
    // Without the database: a well-formed key that is cached or whose digest may be stored.
    const digest = presented.digest;
    const mightBeKey =
      digest !== null && (cache.get(digest, now) !== undefined || known.mightExist(digest));
    let wait: number | null = null;
    if (!mightBeKey) {
      wait = await guard.blocked(ip, now);
      if (wait !== null) {
        await guard.failed(ip, now);
        return slowDown(wait);
      }
    }
    const result = await verify(presented, from);
    if (isNoGuess(result)) return result;
    wait ??= await guard.blocked(ip, now);
    await guard.failed(ip, now);
    return wait === null ? result : slowDown(wait, result.key);
  };
}

/** A valid key, or a valid key used from the wrong place: no guess at a key. */
function isNoGuess(result: VerifyResult): boolean {
  return result.ok || result.code === 'ORIGIN_NOT_ALLOWED';
}

/** The answer to a failing attempt from an address over the limit. */
function slowDown(retryAfter: number, key?: VerifiedKey): AuthResult {
  return {
    ok: false,
    code: 'RATE_LIMITED',
    message: `too many failed authentication attempts from this address; retry in ${retryAfter} s`,
    retryAfter,
    ...(key ? { key } : {}),
  };
}
