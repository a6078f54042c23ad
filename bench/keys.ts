/**
 * The keys stage of `npm run bench` (issue 8): what verifying a key costs, and what it costs
 * with a million keys stored and under a flood of unknown keys. See bench/docs/keys.md.
 *
 * 1. cached verification on one core: the request path's key check (guardedVerify around
 *    verifyKey, as createApp composes them) for 10,000 hot keys in the verified-key cache.
 * 2. a flood of well-formed unknown keys (valid format and checksum, never stored) over HTTP
 *    from many client addresses, beside valid-key traffic: database lookups per distinct
 *    unknown key per minute, and valid-key throughput with the flood ÷ without it.
 * 3. verification latency with 1,000,000 keys stored ÷ with 1,000: database path (cache
 *    miss) and cached path, p50 and p99.
 * 4. the server's memory (VmRSS) with 1,000,000 keys stored and 10,000 hot keys cached.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashKey } from '../src/keys/hash-key.js';
import { generateKey } from '../src/keys/key-format.js';
import { cpuTicks, stealPercent } from './lib/cpu-steal.js';
import { processCpuSeconds } from './lib/cpu-time.js';
import { intFromEnv } from './lib/env.js';
import { clientAddresses, runKeyLoad } from './lib/keys-load.js';
import { randomInt, seededRandom, shuffle } from './lib/keys-random.js';
import { buildKeyStore, type KeyStore } from './lib/keys-store.js';
import { type KeysTarget, startKeysTarget } from './lib/keys-target.js';
import {
  type Latencies,
  openVerifiers,
  pairedLatencies,
  percentile,
  throughput,
  type Verifiers,
  warm,
} from './lib/keys-verify.js';
import { median } from './lib/load.js';
import type { SummaryRow } from './lib/report.js';

export interface KeysBenchSettings {
  /** BENCH_KEYS_STORED: keys in the large database. */
  stored: number;
  /** BENCH_KEYS_SMALL: keys in the small database (the baseline of measure 3). */
  small: number;
  /** BENCH_KEYS_PROJECTS: ENTERPRISE projects the keys are spread over (both databases). */
  projects: number;
  /** BENCH_KEYS_HOT: distinct keys kept in the verified-key cache. */
  hot: number;
  /** BENCH_KEYS_SEED: every choice of the bench (samples, order, addresses). */
  seed: number;
  /** BENCH_KEYS_VERIFY_CALLS, BENCH_KEYS_VERIFY_RUNS: measure 1. */
  verifyCalls: number;
  verifyRuns: number;
  /** BENCH_KEYS_LOOKUPS: verifications timed per database and round, per path (measure 3). */
  lookups: number;
  /** BENCH_KEYS_LATENCY_ROUNDS: rounds of measure 3, alternating the databases. */
  latencyRounds: number;
  /** BENCH_KEYS_FLOOD_KEYS: distinct unknown keys of the flood. */
  floodKeys: number;
  /** BENCH_KEYS_FLOOD_RATE: flood requests per second (open loop). */
  floodRate: number;
  /** BENCH_KEYS_FLOOD_IPS: client addresses the flood comes from. */
  floodIps: number;
  /** BENCH_KEYS_FLOOD_SECONDS, BENCH_KEYS_FLOOD_ROUNDS: one with and one without per round. */
  floodSeconds: number;
  floodRounds: number;
  /** BENCH_KEYS_CONNECTIONS: valid-key connections (closed loop) in measure 2. */
  connections: number;
  /** BENCH_KEYS_HOT_REQUESTS: requests per hot key before memory is read (measure 4). */
  hotRequests: number;
}

/** The stage's settings from BENCH_KEYS_* (see bench/docs/keys.md), with their defaults. */
export function keysSettingsFromEnv(): KeysBenchSettings {
  return {
    stored: intFromEnv('BENCH_KEYS_STORED', 1_000_000, 1_000),
    small: intFromEnv('BENCH_KEYS_SMALL', 1_000, 100),
    projects: intFromEnv('BENCH_KEYS_PROJECTS', 100, 1),
    hot: intFromEnv('BENCH_KEYS_HOT', 10_000, 100),
    seed: intFromEnv('BENCH_KEYS_SEED', 8, 0),
    verifyCalls: intFromEnv('BENCH_KEYS_VERIFY_CALLS', 100_000, 10_000),
    verifyRuns: intFromEnv('BENCH_KEYS_VERIFY_RUNS', 5, 1),
    lookups: intFromEnv('BENCH_KEYS_LOOKUPS', 4_000, 100),
    latencyRounds: intFromEnv('BENCH_KEYS_LATENCY_ROUNDS', 5, 1),
    floodKeys: intFromEnv('BENCH_KEYS_FLOOD_KEYS', 20_000, 100),
    floodRate: intFromEnv('BENCH_KEYS_FLOOD_RATE', 500, 10),
    floodIps: intFromEnv('BENCH_KEYS_FLOOD_IPS', 50_000, 1),
    floodSeconds: intFromEnv('BENCH_KEYS_FLOOD_SECONDS', 12, 2),
    floodRounds: intFromEnv('BENCH_KEYS_FLOOD_ROUNDS', 3, 1),
    connections: intFromEnv('BENCH_KEYS_CONNECTIONS', 10, 1),
    hotRequests: intFromEnv('BENCH_KEYS_HOT_REQUESTS', 2, 1),
  };
}

export const KEYS_TARGETS = {
  verifyPerSecond: 300_000,
  lookupsPerKeyPerMinute: 1,
  floodThroughputRatio: 0.8,
  p99Ratio: 1.2,
  rssMb: 200,
} as const;

/** Medians over rounds, in ms: wall-clock, and CPU time for the database path. */
export interface LatencyFigures {
  uncachedP50: number;
  uncachedP99: number;
  uncachedCpuP50: number;
  uncachedCpuP99: number;
  cachedP50: number;
  cachedP99: number;
}

export interface KeysBenchResult {
  settings: KeysBenchSettings;
  stores: { small: StoreFacts; large: StoreFacts };
  verify: {
    hotKeys: number;
    /** guardedVerify around verifyKey (the request path), per run and median, per second. */
    authenticateRuns: number[];
    authenticateMedian: number;
    /** verifyKey alone. */
    verifyKeyRuns: number[];
    verifyKeyMedian: number;
  };
  latency: {
    /** Keys in the cache of the cached path, on both sides. */
    hotKeys: number;
    small: LatencyFigures;
    large: LatencyFigures;
    smallRounds: LatencyFigures[];
    largeRounds: LatencyFigures[];
  };
  memory: {
    requests: number;
    keyCacheSize: number;
    /** /proc/<pid>/status right after the requests, in kB. */
    vmRssKb: number | null;
    vmHwmKb: number | null;
    rssAnonKb: number | null;
    rssFileKb: number | null;
    /** VmRSS again after a full garbage collection. */
    vmRssAfterGcKb: number | null;
    /** VmRSS once started (filter of known digests loaded), before any request. */
    vmRssAtStartKb: number | null;
    /** V8, after that collection. */
    heapUsedBytes: number;
    heapTotalBytes: number;
    externalBytes: number;
    arrayBuffersBytes: number;
  };
  flood: {
    clientIps: number;
    without: number[];
    with: number[];
    withoutMedian: number;
    withMedian: number;
    /** Flood responses by status, over every flood run. */
    floodStatuses: Record<string, number>;
    floodRequests: number;
    /** Achieved flood rate per run, requests per second. */
    floodRates: number[];
    /** Distinct unknown keys sent (about: the last few requests of a run may not have been). */
    distinctSent: number;
    /** Database lookups of the flood's digests. */
    lookups: number;
    distinctLooked: number;
    /** The most lookups of one flood key within any 60 s. */
    maxPerKeyPerMinute: number;
    /** From the first flood request to the last, in seconds. */
    spanSeconds: number;
    /** Lookups of valid (hot) keys meanwhile: re-reads after the cache TTL. */
    validLookups: number;
    /** The server process's CPU: share of one core, and time per request (ms). */
    server: {
      busyWithout: number;
      busyWith: number;
      cpuMsPerValid: number;
      cpuMsPerUnknown: number;
      /** Percent of the machine's CPU time stolen by the hypervisor, per phase. */
      stealWithout: number[];
      stealWith: number[];
    };
  };
  loadAverage: number[];
  seconds: number;
}

interface StoreFacts {
  stored: number;
  projects: number;
  seconds: number;
}

/** Valid keys may be refused by nothing: a quota far above the load (as bench/run.ts). */
const PLANS = { ENTERPRISE: { monthlyQuota: 1_000_000_000 } };

export async function runKeysBench(
  log: (line: string) => void,
  onStop: (stop: () => Promise<void>) => void,
): Promise<KeysBenchResult> {
  const settings = keysSettingsFromEnv();
  const began = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'keygate-bench-keys-'));
  const open = new Set<Verifiers>();
  /** Stops the server child, also while it is still starting. */
  let stopServer: (() => Promise<void>) | null = null;
  let stopped = false;
  const cleanup = async () => {
    if (stopped) return;
    stopped = true;
    await stopServer?.();
    await Promise.allSettled([...open].map((v) => v.close()));
    rmSync(dir, { recursive: true, force: true });
  };
  onStop(cleanup);
  try {
    const random = seededRandom(settings.seed);
    const build = async (name: string, stored: number) => {
      log(`keys: storing ${stored.toLocaleString('en-US')} keys in ${settings.projects} projects…`);
      const store = await buildKeyStore(join(dir, `${name}.sqlite`), {
        stored,
        projects: settings.projects,
        hot: settings.hot,
        // One share per round, and one for the warm-up.
        cold: settings.lookups * (settings.latencyRounds + 1),
        random,
        log,
      });
      log(`  stored in ${store.seconds.toFixed(1)} s`);
      return store;
    };
    const small = await build('small', settings.small);
    const large = await build('large', settings.stored);

    const smallV = await openVerifiers(small.path);
    open.add(smallV);
    const largeV = await openVerifiers(large.path);
    open.add(largeV);
    const verify = await measureVerify(settings, large, largeV, log);
    const latency = await measureLatency(settings, random, [small, smallV], [large, largeV], log);

    const floodKeys = Array.from({ length: settings.floodKeys }, () =>
      generateKey('SECRET', 'LIVE'),
    );
    await checkNotStored(largeV, floodKeys);
    for (const v of [smallV, largeV]) {
      await v.close();
      open.delete(v);
    }

    const plansFile = join(dir, 'plans.json');
    writeFileSync(plansFile, JSON.stringify(PLANS));
    log('keys: starting a server on the large database (NODE_ENV=production)…');
    const started = performance.now();
    const target = await startKeysTarget(
      large.path,
      {
        KEYGATE_PLANS_FILE: plansFile,
        KEYGATE_TRUST_PROXY: '1',
        KEYGATE_DRAIN_DELAY_MS: '0',
      },
      (stop) => {
        stopServer = stop;
      },
    );
    log(`  ${target.url} ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const memory = await measureMemory(settings, random, large, target, log);
    const flood = await measureFlood(settings, random, large, floodKeys, target, log);
    await target.stop();
    return {
      settings,
      stores: { small: facts(small), large: facts(large) },
      verify,
      latency,
      memory,
      flood,
      loadAverage: loadavg(),
      seconds: (performance.now() - began) / 1000,
    };
  } finally {
    await cleanup();
  }
}

const facts = (s: KeyStore): StoreFacts => ({
  stored: s.stored,
  projects: s.projects,
  seconds: s.seconds,
});

// ---------------------------------------------------------------------------------------
// 1. cached verification, one core

async function measureVerify(
  settings: KeysBenchSettings,
  store: KeyStore,
  v: Verifiers,
  log: (line: string) => void,
): Promise<KeysBenchResult['verify']> {
  const keys = store.hot;
  log(`keys: cached verification, ${keys.length} hot keys, ${settings.verifyRuns} runs…`);
  await warm(v.cached.authenticate, keys);
  if (v.cached.cache.size !== keys.length) {
    throw new Error(`${v.cached.cache.size} keys cached, expected ${keys.length}`);
  }
  const authenticateRuns: number[] = [];
  const verifyKeyRuns: number[] = [];
  for (let run = 1; run <= settings.verifyRuns; run++) {
    // Alternate the order, so drift in the machine's load hits both alike.
    const pair = [
      async () =>
        authenticateRuns.push(await throughput(v.cached.authenticate, keys, settings.verifyCalls)),
      async () => verifyKeyRuns.push(await throughput(v.cached.verify, keys, settings.verifyCalls)),
    ];
    for (const measure of run % 2 === 1 ? pair : pair.reverse()) await measure();
    log(
      `  run ${run}/${settings.verifyRuns}: request path ${int(authenticateRuns.at(-1) ?? 0)}/s, ` +
        `verifyKey alone ${int(verifyKeyRuns.at(-1) ?? 0)}/s`,
    );
  }
  if (v.cached.cache.size !== keys.length) {
    throw new Error(`the cache changed during the runs: ${v.cached.cache.size} keys`);
  }
  return {
    hotKeys: keys.length,
    authenticateRuns,
    authenticateMedian: median(authenticateRuns),
    verifyKeyRuns,
    verifyKeyMedian: median(verifyKeyRuns),
  };
}

// ---------------------------------------------------------------------------------------
// 3. 1M stored vs 1k stored

async function measureLatency(
  settings: KeysBenchSettings,
  random: () => number,
  [small, smallV]: [KeyStore, Verifiers],
  [large, largeV]: [KeyStore, Verifiers],
  log: (line: string) => void,
): Promise<KeysBenchResult['latency']> {
  log(
    `keys: verification latency, ${int(small.stored)} vs ${int(large.stored)} stored, ` +
      `${settings.latencyRounds} rounds × ${int(settings.lookups)} lookups + ` +
      `${int(settings.lookups * 10)} cached (${int(Math.min(small.hot.length, large.hot.length))} hot keys) per database…`,
  );
  // The same number of hot keys on both sides: the cached path compares stores, not caches.
  const hotCount = Math.min(small.hot.length, large.hot.length);
  const sides = [
    { store: small, v: smallV, cached: smallV.freshCached(), rounds: [] as LatencyFigures[] },
    { store: large, v: largeV, cached: largeV.freshCached(), rounds: [] as LatencyFigures[] },
  ];
  for (const side of sides) {
    // Steady state before timing: the page cache as a running server has it, the hot set cached.
    await warm(side.v.uncached.authenticate, side.store.cold.slice(-settings.lookups));
    await warm(side.cached.authenticate, side.store.hot.slice(0, hotCount));
  }
  for (let round = 1; round <= settings.latencyRounds; round++) {
    const uncached = await pairedLatencies(
      sides.map((side) => ({
        verify: side.v.uncached.authenticate,
        // Keys not timed before, at random among the stored ones (the small store: any).
        keys:
          side.store.cold.length >= settings.lookups * (settings.latencyRounds + 1)
            ? side.store.cold.slice((round - 1) * settings.lookups, round * settings.lookups)
            : shuffle(random, [...side.store.cold]),
      })),
      settings.lookups,
      { cpu: true },
    );
    const cached = await pairedLatencies(
      sides.map((side) => ({
        verify: side.cached.authenticate,
        keys: shuffle(random, side.store.hot.slice(0, hotCount)),
      })),
      // A cached verification takes microseconds: ten times the samples for a steadier p99.
      settings.lookups * 10,
    );
    sides.forEach((side, i) => {
      const db = uncached[i] as Latencies;
      const hot = cached[i] as Latencies;
      side.rounds.push({
        uncachedP50: percentile(db.wall, 50),
        uncachedP99: percentile(db.wall, 99),
        uncachedCpuP50: percentile(db.cpu ?? [], 50),
        uncachedCpuP99: percentile(db.cpu ?? [], 99),
        cachedP50: percentile(hot.wall, 50),
        cachedP99: percentile(hot.wall, 99),
      });
    });
    const [s, l] = [sides[0]?.rounds.at(-1), sides[1]?.rounds.at(-1)];
    log(
      `  round ${round}/${settings.latencyRounds}: database path p99 ${ms(s?.uncachedP99)} / ` +
        `${ms(l?.uncachedP99)} ms, cached p99 ${ms(s?.cachedP99)} / ${ms(l?.cachedP99)} ms ` +
        `(${int(small.stored)} / ${int(large.stored)} stored)`,
    );
  }
  const medians = (rounds: LatencyFigures[]): LatencyFigures => ({
    uncachedP50: median(rounds.map((r) => r.uncachedP50)),
    uncachedP99: median(rounds.map((r) => r.uncachedP99)),
    uncachedCpuP50: median(rounds.map((r) => r.uncachedCpuP50)),
    uncachedCpuP99: median(rounds.map((r) => r.uncachedCpuP99)),
    cachedP50: median(rounds.map((r) => r.cachedP50)),
    cachedP99: median(rounds.map((r) => r.cachedP99)),
  });
  const [s, l] = sides as [(typeof sides)[0], (typeof sides)[0]];
  return {
    hotKeys: hotCount,
    small: medians(s.rounds),
    large: medians(l.rounds),
    smallRounds: s.rounds,
    largeRounds: l.rounds,
  };
}

/** The flood's keys must be unknown: none of their digests is stored. */
async function checkNotStored(v: Verifiers, keys: readonly string[]): Promise<void> {
  const digests = keys.map(hashKey);
  for (let i = 0; i < digests.length; i += 500) {
    const found = await v.db
      .selectFrom('api_keys')
      .select('id')
      .where('digest', 'in', digests.slice(i, i + 500))
      .execute();
    if (found.length > 0) throw new Error('a flood key is stored');
  }
}

// ---------------------------------------------------------------------------------------
// 4. memory

async function measureMemory(
  settings: KeysBenchSettings,
  random: () => number,
  store: KeyStore,
  target: KeysTarget,
  log: (line: string) => void,
): Promise<KeysBenchResult['memory']> {
  const keys = shuffle(random, [...store.hot]);
  const amount = keys.length * settings.hotRequests;
  const atStart = procStatus(target.pid);
  log(`keys: ${int(amount)} requests with ${int(keys.length)} distinct keys, then memory…`);
  const result = await runKeyLoad('hot keys', {
    url: target.url,
    keys,
    connections: settings.connections,
    amount,
    expectStatus: 200,
  });
  const rss = procStatus(target.pid);
  const stats = await target.stats({ lookups: false, gc: true });
  const afterGc = procStatus(target.pid);
  if (stats.keyCacheSize < keys.length) {
    throw new Error(`only ${stats.keyCacheSize} of ${keys.length} hot keys are cached`);
  }
  log(
    `  VmRSS ${mb(kib(rss.vmRssKb))} MB (anonymous ${mb(kib(rss.rssAnonKb))}, file-backed ` +
      `${mb(kib(rss.rssFileKb))}; peak ${mb(kib(rss.vmHwmKb))} MB), after a full GC ` +
      `${mb(kib(afterGc.vmRssKb))} MB; V8 heap ${mb(stats.heapUsedBytes)} MB used of ` +
      `${mb(stats.heapTotalBytes)} MB; ${int(stats.keyCacheSize)} keys cached`,
  );
  return {
    requests: result.requests,
    keyCacheSize: stats.keyCacheSize,
    ...rss,
    vmRssAfterGcKb: afterGc.vmRssKb,
    vmRssAtStartKb: atStart.vmRssKb,
    heapUsedBytes: stats.heapUsedBytes,
    heapTotalBytes: stats.heapTotalBytes,
    externalBytes: stats.externalBytes,
    arrayBuffersBytes: stats.arrayBuffersBytes,
  };
}

interface ProcMemory {
  vmRssKb: number | null;
  vmHwmKb: number | null;
  rssAnonKb: number | null;
  rssFileKb: number | null;
}

/** The memory lines of /proc/<pid>/status, in kB (null where there is no /proc). */
function procStatus(pid: number): ProcMemory {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { vmRssKb: null, vmHwmKb: null, rssAnonKb: null, rssFileKb: null };
  }
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  };
  return {
    vmRssKb: kb('VmRSS'),
    vmHwmKb: kb('VmHWM'),
    rssAnonKb: kb('RssAnon'),
    rssFileKb: kb('RssFile'),
  };
}

const kib = (kb: number | null) => (kb ?? 0) * 1024;

// ---------------------------------------------------------------------------------------
// 2. flood of unknown keys

async function measureFlood(
  settings: KeysBenchSettings,
  random: () => number,
  store: KeyStore,
  floodKeys: readonly string[],
  target: KeysTarget,
  log: (line: string) => void,
): Promise<KeysBenchResult['flood']> {
  const valid = shuffle(random, [...store.hot]);
  const ips = shuffle(random, clientAddresses(settings.floodIps));
  // Each flood request picks one of the unknown keys at random (with replacement): keys come
  // back after seconds or minutes, whatever rate the server sustains.
  const floodOrder = Array.from(
    { length: FLOOD_ORDER },
    () => floodKeys[randomInt(random, floodKeys.length)] as string,
  );
  const seconds = settings.floodSeconds;
  log(
    `keys: flood of ${int(floodKeys.length)} unknown keys at ${int(settings.floodRate)}/s from ` +
      `${int(ips.length)} addresses beside ${settings.connections} valid-key connections, ` +
      `${settings.floodRounds} × (${seconds} s with, ${seconds} s without)…`,
  );
  const validLoad = (label: string, offset: number, duration = seconds) =>
    runKeyLoad(label, {
      url: target.url,
      keys: valid,
      connections: settings.connections,
      durationSeconds: duration,
      expectStatus: 200,
      offset,
    });
  // Warm-up: the valid-key path alone.
  let validNext = (await validLoad('warm-up', 0, 3)).next;
  const without: number[] = [];
  const withFlood: number[] = [];
  const floodStatuses: Record<string, number> = {};
  const floodRates: number[] = [];
  let floodNext = 0;
  let floodRequests = 0;
  let firstFlood = Number.POSITIVE_INFINITY;
  let lastFlood = 0;
  const cpuWithout: PhaseCpu[] = [];
  const cpuWith: PhaseCpu[] = [];
  for (let round = 1; round <= settings.floodRounds; round++) {
    const phases =
      round % 2 === 1 ? (['without', 'with'] as const) : (['with', 'without'] as const);
    for (const phase of phases) {
      const cpuBefore = procCpuSeconds(target.pid);
      const ticksBefore = cpuTicks();
      const began = performance.now();
      const used = () => ({
        cpuSeconds: procCpuSeconds(target.pid) - cpuBefore,
        wallSeconds: (performance.now() - began) / 1000,
        stealPct: stealPercent(ticksBefore, cpuTicks()),
      });
      if (phase === 'without') {
        const result = await validLoad(`round ${round} without flood`, validNext);
        validNext = result.next;
        without.push(result.perSecond);
        cpuWithout.push({ ...used(), valid: result.requests, flood: 0 });
        continue;
      }
      firstFlood = Math.min(firstFlood, Date.now());
      const [result, flood] = await Promise.all([
        validLoad(`round ${round} with flood`, validNext),
        runKeyLoad(`round ${round} flood`, {
          url: target.url,
          keys: floodOrder,
          clientIps: ips,
          connections: Math.max(10, Math.ceil(settings.floodRate / 100)),
          durationSeconds: seconds,
          rate: settings.floodRate,
          expectStatus: 401,
          offset: floodNext,
        }),
      ]);
      lastFlood = Date.now();
      cpuWith.push({ ...used(), valid: result.requests, flood: flood.requests });
      validNext = result.next;
      floodNext = flood.next;
      withFlood.push(result.perSecond);
      floodRequests += flood.requests;
      floodRates.push(flood.perSecond);
      for (const [code, n] of Object.entries(flood.statuses)) {
        floodStatuses[code] = (floodStatuses[code] ?? 0) + n;
      }
    }
    log(
      `  round ${round}/${settings.floodRounds}: valid keys ${int(without.at(-1) ?? 0)}/s without, ` +
        `${int(withFlood.at(-1) ?? 0)}/s with the flood (${int(floodRates.at(-1) ?? 0)} unknown/s); ` +
        `CPU stolen ${pct(cpuWithout.at(-1)?.stealPct)} without, ${pct(cpuWith.at(-1)?.stealPct)} with`,
    );
  }
  const stats = await target.stats({ lookups: true, gc: false });
  const sent = new Set<string>();
  for (let i = 0; i < Math.min(floodNext, FLOOD_ORDER); i++) sent.add(floodOrder[i] as string);
  const floodDigests = new Set(floodKeys.map(hashKey));
  let lookups = 0;
  let distinctLooked = 0;
  let maxPerKeyPerMinute = 0;
  let validLookups = 0;
  for (const [digest, times] of stats.lookups ?? []) {
    if (!floodDigests.has(digest)) {
      validLookups += times.filter((t) => t >= firstFlood).length;
      continue;
    }
    lookups += times.length;
    distinctLooked++;
    maxPerKeyPerMinute = Math.max(maxPerKeyPerMinute, mostWithin(times, 60_000));
  }
  return {
    clientIps: ips.length,
    without,
    with: withFlood,
    withoutMedian: median(without),
    withMedian: median(withFlood),
    floodStatuses,
    floodRequests,
    floodRates,
    distinctSent: sent.size,
    lookups,
    distinctLooked,
    maxPerKeyPerMinute,
    spanSeconds: (lastFlood - firstFlood) / 1000,
    validLookups,
    server: serverCpu(cpuWithout, cpuWith),
  };
}

interface PhaseCpu {
  cpuSeconds: number;
  wallSeconds: number;
  /** Percent of the machine's CPU time stolen by the hypervisor meanwhile. */
  stealPct: number;
  /** Requests answered: valid keys, and the flood's. */
  valid: number;
  flood: number;
}

/**
 * What the server's process spent (from /proc): how busy it was, and its CPU time per valid
 * request (phases without the flood) and per unknown-key request (the rest of the phases
 * with it), medians over the phases.
 */
function serverCpu(without: PhaseCpu[], withFlood: PhaseCpu[]): KeysBenchResult['flood']['server'] {
  const perValid = median(without.map((p) => p.cpuSeconds / p.valid));
  return {
    busyWithout: median(without.map((p) => p.cpuSeconds / p.wallSeconds)),
    busyWith: median(withFlood.map((p) => p.cpuSeconds / p.wallSeconds)),
    cpuMsPerValid: perValid * 1000,
    cpuMsPerUnknown:
      median(withFlood.map((p) => (p.cpuSeconds - p.valid * perValid) / p.flood)) * 1000,
    stealWithout: without.map((p) => Math.round(p.stealPct * 10) / 10),
    stealWith: withFlood.map((p) => Math.round(p.stealPct * 10) / 10),
  };
}

/** A percentage as the round lines print it (`–` where /proc could not be read). */
function pct(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '–' : `${value.toFixed(1)} %`;
}

/** CPU seconds of process `pid` so far; NaN where /proc cannot say. */
function procCpuSeconds(pid: number): number {
  return processCpuSeconds(pid) ?? Number.NaN;
}

/** Length of the flood's sequence of keys (it cycles after). */
const FLOOD_ORDER = 200_000;

/** The most of `times` (ms) within any window of `windowMs` (t − window, t]. */
function mostWithin(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let from = 0;
  for (let i = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[from] as number) >= windowMs) from++;
    most = Math.max(most, i - from + 1);
  }
  return most;
}

// ---------------------------------------------------------------------------------------
// the result

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number | undefined) => (n === undefined ? '?' : n.toFixed(3));
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
const ratio = (a: number, b: number) => a / b;
const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');

function figures(r: KeysBenchResult) {
  const { latency: l, flood: f, memory: m } = r;
  const rssMb = m.vmRssKb === null ? null : m.vmRssKb / 1024;
  return {
    verifyMet: r.verify.authenticateMedian >= KEYS_TARGETS.verifyPerSecond,
    lookupsMet: f.maxPerKeyPerMinute <= KEYS_TARGETS.lookupsPerKeyPerMinute,
    floodRatio: ratio(f.withMedian, f.withoutMedian),
    // A server with one core to itself, serving valid keys as fast as it can, under the
    // flood at its nominal rate: what the unknown keys' CPU time leaves for valid ones.
    floodCpuRatio: 1 - (r.settings.floodRate * f.server.cpuMsPerUnknown) / 1000,
    uncachedP99Ratio: ratio(l.large.uncachedP99, l.small.uncachedP99),
    uncachedP50Ratio: ratio(l.large.uncachedP50, l.small.uncachedP50),
    uncachedCpuP99Ratio: ratio(l.large.uncachedCpuP99, l.small.uncachedCpuP99),
    uncachedCpuP50Ratio: ratio(l.large.uncachedCpuP50, l.small.uncachedCpuP50),
    cachedP99Ratio: ratio(l.large.cachedP99, l.small.cachedP99),
    cachedP50Ratio: ratio(l.large.cachedP50, l.small.cachedP50),
    rssMb,
  };
}

export function keysSummaryRows(r: KeysBenchResult): SummaryRow[] {
  const x = figures(r);
  const s = r.settings;
  const f = r.flood;
  // Only the database path depends on the keys stored; the cached path (the same code, the
  // same number of keys cached, no database) is the control: its ratio is the noise level.
  const p99Met = x.uncachedP99Ratio <= KEYS_TARGETS.p99Ratio;
  return [
    {
      id: 'keys.verify-cached',
      measure: `cached key verification, one core (${int(r.verify.hotKeys)} hot keys)`,
      result: `${int(r.verify.authenticateMedian)}/s`,
      target: `≥ ${int(KEYS_TARGETS.verifyPerSecond)}/s`,
      met: x.verifyMet,
      values: {
        perSecond: r.verify.authenticateMedian,
        runsPerSecond: r.verify.authenticateRuns,
        verifyKeyPerSecond: r.verify.verifyKeyMedian,
        verifyKeyRunsPerSecond: r.verify.verifyKeyRuns,
      },
    },
    {
      id: 'keys.flood-lookups',
      measure: `flood of ${int(s.floodKeys)} unknown keys: database lookups per key per minute`,
      result: `${f.maxPerKeyPerMinute} at most`,
      target: `≤ ${KEYS_TARGETS.lookupsPerKeyPerMinute}`,
      met: x.lookupsMet,
      values: {
        maxPerKeyPerMinute: f.maxPerKeyPerMinute,
        lookups: f.lookups,
        distinctKeysLooked: f.distinctLooked,
        distinctKeysSent: f.distinctSent,
        floodRequests: f.floodRequests,
        spanSeconds: f.spanSeconds,
      },
    },
    {
      id: 'keys.flood-throughput',
      measure: `valid-key throughput during the flood (${int(s.floodRate)} unknown/s) ÷ without`,
      result: `${x.floodRatio.toFixed(2)}× (flood ${int(median(f.floodRates))}/s achieved)`,
      target: `≥ ${KEYS_TARGETS.floodThroughputRatio}×`,
      met: x.floodRatio >= KEYS_TARGETS.floodThroughputRatio,
      values: {
        ratio: x.floodRatio,
        withPerSecond: f.with,
        withoutPerSecond: f.without,
        floodRatePerSecond: f.floodRates,
        serverBusyWithout: f.server.busyWithout,
        serverBusyWith: f.server.busyWith,
        serverCpuMsPerValid: f.server.cpuMsPerValid,
        serverCpuMsPerUnknown: f.server.cpuMsPerUnknown,
        stealPctWithout: f.server.stealWithout,
        stealPctWith: f.server.stealWith,
        cpuEstimateRatio: x.floodCpuRatio,
      },
    },
    {
      id: 'keys.verify-1m-vs-1k',
      measure: `verify p99 on a cache miss, ${int(r.stores.large.stored)} ÷ ${int(r.stores.small.stored)} keys stored`,
      result: `${x.uncachedP99Ratio.toFixed(2)}× (cached, control: ${x.cachedP99Ratio.toFixed(2)}×)`,
      target: `≤ ${KEYS_TARGETS.p99Ratio}×`,
      met: p99Met,
      values: {
        uncachedP99Ratio: x.uncachedP99Ratio,
        cachedP99Ratio: x.cachedP99Ratio,
        uncachedP50Ratio: x.uncachedP50Ratio,
        cachedP50Ratio: x.cachedP50Ratio,
        uncachedCpuP99Ratio: x.uncachedCpuP99Ratio,
        uncachedCpuP50Ratio: x.uncachedCpuP50Ratio,
        smallUncachedP99Ms: r.latency.small.uncachedP99,
        largeUncachedP99Ms: r.latency.large.uncachedP99,
        smallCachedP99Ms: r.latency.small.cachedP99,
        largeCachedP99Ms: r.latency.large.cachedP99,
        smallUncachedP50Ms: r.latency.small.uncachedP50,
        largeUncachedP50Ms: r.latency.large.uncachedP50,
      },
    },
    {
      id: 'keys.rss-1m',
      measure: `server RSS, ${int(r.stores.large.stored)} keys stored, ${int(r.memory.keyCacheSize)} cached`,
      result: x.rssMb === null ? 'no /proc: not measured' : `${x.rssMb.toFixed(0)} MB`,
      target: `≤ ${KEYS_TARGETS.rssMb} MB`,
      met: x.rssMb === null ? null : x.rssMb <= KEYS_TARGETS.rssMb,
      values: {
        vmRssKb: r.memory.vmRssKb,
        vmHwmKb: r.memory.vmHwmKb,
        vmRssAfterGcKb: r.memory.vmRssAfterGcKb,
        vmRssAtStartKb: r.memory.vmRssAtStartKb,
        heapUsedBytes: r.memory.heapUsedBytes,
        heapTotalBytes: r.memory.heapTotalBytes,
      },
    },
  ];
}

export function formatKeysResult(r: KeysBenchResult): string {
  const x = figures(r);
  const { settings: s, latency: l, flood: f, memory: m } = r;
  const rows: string[][] = [
    ['measure', 'result', 'target', ''],
    ...keysSummaryRows(r).map((row) => [
      row.measure,
      row.result,
      row.target,
      row.met === null ? 'NOT MEASURED' : verdict(row.met),
    ]),
  ];
  const widths =
    rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const runs = (values: number[]) => values.map(int).join(' / ');
  const lat = (name: string, a: LatencyFigures) =>
    `${name}: database path p50 ${ms(a.uncachedP50)} / p99 ${ms(a.uncachedP99)} ms ` +
    `(CPU time p50 ${ms(a.uncachedCpuP50)} / p99 ${ms(a.uncachedCpuP99)} ms), ` +
    `cached p50 ${ms(a.cachedP50)} / p99 ${ms(a.cachedP99)} ms`;
  const statuses = Object.entries(f.floodStatuses)
    .map(([code, n]) => `${int(n)}× ${code}`)
    .join(', ');
  return [
    '',
    `Keygate keys bench: ${int(s.stored)} and ${int(s.small)} keys stored in ${s.projects} ` +
      `ENTERPRISE projects, ${int(s.hot)} hot, seed ${s.seed}`,
    '',
    line(rows[0] ?? []),
    rule,
    ...rows.slice(1).map(line),
    '',
    `verification runs (${int(s.verifyCalls)} calls each, median of ${s.verifyRuns}): request ` +
      `path (guardedVerify + verifyKey) ${runs(r.verify.authenticateRuns)}/s; verifyKey alone ` +
      `${runs(r.verify.verifyKeyRuns)}/s (median ${int(r.verify.verifyKeyMedian)}/s)`,
    `flood: ${int(f.floodRequests)} unknown-key requests (${statuses}) with ` +
      `${int(f.distinctSent)} distinct keys from ${int(f.clientIps)} addresses over ` +
      `${f.spanSeconds.toFixed(0)} s; ${int(f.lookups)} database lookups of ` +
      `${int(f.distinctLooked)} distinct unknown keys; ${int(f.validLookups)} lookups of valid ` +
      'keys meanwhile (cache TTL)',
    `valid keys (${s.connections} connections): ${runs(f.without)}/s without, ${runs(f.with)}/s ` +
      `with the flood (${runs(f.floodRates)} unknown/s achieved); medians ` +
      `${int(f.withoutMedian)} / ${int(f.withMedian)}/s`,
    `server process: ${f.server.busyWithout.toFixed(2)} of a core busy without the flood, ` +
      `${f.server.busyWith.toFixed(2)} with it; CPU ${f.server.cpuMsPerValid.toFixed(2)} ms per ` +
      `valid request, ${f.server.cpuMsPerUnknown.toFixed(2)} ms per unknown-key request; one ` +
      `core of its own under ${int(s.floodRate)} unknown/s would keep ` +
      `${x.floodCpuRatio.toFixed(2)}× of its valid-key throughput` +
      (f.server.busyWithout < 0.9
        ? ' (it got less than a core without the flood: the busy machine limited the load)'
        : ''),
    `latency, medians of ${s.latencyRounds} rounds, the two stores taking turns call by call ` +
      `(database path: ${int(s.lookups)} keys not timed before; cached: ${int(s.lookups * 10)} ` +
      `verifications of ${int(l.hotKeys)} hot keys on both sides):`,
    `  ${lat(`${int(r.stores.small.stored)} stored`, l.small)}`,
    `  ${lat(`${int(r.stores.large.stored)} stored`, l.large)}`,
    `  ratios: database path p50 ${x.uncachedP50Ratio.toFixed(2)}× p99 ` +
      `${x.uncachedP99Ratio.toFixed(2)}× (CPU time p50 ${x.uncachedCpuP50Ratio.toFixed(2)}× p99 ` +
      `${x.uncachedCpuP99Ratio.toFixed(2)}×), cached p50 ${x.cachedP50Ratio.toFixed(2)}× p99 ` +
      `${x.cachedP99Ratio.toFixed(2)}×`,
    `memory: VmRSS ${mb(kib(m.vmRssAtStartKb))} MB once started; after ${int(m.requests)} requests: VmRSS ${mb(kib(m.vmRssKb))} MB (anonymous ` +
      `${mb(kib(m.rssAnonKb))}, file-backed ${mb(kib(m.rssFileKb))}; peak ` +
      `${mb(kib(m.vmHwmKb))} MB), ${mb(kib(m.vmRssAfterGcKb))} MB after a full GC; then V8 heap ` +
      `${mb(m.heapUsedBytes)} MB used of ${mb(m.heapTotalBytes)} MB, external ` +
      `${mb(m.externalBytes)} MB (ArrayBuffers ${mb(m.arrayBuffersBytes)} MB)`,
    `stores built in ${r.stores.small.seconds.toFixed(1)} s and ` +
      `${r.stores.large.seconds.toFixed(1)} s; stage took ${Math.round(r.seconds)} s, load ` +
      `average ${r.loadAverage.map((n) => n.toFixed(2)).join(' ')}`,
    '',
  ].join('\n');
}
