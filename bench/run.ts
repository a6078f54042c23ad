/**
 * `npm run bench`: Keygate's full request path against plain graphql-yoga serving the same
 * schema, resolvers and database; then the usage stage (ingest rate and usage query
 * latency, bench/usage.ts). `BENCH_ONLY=http|limits|usage` runs one stage alone.
 * See bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadResult, median, runLoad } from './lib/load.js';
import { checkAnswer } from './lib/query.js';
import { seedDatabase } from './lib/seed.js';
import { type RunningTarget, startTarget } from './lib/target-process.js';
import { formatLimitsResult, runLimitsBench } from './limits.js';
import { formatUsageResult, runUsageBench, type UsageBenchSettings } from './usage.js';

interface Settings {
  durationSeconds: number;
  rounds: number;
  connections: number;
  warmupSeconds: number;
}

function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return value;
}

const settings: Settings = {
  durationSeconds: intFromEnv('BENCH_DURATION', 10, 1),
  rounds: intFromEnv('BENCH_ROUNDS', 3, 1),
  connections: intFromEnv('BENCH_CONNECTIONS', 50, 1),
  warmupSeconds: intFromEnv('BENCH_WARMUP', 5, 1),
};

const STAGES = ['http', 'limits', 'usage'] as const;
const only = process.env.BENCH_ONLY ?? '';
if (only !== '' && !(STAGES as readonly string[]).includes(only)) {
  process.stderr.write(
    `BENCH_ONLY must be one of ${STAGES.join(', ')} (or unset for both), got "${only}"\n`,
  );
  process.exit(2);
}

const usageSettings: UsageBenchSettings = {
  ingestEvents: intFromEnv('BENCH_USAGE_EVENTS', 70_000, 1_000),
  ingestRuns: intFromEnv('BENCH_USAGE_RUNS', 3, 1),
  storedEvents: intFromEnv('BENCH_USAGE_STORED', 1_000_000, 1_000),
  queryRequests: intFromEnv('BENCH_USAGE_REQUESTS', 200, 1),
  warmup: intFromEnv('BENCH_USAGE_WARMUP', 10, 0),
};

const TARGETS = [
  { name: 'keygate', entry: 'keygate.ts' },
  { name: 'plain', entry: 'plain.ts' },
] as const;
type TargetName = (typeof TARGETS)[number]['name'];

/** Progress goes to stderr; the result table alone goes to stdout. */
const log = (line: string) => process.stderr.write(`${line}\n`);

const stops: (() => Promise<void>)[] = [];
let tmp: string | null = null;
let cleaning: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.allSettled(stops.map((stop) => stop()));
    if (tmp !== null) rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping the targets…`);
    void cleanup().then(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  let fullPath: number | null = null;
  if (only === '' || only === 'http') fullPath = await httpStage();
  if (only === '' || only === 'limits') {
    await Promise.allSettled(stops.splice(0).map((stop) => stop()));
    log('limits stage: the per-request limit checks on one core…');
    console.log(formatLimitsResult(await runLimitsBench(log), fullPath));
  }
  if (only === '' || only === 'usage') {
    // The HTTP targets are done: stop them so they take no memory or CPU from this stage.
    await Promise.allSettled(stops.splice(0).map((stop) => stop()));
    log('usage stage: ingest rate, then usage queries with events stored…');
    const result = await runUsageBench(usageSettings, log, (stop) => stops.push(stop));
    console.log(formatUsageResult(result));
  }
}

/** Runs the HTTP comparison and prints its table; returns Keygate's median req/s. */
async function httpStage(): Promise<number> {
  const { durationSeconds, rounds, connections, warmupSeconds } = settings;
  if (rounds < 3) log(`note: BENCH_ROUNDS=${rounds}; medians mean little below 3 rounds`);

  tmp = mkdtempSync(join(tmpdir(), 'keygate-bench-'));
  const dbPath = join(tmp, 'bench.sqlite');
  log('seeding an ENTERPRISE project with 10 customers, 10 invoices and a SECRET key…');
  const { key } = await seedDatabase(dbPath);

  log('starting the targets (one child process each)…');
  const started = await Promise.allSettled(
    TARGETS.map((t) => startTarget(t.name, t.entry, { dbPath, key }, (stop) => stops.push(stop))),
  );
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  const targets = started.map((s) => (s as PromiseFulfilledResult<RunningTarget>).value);

  const expected = new Map<string, string>();
  const data = new Map<string, string>();
  for (const target of targets) {
    const answer = await checkAnswer(target.name, target.url, key);
    expected.set(target.name, answer.body);
    data.set(target.name, answer.data);
    log(`  ${target.name.padEnd(8)} ${target.url}  ok: 10 invoices, no errors`);
  }
  if (new Set(data.values()).size !== 1) {
    throw new Error(`the targets answer different data:\n${[...data.values()].join('\n')}`);
  }

  const load = (target: RunningTarget, label: string, seconds: number) =>
    runLoad(label, {
      url: target.url,
      key,
      connections,
      durationSeconds: seconds,
      expectBody: expected.get(target.name) as string,
    });

  for (const target of targets) {
    log(`warming up ${target.name} (${warmupSeconds} s)…`);
    await load(target, `${target.name} warm-up`, warmupSeconds);
  }

  const results = new Map<TargetName, LoadResult[]>(TARGETS.map((t) => [t.name, []]));
  for (let round = 1; round <= rounds; round++) {
    // Alternate which target goes first, so drift in the machine's load hits both alike.
    const order = round % 2 === 1 ? targets : [...targets].reverse();
    for (const target of order) {
      const result = await load(target, `${target.name} round ${round}`, durationSeconds);
      results.get(target.name as TargetName)?.push(result);
      log(
        `round ${round}/${rounds}  ${target.name.padEnd(8)} ${fmt(result.reqPerSec, 0).padStart(7)} req/s` +
          `  p99 ${fmt(result.p99Ms, 0).padStart(4)} ms  (${result.requests} requests)`,
      );
    }
  }

  printTable(results);
  return median((results.get('keygate') ?? []).map((r) => r.reqPerSec));
}

function fmt(value: number, digits: number): string {
  return value.toFixed(digits);
}

function printTable(results: Map<TargetName, LoadResult[]>): void {
  const { durationSeconds, rounds, connections } = settings;
  const summary = TARGETS.map(({ name }) => {
    const runs = results.get(name) ?? [];
    return {
      name,
      reqPerSec: median(runs.map((r) => r.reqPerSec)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      reqPerRound: runs.map((r) => fmt(r.reqPerSec, 0)).join(' / '),
      p99PerRound: runs.map((r) => fmt(r.p99Ms, 0)).join(' / '),
    };
  });
  const [keygate, plain] = summary as [(typeof summary)[0], (typeof summary)[0]];
  const rows: string[][] = [
    ['target', 'req/s (median)', 'p99 ms (median)', 'req/s by round', 'p99 ms by round'],
    ...summary.map((s) => [
      s.name,
      fmt(s.reqPerSec, 0),
      fmt(s.p99Ms, 0),
      s.reqPerRound,
      s.p99PerRound,
    ]),
    [
      'keygate/plain',
      fmt(keygate.reqPerSec / plain.reqPerSec, 2),
      fmt(keygate.p99Ms / plain.p99Ms, 2),
      '',
      '',
    ],
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  console.log(
    [
      '',
      `Keygate bench: query Bench (10 invoices + customers), autocannon -c ${connections}, ` +
        `${durationSeconds} s × ${rounds} rounds per target, alternating`,
      `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'})`,
      '',
      line(rows[0] ?? []),
      rule,
      ...rows.slice(1, -1).map(line),
      rule,
      line(rows[rows.length - 1] ?? []),
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
