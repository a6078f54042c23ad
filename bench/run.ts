/**
 * `npm run bench`: Keygate's full request path (in-memory limits; with Redis limits; on
 * PostgreSQL with Redis; without any of Keygate's plugins) against plain graphql-yoga serving
 * the same schema, resolvers and data; then the limits stage (bench/limits.ts), the keys stage
 * (verification, a flood of unknown keys, 1M keys stored, memory: bench/keys.ts) and the usage
 * stage (ingest rate on SQLite and PostgreSQL, usage query latency, bench/usage.ts). It ends
 * with issue 8's summary table (every target, met or not), also written as JSON to
 * bench/results/. `BENCH_ONLY=http|limits|keys|usage` runs one stage alone.
 * See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/server.js';
import { formatKeysResult, keysSummaryRows, runKeysBench } from './keys.js';
import { BenchDatabases, benchDatabaseUrl } from './lib/bench-postgres.js';
import {
  benchRedisPrefix,
  benchRedisUrl,
  deleteRedisKeys,
  displayRedisUrl,
  quotaCounted,
  reachRedis,
} from './lib/bench-redis.js';
import { copySqliteToPostgres } from './lib/copy-to-postgres.js';
import { httpPinning, pin } from './lib/cpu-pinning.js';
import { cpuTicks, stealPercent } from './lib/cpu-steal.js';
import { processCpuSeconds } from './lib/cpu-time.js';
import { intFromEnv } from './lib/env.js';
import { type LoadResult, median, runLoad } from './lib/load.js';
import { checkAnswer } from './lib/query.js';
import { formatSummary, type SummaryRow, writeSummary } from './lib/report.js';
import { seedDatabase } from './lib/seed.js';
import { type RunningTarget, startTarget } from './lib/target-process.js';
import { formatLimitsResult, runLimitsBench } from './limits.js';
import {
  DEFAULT_STORED_EVENTS,
  formatUsageResult,
  runUsageBench,
  type UsageBenchSettings,
  usageSummaryRows,
} from './usage.js';

interface Settings {
  durationSeconds: number;
  rounds: number;
  connections: number;
  warmupSeconds: number;
}

const settings: Settings = {
  durationSeconds: intFromEnv('BENCH_DURATION', 10, 1),
  rounds: intFromEnv('BENCH_ROUNDS', 3, 1),
  connections: intFromEnv('BENCH_CONNECTIONS', 50, 1),
  warmupSeconds: intFromEnv('BENCH_WARMUP', 5, 1),
};

/** The HTTP stage's CPUs: autocannon on one, the servers on the others (BENCH_PIN=off: none). */
const pinning = httpPinning();

const STAGES = ['http', 'limits', 'keys', 'usage'] as const;
const only = process.env.BENCH_ONLY ?? '';
if (only !== '' && !(STAGES as readonly string[]).includes(only)) {
  process.stderr.write(
    `BENCH_ONLY must be one of ${STAGES.join(', ')} (or unset for all), got "${only}"\n`,
  );
  process.exit(2);
}

const usageSettings: UsageBenchSettings = {
  ingestEvents: intFromEnv('BENCH_USAGE_EVENTS', 70_000, 1_000),
  ingestRuns: intFromEnv('BENCH_USAGE_RUNS', 3, 1),
  storedEvents: intFromEnv('BENCH_USAGE_STORED', DEFAULT_STORED_EVENTS, 1_000),
  queryRequests: intFromEnv('BENCH_USAGE_REQUESTS', 200, 1),
  warmup: intFromEnv('BENCH_USAGE_WARMUP', 10, 0),
  databaseUrl: benchDatabaseUrl(),
};

/** The HTTP stage's targets, in this order in the table; `plain` is the baseline. */
const TARGETS = [
  { name: 'keygate', entry: 'keygate.ts' },
  { name: 'keygate+redis', entry: 'keygate.ts' },
  { name: 'keygate+pg+redis', entry: 'keygate.ts' },
  { name: 'keygate-bare', entry: 'keygate-bare.ts' },
  { name: 'plain', entry: 'plain.ts' },
] as const;
type TargetName = (typeof TARGETS)[number]['name'];

/** BENCH_TARGETS=keygate,plain measures only those (a quicker A/B); unset: all. */
const wanted: ReadonlySet<string> | null = process.env.BENCH_TARGETS
  ? new Set(process.env.BENCH_TARGETS.split(',').map((name) => name.trim()))
  : null;
for (const name of wanted ?? []) {
  if (!TARGETS.some((t) => t.name === name)) {
    process.stderr.write(`BENCH_TARGETS: unknown target "${name}"\n`);
    process.exit(2);
  }
}

/**
 * Every Keygate target gives the bench project's plan (ENTERPRISE, unlimited by default) a
 * monthly quota far above the load, so that each request counts against a rate limit and a
 * quota — in memory, or in Redis — and none is refused.
 */
const PLANS = { ENTERPRISE: { monthlyQuota: 1_000_000_000 } };

/** Issue 8's rows, gathered from every stage; printed and written to bench/results/ at the end. */
const summary: SummaryRow[] = [];

/** Progress goes to stderr; the result table alone goes to stdout. */
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Child processes, stopped first; then `releases` (Redis keys, PostgreSQL databases). */
const stops: (() => Promise<void>)[] = [];
const releases: (() => Promise<void>)[] = [];
let tmp: string | null = null;
let cleaning: Promise<void> | null = null;

async function stopAll(): Promise<void> {
  await Promise.allSettled(stops.splice(0).map((stop) => stop()));
  for (const release of releases.splice(0)) {
    await release().catch((error: unknown) => log(`clean-up failed: ${String(error)}`));
  }
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await stopAll();
    if (tmp !== null) rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

// Ctrl-C reaches this process twice (from the terminal, and relayed by tsx): a second
// signal must not end it halfway through dropping its databases and Redis keys.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (cleaning !== null) return;
    log(`\n${signal}: stopping the targets, dropping the bench's databases and Redis keys…`);
    void cleanup().then(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  let fullPath: number | null = null;
  if (only === '' || only === 'http') fullPath = await httpStage();
  if (only === '' || only === 'limits') {
    await stopAll();
    log('limits stage: the per-request limit checks on one core…');
    console.log(formatLimitsResult(await runLimitsBench(log), fullPath));
  }
  if (only === '' || only === 'keys') {
    await stopAll();
    log('keys stage: cached verification, a flood of unknown keys, 1M keys stored, memory…');
    const result = await runKeysBench(log, (stop) => stops.push(stop));
    console.log(formatKeysResult(result));
    summary.push(...keysSummaryRows(result));
  }
  if (only === '' || only === 'usage') {
    // The HTTP targets are done: stop them so they take no memory or CPU from this stage.
    await stopAll();
    log('usage stage: ingest rate (SQLite, PostgreSQL), then usage queries with events stored…');
    const result = await runUsageBench(usageSettings, log, (stop) => stops.push(stop));
    console.log(formatUsageResult(result));
    summary.push(...usageSummaryRows(result));
  }
  console.log(formatSummary(summary));
  const file = writeSummary(summary, {
    commit: currentCommit(),
    settings: {
      only: only || 'all',
      ...settings,
      pinning: pinning === null ? 'off' : { load: pinning.load, targets: pinning.targets },
      usage: { ...usageSettings, databaseUrl: null },
    },
    seconds: (performance.now() - began) / 1000,
  });
  log(`summary written to ${relative(process.cwd(), file)} and bench/results/latest.json`);
}

const began = performance.now();

/** The commit measured (with `+dirty` when the tree has changes), or null outside git. */
function currentCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim();
    return dirty === '' ? head : `${head}+dirty`;
  } catch {
    return null;
  }
}

/** What a target is started with, or why it is not. */
type Plan =
  | { ok: true; config: Record<string, string>; redisPrefix: string | null }
  | { ok: false; reason: string };

/**
 * The configuration of each target. The Redis targets need Redis (BENCH_REDIS_URL); the
 * PostgreSQL one also needs a fresh database (from BENCH_DATABASE_URL) holding a copy of the
 * seeded SQLite file. Whatever is unreachable turns its target into a "not measured" row.
 */
async function planTargets(dbPath: string): Promise<Map<TargetName, Plan>> {
  const plansFile = join(tmp as string, 'plans.json');
  writeFileSync(plansFile, JSON.stringify(PLANS));
  const keygate = { KEYGATE_PLANS_FILE: plansFile };
  const plans = new Map<TargetName, Plan>([
    ['keygate', { ok: true, config: keygate, redisPrefix: null }],
    ['keygate-bare', { ok: true, config: keygate, redisPrefix: null }],
    ['plain', { ok: true, config: {}, redisPrefix: null }],
  ]);

  const redisUrl = benchRedisUrl();
  const redis =
    redisUrl === null
      ? ({ ok: false, reason: 'BENCH_REDIS_URL=off' } as const)
      : await reachRedis(redisUrl);
  if (!redis.ok || redisUrl === null) {
    plans.set('keygate+redis', redis as Plan);
    plans.set('keygate+pg+redis', redis as Plan);
    return plans;
  }
  const prefix = benchRedisPrefix();
  log(`Redis ${redis.version} at ${displayRedisUrl(redisUrl)}, key prefix ${prefix}`);
  releases.push(async () => {
    const deleted = await deleteRedisKeys(redisUrl, prefix);
    log(`deleted ${deleted} Redis keys under ${prefix}`);
  });
  const withRedis = (target: string) => ({
    ...keygate,
    REDIS_URL: redisUrl,
    KEYGATE_REDIS_PREFIX: `${prefix}${target}:`,
  });
  plans.set('keygate+redis', {
    ok: true,
    config: withRedis('redis'),
    redisPrefix: `${prefix}redis:`,
  });

  const adminUrl = benchDatabaseUrl();
  if (adminUrl === null) {
    plans.set('keygate+pg+redis', { ok: false, reason: 'BENCH_DATABASE_URL=off' });
    return plans;
  }
  const databases = new BenchDatabases(adminUrl);
  releases.push(() => databases.dropAll());
  const created = await databases.create();
  if (!created.ok) {
    plans.set('keygate+pg+redis', created);
    return plans;
  }
  const pgDb = await openDatabase(loadConfig({ DATABASE_URL: created.url }));
  try {
    const copied = await copySqliteToPostgres(dbPath, pgDb);
    const rows = Object.values(copied).reduce((a, b) => a + b, 0);
    log(`PostgreSQL database ${created.name}: migrated, ${rows} seeded rows copied from SQLite`);
  } finally {
    await pgDb.destroy();
  }
  plans.set('keygate+pg+redis', {
    ok: true,
    config: { ...withRedis('pg'), DATABASE_URL: created.url },
    redisPrefix: `${prefix}pg:`,
  });
  return plans;
}

/** One measured run: autocannon's figures and the target's CPU time per request. */
interface Measurement extends LoadResult {
  /** CPU time (user + system) the target process used per request, in µs; NaN without /proc. */
  cpuUs: number;
  /** Percent of the machine's CPU time the hypervisor stole during the run; NaN without /proc. */
  stealPct: number;
}

interface Measured {
  results: Map<TargetName, Measurement[]>;
  /** Why a target was not measured. */
  skipped: Map<TargetName, string>;
  /** Per Redis target: requests sent, and requests Redis counted against the quota. */
  redisCounts: Map<TargetName, { sent: number; counted: number }>;
}

/** Runs the HTTP comparison and prints its table; returns Keygate's median req/s. */
async function httpStage(): Promise<number> {
  const { durationSeconds, rounds, connections, warmupSeconds } = settings;
  if (rounds < 3) log(`note: BENCH_ROUNDS=${rounds}; medians mean little below 3 rounds`);

  tmp = mkdtempSync(join(tmpdir(), 'keygate-bench-'));
  const dbPath = join(tmp, 'bench.sqlite');
  log('seeding an ENTERPRISE project with 10 customers, 10 invoices and a SECRET key…');
  const { key } = await seedDatabase(dbPath);
  const plans = await planTargets(dbPath);
  const skipped = new Map<TargetName, string>();
  const chosen = TARGETS.filter((t) => {
    if (wanted !== null && !wanted.has(t.name)) {
      skipped.set(t.name, 'not in BENCH_TARGETS');
      return false;
    }
    const plan = plans.get(t.name);
    if (plan?.ok) return true;
    skipped.set(t.name, plan?.reason ?? 'not planned');
    log(`  ${t.name}: not measured: ${plan?.reason}`);
    return false;
  });

  // Each round runs on new processes: identical builds started twice have measured 8 % (one
  // machine) to 30 % (another) apart, steadily for the life of each process (V8's tiering
  // and heap layout differ per process), so the medians sample three processes per target
  // rather than crowning one process's luck. See bench/README.md.
  const startAll = async (round: number) => {
    log(`round ${round}: starting ${chosen.length} targets (a new child process each)…`);
    const started = await Promise.allSettled(
      chosen.map((t) => {
        const plan = plans.get(t.name) as Extract<Plan, { ok: true }>;
        return startTarget(t.name, t.entry, { dbPath, key, config: plan.config }, (stop) =>
          stops.push(stop),
        );
      }),
    );
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const running = started.map((s) => (s as PromiseFulfilledResult<RunningTarget>).value);
    for (const target of running) {
      if (pinning !== null && !pin(target.pid, pinning.targets)) {
        throw new Error(`${target.name}: taskset could not pin it to CPU ${pinning.targets}`);
      }
    }
    return running;
  };
  if (pinning !== null) {
    if (!pin(process.pid, pinning.load)) throw new Error('taskset could not pin the bench');
    log(`pinned: autocannon on CPU ${pinning.load}, the servers on CPU ${pinning.targets}`);
  } else {
    log('not pinned (BENCH_PIN=off, one CPU, or no taskset): expect noisier rounds');
  }
  let targets = await startAll(1);
  const width = Math.max(...targets.map((t) => t.name.length));
  const sent = new Map<string, number>(targets.map((t) => [t.name, 0]));
  const count = (target: RunningTarget, requests: number) =>
    sent.set(target.name, (sent.get(target.name) ?? 0) + requests);

  const expected = new Map<string, string>();
  const data = new Map<string, string>();
  for (const target of targets) {
    const answer = await checkAnswer(target.name, target.url, key);
    count(target, 2);
    expected.set(target.name, answer.body);
    data.set(target.name, answer.data);
    log(`  ${target.name.padEnd(width)} ${target.url}  ok: 10 invoices, no errors`);
  }
  if (new Set(data.values()).size !== 1) {
    throw new Error(`the targets answer different data:\n${[...data.values()].join('\n')}`);
  }

  const load = async (target: RunningTarget, label: string, seconds: number) => {
    const cpuBefore = processCpuSeconds(target.pid);
    const ticksBefore = cpuTicks();
    const result = await runLoad(label, {
      url: target.url,
      key,
      connections,
      durationSeconds: seconds,
      expectBody: expected.get(target.name) as string,
    });
    count(target, result.requests);
    const cpuAfter = processCpuSeconds(target.pid);
    const cpuUs =
      cpuBefore === null || cpuAfter === null
        ? Number.NaN
        : ((cpuAfter - cpuBefore) * 1e6) / Math.max(1, result.requests);
    return { ...result, cpuUs, stealPct: stealPercent(ticksBefore, cpuTicks()) };
  };
  const warmUp = async () => {
    for (const target of targets) {
      log(`warming up ${target.name} (${warmupSeconds} s)…`);
      await load(target, `${target.name} warm-up`, warmupSeconds);
    }
  };
  await warmUp();

  const results = new Map<TargetName, Measurement[]>(chosen.map((t) => [t.name, []]));
  for (let round = 1; round <= rounds; round++) {
    if (round > 1) {
      await Promise.all(targets.map((t) => t.stop()));
      targets = await startAll(round);
      for (const target of targets) {
        // The same answer as the first process gave (the load checks every body against it).
        const answer = await checkAnswer(target.name, target.url, key);
        count(target, 2);
        if (answer.body !== expected.get(target.name)) {
          throw new Error(`${target.name} answered differently in round ${round}`);
        }
      }
      await warmUp();
    }
    // Alternate the order, so drift in the machine's load hits every target alike.
    const order = round % 2 === 1 ? targets : [...targets].reverse();
    for (const target of order) {
      const result = await load(target, `${target.name} round ${round}`, durationSeconds);
      results.get(target.name as TargetName)?.push(result);
      log(
        `round ${round}/${rounds}  ${target.name.padEnd(width)} ${fmt(result.reqPerSec, 0).padStart(7)} req/s` +
          `  p99 ${fmt(result.p99Ms, 0).padStart(4)} ms  ${fmt(result.cpuUs, 0).padStart(5)} µs CPU/request` +
          `  (${result.requests} requests, ${fmt(result.stealPct, 1)} % stolen)`,
      );
    }
  }

  // A Redis target that lost Redis during the run counted locally meanwhile: its quota
  // counter in Redis then holds fewer requests than were sent (never more than a few extra,
  // for requests autocannon cut off at the end of a run).
  const redisCounts = new Map<TargetName, { sent: number; counted: number }>();
  const redisUrl = benchRedisUrl();
  for (const target of targets) {
    const plan = plans.get(target.name as TargetName);
    if (!plan?.ok || plan.redisPrefix === null || redisUrl === null) continue;
    const counted = await quotaCounted(redisUrl, plan.redisPrefix);
    redisCounts.set(target.name as TargetName, { sent: sent.get(target.name) ?? 0, counted });
  }

  // The other stages use every CPU (key generation in workers, PostgreSQL beside the bench).
  if (pinning !== null) pin(process.pid, pinning.all);
  printTable({ results, skipped, redisCounts });
  summary.push(...httpSummaryRows(results, skipped));
  return median((results.get('keygate') ?? []).map((r) => r.reqPerSec));
}

/** Issue 8's two HTTP rows: the full path against plain Yoga, and against itself without plugins. */
function httpSummaryRows(
  results: Map<TargetName, Measurement[]>,
  skipped: Map<TargetName, string>,
): SummaryRow[] {
  const { durationSeconds, rounds, connections } = settings;
  const med = (name: TargetName) => {
    const runs = results.get(name) ?? [];
    if (runs.length === 0) return null;
    return {
      reqPerSec: median(runs.map((r) => r.reqPerSec)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      cpuUs: median(runs.map((r) => r.cpuUs)),
      rounds: runs.map((r) => Math.round(r.reqPerSec)),
      stealPct: runs.map((r) => Math.round(r.stealPct * 10) / 10),
    };
  };
  const how = `autocannon -c ${connections}, ${durationSeconds} s × ${rounds} alternating rounds on new processes, medians`;
  const compare = (
    id: string,
    measure: string,
    target: string,
    other: TargetName,
    met: (ratio: number, p99Ratio: number) => boolean,
  ): SummaryRow => {
    const full = med('keygate');
    const base = med(other);
    if (full === null || base === null) {
      const why = skipped.get(full === null ? 'keygate' : other) ?? 'not measured';
      return { id, measure, result: `not measured: ${why}`, target, met: null, values: {} };
    }
    const ratio = full.reqPerSec / base.reqPerSec;
    const p99Ratio = full.p99Ms / base.p99Ms;
    return {
      id,
      measure: `${measure} (${how})`,
      result: `${ratio.toFixed(2)}× req/s (${Math.round(full.reqPerSec)} vs ${Math.round(base.reqPerSec)}), p99 ${p99Ratio.toFixed(2)}×`,
      target,
      met: met(ratio, p99Ratio),
      values: {
        ratio,
        p99Ratio,
        reqPerSec: full.reqPerSec,
        baselineReqPerSec: base.reqPerSec,
        p99Ms: full.p99Ms,
        baselineP99Ms: base.p99Ms,
        cpuUsPerRequest: full.cpuUs,
        baselineCpuUsPerRequest: base.cpuUs,
        rounds: full.rounds,
        baselineRounds: base.rounds,
        stealPct: full.stealPct,
        baselineStealPct: base.stealPct,
      },
    };
  };
  return [
    compare(
      'http.full-vs-plain',
      'full path (verify + limits + scopes + metering) vs plain Yoga, bench query',
      '≥ 1.2× req/s, p99 ≤ 1.0×',
      'plain',
      (ratio, p99Ratio) => ratio >= 1.2 && p99Ratio <= 1.0,
    ),
    compare(
      'http.full-vs-bare',
      'full path vs the same Keygate with every Keygate plugin off',
      '≥ 0.95× req/s',
      'keygate-bare',
      (ratio) => ratio >= 0.95,
    ),
  ];
}

function fmt(value: number, digits: number): string {
  return value.toFixed(digits);
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

function printTable({ results, skipped, redisCounts }: Measured): void {
  const { durationSeconds, rounds, connections } = settings;
  const summary = new Map(
    [...results].map(([name, runs]) => [
      name,
      {
        reqPerSec: median(runs.map((r) => r.reqPerSec)),
        p99Ms: median(runs.map((r) => r.p99Ms)),
        cpuUs: median(runs.map((r) => r.cpuUs)),
        reqPerRound: runs.map((r) => fmt(r.reqPerSec, 0)).join(' / '),
        p99PerRound: runs.map((r) => fmt(r.p99Ms, 0)).join(' / '),
      },
    ]),
  );
  const plain = summary.get('plain');
  const longestName = Math.max(...TARGETS.map((t) => t.name.length));
  const header = [
    'target',
    'req/s (median)',
    'p99 ms (median)',
    'CPU µs/req',
    'req/s by round',
    'p99 ms by round',
  ];
  /** A measured row has six cells; a skipped one, its name and why. */
  const rows: (string[] | { name: string; note: string })[] = TARGETS.map(({ name }) => {
    const s = summary.get(name);
    if (s === undefined) return { name, note: `not measured: ${skipped.get(name) ?? '?'}` };
    return [
      name,
      fmt(s.reqPerSec, 0),
      fmt(s.p99Ms, 0),
      fmt(s.cpuUs, 0),
      s.reqPerRound,
      s.p99PerRound,
    ];
  });
  const ratios: string[][] = TARGETS.filter((t) => t.name !== 'plain').flatMap(({ name }) => {
    const s = summary.get(name);
    if (s === undefined || plain === undefined) return [];
    return [
      [
        `${name}/plain`,
        fmt(s.reqPerSec / plain.reqPerSec, 2),
        fmt(s.p99Ms / plain.p99Ms, 2),
        fmt(s.cpuUs / plain.cpuUs, 2),
        '',
        '',
      ],
    ];
  });
  const bare = summary.get('keygate-bare');
  const full = summary.get('keygate');
  if (bare !== undefined && full !== undefined) {
    ratios.push([
      'keygate/keygate-bare',
      fmt(full.reqPerSec / bare.reqPerSec, 2),
      fmt(full.p99Ms / bare.p99Ms, 2),
      fmt(full.cpuUs / bare.cpuUs, 2),
      '',
      '',
    ]);
  }
  const cells = [header, ...rows.filter((r): r is string[] => Array.isArray(r)), ...ratios];
  const widths = header.map((_, i) =>
    Math.max(...cells.map((r) => (r[i] ?? '').length), i === 0 ? longestName : 0),
  );
  const line = (r: string[] | { name: string; note: string }) =>
    Array.isArray(r)
      ? r
          .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
          .join('  ')
          .trimEnd()
      : `${r.name.padEnd(widths[0] ?? 0)}  ${r.note}`;
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = [...redisCounts].map(([name, { sent, counted }]) =>
    counted >= sent
      ? `${name}: Redis counted ${int(counted)} requests against the quota, of ${int(sent)} sent: shared limits throughout`
      : `${name}: Redis counted only ${int(counted)} of ${int(sent)} requests: the target fell back ` +
        'to per-instance limits for part of the run (Redis unreachable or too slow); its figures ' +
        'do not measure Redis',
  );
  console.log(
    [
      '',
      `Keygate bench: query Bench (10 invoices + customers), autocannon -c ${connections}, ` +
        `${durationSeconds} s × ${rounds} rounds per target, alternating, a new process each round`,
      `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'})`,
      'keygate: in-memory rate limit and quota, SQLite; +redis: the same with REDIS_URL (shared ' +
        'limits, key-change bus); +pg+redis: also DATABASE_URL (PostgreSQL); plain: graphql-yoga, SQLite',
      '',
      line(header),
      rule,
      ...rows.map(line),
      rule,
      ...ratios.map(line),
      ...(notes.length > 0 ? ['', ...notes] : []),
      '',
    ].join('\n'),
  );
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  exitCode = 1;
  log(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
