/**
 * The keys stage's in-process measures: key verification as the request path runs it, on
 * one core, against a database opened as `keygate serve` opens it.
 */
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/create-db.js';
import { type Authenticate, createAuthenticate } from '../../src/http/authenticate.js';
import { KeyCache } from '../../src/keys/key-cache.js';
import { KnownDigests } from '../../src/keys/known-digests.js';
import { type RequestSource, type VerifyDeps, verifyKey } from '../../src/keys/verify-key.js';
import { systemClock } from '../../src/lib/clock.js';
import { isPromise, type MaybePromise } from '../../src/lib/maybe-promise.js';
import { AuthFailureGuard } from '../../src/limits/auth-failure-guard.js';
import { DEFAULT_PLANS } from '../../src/limits/plans.js';
import { SlidingWindowLimiter } from '../../src/limits/sliding-window-limiter.js';
import { openDatabase } from '../../src/server.js';

/** Where the bench's requests come from: a client without Origin, as the HTTP stage's. */
export const FROM: RequestSource = { ip: '203.0.113.7', origin: null, referer: null };

/**
 * Cached entries live this long in the bench's caches (the server's default is 60 s): long
 * enough that no entry expires in the middle of a measure, which would time a database
 * lookup as a cached verification. The cached path itself does not depend on the TTL.
 */
const BENCH_TTL_MS = 3_600_000;

export interface Verifier {
  db: Db;
  /** verifyKey with the deps createApp gives it, around a cache of its own. */
  verify(presented: string): ReturnType<typeof verifyKey>;
  /** What the request path calls: guardedVerify around verifyKey, composed as in createApp. */
  authenticate: (presented: string) => ReturnType<Authenticate>;
  cache: KeyCache;
}

export interface Verifiers {
  db: Db;
  /** With a cache that keeps verified keys. */
  cached: Verifier;
  /** Another one, with an empty cache of its own. */
  freshCached(): Verifier;
  /** With a cache that keeps nothing (TTL 0): every verification looks the key up. */
  uncached: Verifier;
  close(): Promise<void>;
}

/**
 * Verifiers on the SQLite file at `dbPath`, opened as `keygate serve` opens it, with the
 * filter of known digests loaded from it as the server loads it at start.
 */
export async function openVerifiers(dbPath: string): Promise<Verifiers> {
  const db = await openDatabase(loadConfig({ KEYGATE_DB: dbPath }));
  const knownDigests = new KnownDigests();
  await knownDigests.load(db);
  return {
    db,
    cached: verifier(db, knownDigests, BENCH_TTL_MS),
    freshCached: () => verifier(db, knownDigests, BENCH_TTL_MS),
    uncached: verifier(db, knownDigests, 0),
    close: () => db.destroy(),
  };
}

function verifier(db: Db, knownDigests: KnownDigests, ttlMs: number): Verifier {
  const clock = systemClock;
  const cache = new KeyCache({ ttlMs });
  const deps: VerifyDeps = { db, cache, clock, plans: DEFAULT_PLANS };
  // What createApp (src/app.ts) builds: verifyKey inside the guard.
  const verify = (presented: string, from: RequestSource) => verifyKey(deps, presented, from);
  const guard = new AuthFailureGuard({ limiter: new SlidingWindowLimiter(), perMinute: 30 });
  const authenticate = createAuthenticate({ ...deps, known: knownDigests, guard });
  return {
    db,
    cache,
    verify: (presented) => verify(presented, FROM),
    authenticate: (presented) => authenticate(presented, FROM),
  };
}

/** Verifies every key once (filling the cache); throws unless each one is valid. */
export async function warm(
  verify: (presented: string) => MaybePromise<{ ok: boolean }>,
  keys: readonly string[],
): Promise<void> {
  for (const key of keys) {
    const result = await verify(key);
    if (!result.ok) throw new Error(`a stored key did not verify: ${JSON.stringify(result)}`);
  }
}

/** `calls` verifications cycling over `keys`, timed as a whole: verifications per second. */
export async function throughput(
  verify: (presented: string) => MaybePromise<{ ok: boolean }>,
  keys: readonly string[],
  calls: number,
): Promise<number> {
  let failed = 0;
  const n = keys.length;
  const started = performance.now();
  for (let i = 0; i < calls; i++) {
    // As the request path does: a cached key's answer is there at once, without an await.
    const answer = verify(keys[i % n] as string);
    if (!(isPromise(answer) ? await answer : answer).ok) failed++;
  }
  const seconds = (performance.now() - started) / 1000;
  if (failed > 0) throw new Error(`${failed} of ${calls} verifications failed`);
  return calls / seconds;
}

export interface Latencies {
  /** Wall-clock time of each verification, ms. */
  wall: number[];
  /**
   * CPU time of the process during each one (user + system, ms; null unless asked): unlike
   * wall-clock time it excludes the time the process waited for a core on a busy machine.
   */
  cpu: number[] | null;
}

export interface TimedSide {
  verify: (presented: string) => MaybePromise<{ ok: boolean }>;
  /** Presented in this order, cycling. */
  keys: readonly string[];
}

/**
 * `calls` verifications per side, each timed alone, the sides taking turns call by call (in
 * alternating order): a busy machine slows every side alike, so their ratio holds.
 */
export async function pairedLatencies(
  sides: readonly TimedSide[],
  calls: number,
  { cpu = false }: { cpu?: boolean } = {},
): Promise<Latencies[]> {
  const out: Latencies[] = sides.map(() => ({
    wall: new Array<number>(calls),
    cpu: cpu ? new Array<number>(calls) : null,
  }));
  const reversed = sides.map((_, i) => sides.length - 1 - i);
  const forward = sides.map((_, i) => i);
  let failed = 0;
  for (let i = 0; i < calls; i++) {
    for (const s of i % 2 === 0 ? forward : reversed) {
      const side = sides[s] as TimedSide;
      const times = out[s] as Latencies;
      const key = side.keys[i % side.keys.length] as string;
      const cpuStart = times.cpu === null ? null : process.cpuUsage();
      const started = performance.now();
      const answer = side.verify(key);
      const result = isPromise(answer) ? await answer : answer;
      times.wall[i] = performance.now() - started;
      if (times.cpu !== null && cpuStart !== null) {
        const used = process.cpuUsage(cpuStart);
        times.cpu[i] = (used.user + used.system) / 1000;
      }
      if (!result.ok) failed++;
    }
  }
  if (failed > 0) throw new Error(`${failed} of ${calls * sides.length} verifications failed`);
  return out;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}
