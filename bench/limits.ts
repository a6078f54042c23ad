/**
 * The limits stage of `npm run bench`: what the per-request limit checks cost on one core —
 * the sliding-window limiter alone, and RequestLimits.admit (rate limit + monthly quota) as
 * the full path runs it — for 10,000 hot keys, as time per request and as a share of one
 * full-path request at the HTTP stage's rate.
 */
import type { Db } from '../src/db/create-db.js';
import { compileRestrictions } from '../src/keys/restrictions.js';
import type { VerifiedKey } from '../src/keys/verified-key.js';
import { DEFAULT_PLANS } from '../src/limits/plans.js';
import { MemoryQuotaStore } from '../src/limits/quota-store.js';
import { RequestLimits } from '../src/limits/request-limits.js';
import { SlidingWindowLimiter } from '../src/limits/sliding-window-limiter.js';
import { median } from './lib/load.js';

export interface LimitsBenchResult {
  keys: number;
  calls: number;
  /** Median over runs, in calls per second. */
  limiterPerSecond: number;
  admitPerSecond: number;
}

const KEYS = 10_000;
const CALLS = 1_000_000;
const RUNS = 3;

function fakeKey(i: number): VerifiedKey {
  const id = `key_bench${i}`;
  return {
    key: { id, rateLimitPerMinute: 1_000_000, usageLimit: null } as VerifiedKey['key'],
    project: { id: `prj_bench${i % 100}`, plan: 'ENTERPRISE' } as VerifiedKey['project'],
    plan: DEFAULT_PLANS.ENTERPRISE,
    held: new Set(),
    grants: new Set(),
    restrictions: compileRestrictions([], []),
    policyExpiresAt: null,
    endsAt: null,
  };
}

export async function runLimitsBench(log: (line: string) => void): Promise<LimitsBenchResult> {
  const keys = Array.from({ length: KEYS }, (_, i) => fakeKey(i));
  const ids = keys.map((k) => `key:${k.key.id}`);
  const start = Date.UTC(2026, 10, 28, 12);
  const limiterRates: number[] = [];
  const admitRates: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const limiter = new SlidingWindowLimiter();
    let t0 = performance.now();
    for (let i = 0; i < CALLS; i++) {
      // 1,000 calls per simulated millisecond: every slot of the window is visited.
      limiter.take(ids[i % KEYS] as string, 1_000_000, start + Math.floor(i / 1000));
    }
    limiterRates.push(CALLS / ((performance.now() - t0) / 1000));

    // ENTERPRISE has no quota; give it one here so that the quota counter is priced too.
    const withQuota = new RequestLimits({
      db: null as unknown as Db, // never touched: no key here has a usageLimit
      plans: {
        ...DEFAULT_PLANS,
        ENTERPRISE: { ...DEFAULT_PLANS.ENTERPRISE, monthlyQuota: 1_000_000_000 },
      },
      limiter: new SlidingWindowLimiter(),
      quotas: new MemoryQuotaStore(async () => 0),
    });
    t0 = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const result = await withQuota.admit(
        keys[i % KEYS] as VerifiedKey,
        start + Math.floor(i / 1000),
      );
      if (!result.ok) throw new Error(`bench: admit refused: ${result.message}`);
    }
    admitRates.push(CALLS / ((performance.now() - t0) / 1000));
    log(
      `limits run ${run}/${RUNS}: limiter ${Math.round(limiterRates.at(-1) ?? 0)} takes/s, admit ${Math.round(admitRates.at(-1) ?? 0)}/s`,
    );
  }
  return {
    keys: KEYS,
    calls: CALLS,
    limiterPerSecond: median(limiterRates),
    admitPerSecond: median(admitRates),
  };
}

/** `fullPathPerSecond`: the HTTP stage's Keygate median, when it ran. */
export function formatLimitsResult(r: LimitsBenchResult, fullPathPerSecond: number | null): string {
  const us = (perSecond: number) => (1e6 / perSecond).toFixed(2);
  const share =
    fullPathPerSecond === null
      ? 'n/a (run the http stage too)'
      : `${((fullPathPerSecond / r.admitPerSecond) * 100).toFixed(2)} % of a full-path request`;
  return [
    '',
    `Limits (one core, ${r.keys.toLocaleString('en')} hot keys, ${r.calls.toLocaleString('en')} calls, median of ${RUNS}):`,
    `  sliding-window take           ${Math.round(r.limiterPerSecond).toLocaleString('en')} /s  (${us(r.limiterPerSecond)} µs)`,
    `  admit: rate limit + quota     ${Math.round(r.admitPerSecond).toLocaleString('en')} /s  (${us(r.admitPerSecond)} µs) = ${share}`,
  ].join('\n');
}
