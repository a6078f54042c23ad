/**
 * `npm run soak`: mixed traffic at a steady rate against a real `keygate serve` process on a
 * temporary SQLite file, for SOAK_SECONDS (default 600). Every SOAK_SAMPLE_SECONDS it
 * samples the server's resident memory and open file descriptors; at the end it compares
 * them after warm-up with the end of the run and prints every response by status and code.
 * Exits 1 when memory grew by SOAK_MAX_RSS_GROWTH % or more after warm-up, descriptors
 * grew, any response was a 5xx, a request failed on the network or timed out, or a
 * response had an outcome its kind of request should never have. With SOAK_PROBE (default
 * on) it also reads the server's V8 heap, and after a full GC at warm-up and at the end, to
 * tell a JavaScript leak from native memory (SQLite's page cache). See bench/README.md.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedSoakDatabase } from './lib/soak-seed.js';
import {
  type ProcessSample,
  type ServerProcess,
  sampleProcess,
  startServer,
} from './lib/soak-server.js';
import {
  AUTH_FAILURE_SHARE,
  FREE_SHARE,
  HttpClient,
  LIMITED_SHARE,
  outcomeOf,
  requestParts,
  type SoakRequest,
  slotSchedule,
  TimeoutError,
  type TrafficClass,
  trafficClasses,
} from './lib/soak-traffic.js';

// ---------------------------------------------------------------------------------------
// Settings

function numberFromEnv(name: string, fallback: number, min: number, integer = true): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min) {
    throw new Error(
      `${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got "${raw}"`,
    );
  }
  return value;
}

const seconds = numberFromEnv('SOAK_SECONDS', 600, 20);
const rate = numberFromEnv('SOAK_RATE', 200, 1, false);
const sampleSeconds = numberFromEnv('SOAK_SAMPLE_SECONDS', 10, 1);
// Warm-up: the first half of the run. At 200 req/s SQLite's page cache (64 MiB) takes minutes
// to fill; growth measured before it is full is the cache, not a leak.
const warmupSeconds = numberFromEnv(
  'SOAK_WARMUP_SECONDS',
  Math.max(sampleSeconds, Math.ceil((seconds * 0.5) / sampleSeconds) * sampleSeconds),
  1,
);
const connections = numberFromEnv('SOAK_CONNECTIONS', 8, 1);
const maxRssGrowth = numberFromEnv('SOAK_MAX_RSS_GROWTH', 10, 0, false);
const authFailuresPerMinute = numberFromEnv('SOAK_AUTH_FAILURES_PER_MINUTE', 1_000_000, 1);
const logLevel = process.env.SOAK_LOG_LEVEL || 'warn';
const probe = process.env.SOAK_PROBE !== '0';
const TIMEOUT_MS = 10_000;
/** Requests waiting for a socket beyond this are not sent (counted as skipped). */
const MAX_QUEUED = 2_000;

if (warmupSeconds >= seconds) {
  process.stderr.write(
    `SOAK_WARMUP_SECONDS (${warmupSeconds}) must be below SOAK_SECONDS (${seconds})\n`,
  );
  process.exit(2);
}
if (process.platform !== 'linux') {
  process.stderr.write('npm run soak reads /proc/<pid>: it runs on Linux only\n');
  process.exit(2);
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------
// Cleanup (also on Ctrl-C)

const stops: (() => Promise<unknown>)[] = [];
let tmp: string | null = null;
let client: HttpClient | null = null;
let cleaning: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    client?.destroy();
    await Promise.allSettled(stops.map((stop) => stop()));
    if (tmp !== null) rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping the server and removing the database…`);
    void cleanup().then(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------
// Counting

interface Tally {
  /** `<status> <code>` → count, for the whole run. */
  outcomes: Map<string, number>;
  /** class → outcome → count. */
  byClass: Map<string, Map<string, number>>;
  latenciesMs: number[];
  sent: number;
  done: number;
  skipped: number;
}

const newTally = (): Tally => ({
  outcomes: new Map(),
  byClass: new Map(),
  latenciesMs: [],
  sent: 0,
  done: 0,
  skipped: 0,
});

function add(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Sends one request and counts its outcome under `tallies` (run total and interval). */
async function send(r: SoakRequest, tallies: Tally[]): Promise<string> {
  const { headers, body } = requestParts(r);
  for (const t of tallies) t.sent++;
  const started = performance.now();
  let outcome: string;
  try {
    const answer = await (client as HttpClient).post(headers, body, TIMEOUT_MS);
    outcome = outcomeOf(r, answer);
  } catch (error) {
    outcome = error instanceof TimeoutError ? 'TIMEOUT' : `NETWORK_ERROR`;
  }
  const ms = performance.now() - started;
  for (const t of tallies) {
    t.done++;
    t.latenciesMs.push(ms);
    add(t.outcomes, outcome);
    let byClass = t.byClass.get(r.label);
    if (byClass === undefined) {
      byClass = new Map();
      t.byClass.set(r.label, byClass);
    }
    add(byClass, outcome);
  }
  return outcome;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const isServerError = (outcome: string) => /^5\d\d /.test(outcome);
const isFailure = (outcome: string) => outcome === 'TIMEOUT' || outcome === 'NETWORK_ERROR';

// ---------------------------------------------------------------------------------------
// The run

interface Sample extends ProcessSample {
  t: number;
  /** The server's process.memoryUsage() right after RSS was read (null without the probe). */
  heap: NodeJS.MemoryUsage | null;
  /** The same after a full GC (warm-up and end samples only). */
  afterGc: NodeJS.MemoryUsage | null;
  /** The database file and its WAL. */
  dbBytes: number;
  metering: string;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * RSS and descriptors first (the figures the targets use), then the V8 heap, then, when
 * `gc`, a full collection and the heap again, the database size and the metering status.
 */
async function measure(
  server: ServerProcess,
  dbPath: string,
  t: number,
  gc: boolean,
  metering: () => Promise<string>,
): Promise<Sample> {
  const proc = sampleProcess(server.pid);
  const heap = await server.memory(false);
  const afterGc = gc ? await server.memory(true) : null;
  return {
    t,
    ...proc,
    heap,
    afterGc,
    dbBytes: fileSize(dbPath) + fileSize(`${dbPath}-wal`),
    metering: await metering(),
  };
}

async function main(): Promise<number> {
  tmp = mkdtempSync(join(tmpdir(), 'keygate-soak-'));
  const dbPath = join(tmp, 'soak.sqlite');

  // Keep FREE keys under their plan's 60 a minute and FREE projects under 10,000 a month;
  // give the low-limit key a quarter of what it is sent, so most of it gets 429.
  const freePerMinute = rate * FREE_SHARE * 60;
  const freeKeys = Math.max(1, Math.ceil(freePerMinute / 40));
  const freeProjects = Math.max(1, Math.ceil((rate * FREE_SHARE * seconds) / 8_000));
  const limitedKeyPerMinute = Math.max(1, Math.floor((rate * LIMITED_SHARE * 60) / 4));
  const authFailures429 = authFailuresPerMinute < rate * AUTH_FAILURE_SHARE * 60 * 1.5;

  log(`seeding ${dbPath}: ENTERPRISE, PRO and ${freeProjects} FREE project(s), their keys…`);
  const keys = await seedSoakDatabase(dbPath, {
    limitedKeyPerMinute,
    freeProjects,
    freeKeysPerProject: Math.ceil(freeKeys / freeProjects),
  });

  log('starting keygate serve…');
  const server = await startServer(
    {
      HOST: '127.0.0.1',
      PORT: '0',
      KEYGATE_DB: dbPath,
      KEYGATE_LOG_LEVEL: logLevel,
      KEYGATE_AUTH_FAILURES_PER_MINUTE: String(authFailuresPerMinute),
      NODE_ENV: 'production',
    },
    { probe },
    (stop) => stops.push(stop),
  );
  log(`  pid ${server.pid}, ${server.url}`);
  client = new HttpClient(server.url, connections);

  const classes = trafficClasses(keys, { authFailures429 });
  const expected = new Map(classes.map((c) => [c.name, new Set(c.expected)]));
  await preflight(classes, expected);

  // Open every connection now, so the descriptor count holds them from the first sample.
  const checks = newTally();
  await Promise.all(
    Array.from({ length: connections }, () => send(budgetRequest(classes), [checks])),
  );

  const samples: Sample[] = [];
  const metering = meteringReader(keys.admin);
  const before = await measure(server, dbPath, 0, false, metering);
  printSampleHeader();
  printSample(before, null, 0);

  const total = newTally();
  const schedule = slotSchedule(classes);
  const planned = Math.round(rate * seconds);
  const inFlight = new Set<Promise<string>>();
  let interval = newTally();
  let aborted: string | null = null;

  await new Promise<void>((resolve) => {
    const start = performance.now();
    let scheduled = 0;
    let nextSample = 1;
    let previousT = 0;
    const samplesDue = Math.ceil(seconds / sampleSeconds);
    /** Sends every request due by now (all that are left, at the end). */
    const pump = (end = false) => {
      const elapsed = (performance.now() - start) / 1000;
      const due = end ? planned : Math.min(planned, Math.floor(elapsed * rate));
      while (scheduled < due) {
        const cls = schedule[scheduled % schedule.length] as TrafficClass;
        scheduled++;
        if (inFlight.size >= MAX_QUEUED) {
          total.skipped++;
          interval.skipped++;
          continue;
        }
        const p = send(cls.next(), [total, interval]);
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
    };
    const ticker = setInterval(pump, 2);

    const takeSample = async () => {
      const t = Math.min(seconds, nextSample * sampleSeconds);
      const last = nextSample >= samplesDue;
      if (last) {
        pump(true);
        clearInterval(ticker);
      }
      const ended = interval;
      interval = newTally();
      if (!server.alive()) {
        aborted = `the server exited during the run (${await server.exited})`;
        clearInterval(ticker);
        return resolve();
      }
      const atWarmup = t >= warmupSeconds && !samples.some((s) => s.t >= warmupSeconds);
      const sample = await measure(server, dbPath, t, atWarmup || last, metering);
      samples.push(sample);
      printSample(sample, ended, t - previousT);
      previousT = t;
      if (last) return resolve();
      nextSample++;
      schedule_();
    };
    const schedule_ = () => {
      const at = start + Math.min(seconds, nextSample * sampleSeconds) * 1000;
      setTimeout(
        () => {
          takeSample().catch((error: unknown) => {
            aborted = `sampling failed: ${error instanceof Error ? error.message : String(error)}`;
            clearInterval(ticker);
            resolve();
          });
        },
        Math.max(0, at - performance.now()),
      );
    };
    schedule_();
  });

  // Let the last requests finish, then the figures after the load.
  await Promise.race([
    Promise.allSettled([...inFlight]),
    new Promise((r) => setTimeout(r, TIMEOUT_MS + 1_000)),
  ]);
  const drained = server.alive() ? sampleProcess(server.pid) : null;
  client.destroy();
  await new Promise((r) => setTimeout(r, 1_000));
  const idle = server.alive() ? sampleProcess(server.pid) : null;

  log('stopping keygate serve (SIGTERM: finish in-flight requests, flush usage)…');
  const shutdown = await server.stop();

  return report({
    server,
    classes,
    expected,
    total,
    planned,
    samples,
    before,
    drained,
    idle,
    shutdown,
    aborted,
    freeKeys: keys.free.length,
    limitedKeyPerMinute,
  });
}

/** Each class once, in order (management: create, use, revoke, use revoked): fails fast. */
async function preflight(
  classes: readonly TrafficClass[],
  expected: Map<string, Set<string>>,
): Promise<void> {
  log('checking each kind of request once…');
  const scratch = newTally();
  for (const cls of classes) {
    const r = cls.next();
    const outcome = await send(r, [scratch]);
    const ok =
      cls.name === 'limited'
        ? outcome === '200 OK'
        : expected.get(r.label)?.has(outcome) && r.label === cls.name;
    log(`  ${cls.name.padEnd(17)} ${outcome}`);
    if (!ok) {
      throw new Error(
        `${cls.name} answered ${outcome} (as ${r.label}); expected ${[...(expected.get(cls.name) ?? [])].join(' or ')}`,
      );
    }
  }
}

function budgetRequest(classes: readonly TrafficClass[]): SoakRequest {
  const budget = classes.find((c) => c.name === 'pro-budget') as TrafficClass;
  return { ...budget.next(), label: 'connect' };
}

/** Reads Query.meteringStatus with the admin key: `written/buffered/dropped`. */
function meteringReader(adminKey: string): () => Promise<string> {
  const r: SoakRequest = {
    label: 'sampler',
    key: adminKey,
    query: 'query Metering { meteringStatus { buffered written dropped failedFlushes } }',
    operationName: 'Metering',
  };
  const { headers, body } = requestParts(r);
  return async () => {
    try {
      const answer = await (client as HttpClient).post(headers, body, TIMEOUT_MS);
      const m = (
        JSON.parse(answer.body) as {
          data?: {
            meteringStatus?: {
              buffered: number;
              written: number;
              dropped: number;
              failedFlushes: number;
            };
          };
        }
      ).data?.meteringStatus;
      if (!m) return `metering: status ${answer.status}`;
      return `usage written/buffered/dropped ${m.written}/${m.buffered}/${m.dropped}${m.failedFlushes > 0 ? `, failed flushes ${m.failedFlushes}` : ''}`;
    } catch (error) {
      return `metering: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
}

// ---------------------------------------------------------------------------------------
// Output

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const int = (n: number) => n.toLocaleString('en-US');

function printSampleHeader(): void {
  out(
    `\nKeygate soak: ${seconds} s of mixed traffic at ${rate} req/s over ${connections} connections, ` +
      `sampled every ${sampleSeconds} s, warm-up ${warmupSeconds} s, heap probe ${probe ? 'on' : 'off'}`,
  );
  out(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'})\n`);
}

function printSample(sample: Sample, ended: Tally | null, span: number): void {
  let load = 'before load';
  if (ended !== null) {
    const sorted = [...ended.latenciesMs].sort((a, b) => a - b);
    let s2 = 0;
    let s4 = 0;
    let s5 = 0;
    let failed = 0;
    for (const [outcome, n] of ended.outcomes) {
      if (outcome.startsWith('2')) s2 += n;
      else if (outcome.startsWith('4')) s4 += n;
      else if (isServerError(outcome)) s5 += n;
      else failed += n;
    }
    load =
      `${(ended.sent / span).toFixed(0).padStart(4)} req/s  p50 ${percentile(sorted, 50).toFixed(1).padStart(5)} ms` +
      `  p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} ms  2xx ${s2} 4xx ${s4} 5xx ${s5}` +
      `${failed > 0 ? ` failed ${failed}` : ''}${ended.skipped > 0 ? ` skipped ${ended.skipped}` : ''}`;
  }
  const heap = sample.heap ? `  heap ${mib(sample.heap.heapUsed).padStart(9)}` : '';
  out(
    `t=${String(sample.t).padStart(4)} s  rss ${mib(sample.rssBytes).padStart(9)}${heap}` +
      `  db ${mib(sample.dbBytes).padStart(9)}  fds ${sample.fds} (${sample.sockets} sockets)` +
      ` | ${load} | ${sample.metering}`,
  );
  if (sample.afterGc) {
    const m = sample.afterGc;
    out(
      `          after a full GC: rss ${mib(m.rss)}, heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)},` +
        ` rss − heap ${mib(m.rss - m.heapTotal)}, external ${mib(m.external)}`,
    );
  }
}

interface ReportInput {
  server: ServerProcess;
  classes: TrafficClass[];
  expected: Map<string, Set<string>>;
  total: Tally;
  planned: number;
  samples: Sample[];
  before: Sample;
  drained: ProcessSample | null;
  idle: ProcessSample | null;
  shutdown: string;
  aborted: string | null;
  freeKeys: number;
  limitedKeyPerMinute: number;
}

function report(input: ReportInput): number {
  const { total, samples, expected, classes } = input;
  const problems: string[] = [];
  if (input.aborted !== null) problems.push(input.aborted);

  const warm = samples.find((s) => s.t >= warmupSeconds);
  const end = samples[samples.length - 1];
  const rows: string[][] = [
    [
      'measure',
      `warm-up (${warm?.t ?? '–'} s)`,
      `end (${end?.t ?? '–'} s)`,
      'change',
      'target',
      '',
    ],
  ];
  let growth = Number.NaN;
  if (warm && end) {
    // A single RSS sample lands anywhere in a garbage-collection cycle (30–50 MiB apart here):
    // with the probe, the gate compares RSS right after a full GC at warm-up and at the end.
    const gcWarmRss = warm.afterGc?.rss;
    const gcEndRss = end.afterGc?.rss;
    const gated = gcWarmRss !== undefined && gcEndRss !== undefined;
    const single = ((end.rssBytes - warm.rssBytes) / warm.rssBytes) * 100;
    growth = gated ? ((gcEndRss - gcWarmRss) / gcWarmRss) * 100 : single;
    const rssOk = growth < maxRssGrowth;
    if (!rssOk)
      problems.push(`RSS grew ${growth.toFixed(1)} % after warm-up (target < ${maxRssGrowth} %)`);
    if (gated) {
      rows.push([
        'RSS after a full GC',
        mib(gcWarmRss),
        mib(gcEndRss),
        `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %`,
        `< +${maxRssGrowth} %`,
        rssOk ? 'MET' : 'NOT MET',
      ]);
    }
    rows.push([
      gated ? 'RSS, single samples' : 'RSS',
      mib(warm.rssBytes),
      mib(end.rssBytes),
      `${single >= 0 ? '+' : ''}${single.toFixed(1)} %`,
      gated ? 'informational' : `< +${maxRssGrowth} %`,
      gated ? '' : rssOk ? 'MET' : 'NOT MET',
    ]);
    const fdGrowth = end.fds - warm.fds;
    const fdOk = fdGrowth <= 0;
    if (!fdOk) problems.push(`open file descriptors grew from ${warm.fds} to ${end.fds}`);
    rows.push([
      'open fds',
      String(warm.fds),
      String(end.fds),
      `${fdGrowth >= 0 ? '+' : ''}${fdGrowth}`,
      'no growth',
      fdOk ? 'MET' : 'NOT MET',
    ]);
  } else {
    problems.push('no sample after warm-up');
  }

  let serverErrors = 0;
  let failures = 0;
  for (const [outcome, n] of total.outcomes) {
    if (isServerError(outcome)) serverErrors += n;
    if (isFailure(outcome)) failures += n;
  }
  if (serverErrors > 0) problems.push(`${serverErrors} 5xx responses`);
  if (failures > 0) problems.push(`${failures} requests timed out or failed on the network`);
  rows.push([
    '5xx responses',
    '',
    '',
    String(serverErrors),
    '0',
    serverErrors === 0 ? 'MET' : 'NOT MET',
  ]);
  rows.push([
    'timeouts / network errors',
    '',
    '',
    String(failures),
    '0',
    failures === 0 ? 'MET' : 'NOT MET',
  ]);

  const unexpected: string[] = [];
  let unexpectedCount = 0;
  for (const [label, outcomes] of total.byClass) {
    for (const [outcome, n] of outcomes) {
      if (isFailure(outcome) || expected.get(label)?.has(outcome)) continue;
      unexpectedCount += n;
      unexpected.push(`${label}: ${int(n)} × ${outcome}`);
    }
  }
  if (unexpectedCount > 0) problems.push(`${unexpectedCount} responses with an unexpected outcome`);
  rows.push([
    'unexpected outcomes',
    '',
    '',
    String(unexpectedCount),
    '0',
    unexpectedCount === 0 ? 'MET' : 'NOT MET',
  ]);
  if (total.skipped > total.sent * 0.01) {
    problems.push(`${total.skipped} requests skipped: the server fell behind the rate`);
  }

  out(`\n${table(rows)}`);

  // Memory over the run: the slope after warm-up says whether it still climbs.
  const after = samples.filter((s) => warm && s.t >= warm.t);
  const slope = slopePerMinute(after.map((s) => [s.t, s.rssBytes / MiB]));
  const peak = Math.max(...samples.map((s) => s.rssBytes));
  out(
    `\nRSS: ${mib(input.before.rssBytes)} before load, ${warm ? mib(warm.rssBytes) : '–'} after warm-up, ` +
      `${end ? mib(end.rssBytes) : '–'} at the end, peak ${mib(peak)}; trend after warm-up ` +
      `${Number.isFinite(slope) ? `${slope >= 0 ? '+' : ''}${slope.toFixed(2)} MiB/min` : '–'} (least squares)`,
  );
  // One sample can land on either side of a garbage collection: medians of three, to compare.
  if (after.length >= 6) {
    const first = median3(after.slice(0, 3).map((s) => s.rssBytes));
    const last = median3(after.slice(-3).map((s) => s.rssBytes));
    const change = ((last - first) / first) * 100;
    out(
      `RSS medians of 3 samples: ${mib(first)} from warm-up, ${mib(last)} at the end ` +
        `(${change >= 0 ? '+' : ''}${change.toFixed(1)} %; informational)`,
    );
  }
  const gcWarm = warm?.afterGc;
  const gcEnd = end?.afterGc;
  if (gcWarm && gcEnd && warm && end) {
    const pct = (a: number, b: number) => {
      const p = ((b - a) / a) * 100;
      return `${p >= 0 ? '+' : ''}${p.toFixed(1)} %`;
    };
    out(
      `after a full GC, warm-up → end: V8 heap used ${mib(gcWarm.heapUsed)} → ${mib(gcEnd.heapUsed)} ` +
        `(${pct(gcWarm.heapUsed, gcEnd.heapUsed)}); rss − V8 heap (native: SQLite page cache, ` +
        `buffers, code) ${mib(gcWarm.rss - gcWarm.heapTotal)} → ${mib(gcEnd.rss - gcEnd.heapTotal)}; ` +
        `database + WAL ${mib(warm.dbBytes)} → ${mib(end.dbBytes)}`,
    );
  }
  out(
    `fds: ${input.before.fds} before load (${input.before.sockets} sockets)` +
      `${input.drained ? `, ${input.drained.fds} after the last response` : ''}` +
      `${input.idle ? `, ${input.idle.fds} after the client closed its ${connections} connections (${input.idle.sockets} sockets)` : ''}`,
  );

  const sorted = [...total.latenciesMs].sort((a, b) => a - b);
  out(
    `\nresponses by status and code: ${int(total.done)} of ${int(total.sent)} sent ` +
      `(${int(input.planned)} planned${total.skipped > 0 ? `, ${int(total.skipped)} skipped` : ''}; ` +
      `${(total.sent / seconds).toFixed(1)} req/s; latency p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? Number.NaN).toFixed(0)} ms)`,
  );
  const totals = [...total.outcomes].sort((a, b) => b[1] - a[1]);
  out(
    table(
      totals.map(([outcome, n]) => [outcome, int(n), `${((n / total.done) * 100).toFixed(1)} %`]),
      [false, true, true],
    ),
  );

  out('\nby kind of request:');
  const classRows = classes.map((c) => {
    const outcomes = total.byClass.get(c.name) ?? new Map<string, number>();
    const sum = [...outcomes.values()].reduce((a, b) => a + b, 0);
    const detail = [...outcomes]
      .sort((a, b) => b[1] - a[1])
      .map(([o, n]) => `${o} ${int(n)}`)
      .join(', ');
    return [c.name, int(sum), detail, c.what];
  });
  out(table(classRows, [false, true, false, false]));
  out(
    `(${input.freeKeys} FREE key(s); the low-limit key allows ${input.limitedKeyPerMinute}/min; ` +
      `brute-force limit ${authFailuresPerMinute} failures/min; management requests stand in for one ` +
      'another while no key is ready, e.g. mgmt-use sends a createKey before the first one answered)',
  );
  if (unexpected.length > 0) out(`\nunexpected outcomes:\n  ${unexpected.join('\n  ')}`);

  const lines = [...input.server.logLines].map(([level, n]) => `${level} ${n}`).join(', ');
  out(`\nserver log lines (level ${logLevel}): ${lines === '' ? 'none' : lines}`);
  out(`server exit after SIGTERM: ${input.shutdown}`);
  if (input.shutdown !== '0')
    problems.push(`keygate serve exited with ${input.shutdown} on SIGTERM`);

  out(problems.length === 0 ? '\nsoak PASSED' : `\nsoak FAILED:\n  ${problems.join('\n  ')}`);
  return problems.length === 0 ? 0 : 1;
}

function median3(values: number[]): number {
  return [...values].sort((a, b) => a - b)[1] as number;
}

function slopePerMinute(points: [number, number][]): number {
  if (points.length < 2) return Number.NaN;
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : (num / den) * 60;
}

function table(rows: string[][], right?: boolean[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) =>
          (right?.[i] ?? i > 0) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  log(`\nsoak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
