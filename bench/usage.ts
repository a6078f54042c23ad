/**
 * The usage stage of `npm run bench` (issue 3): how fast usage events are stored, and how
 * fast the usage queries answer with a month of traffic stored. See bench/README.md, "Usage".
 *
 * (a) ingest: `writeUsageBatch` in batches of 1000 realistic events in time order (a second
 *     of traffic per batch, as the recorder flushes under load), on fresh SQLite files
 *     migrated like `keygate serve` migrates them, timed around the writes and a final WAL
 *     checkpoint only.
 * (b) queries: 1,000,000 events stored over 30 days (loaded in bulk: raw rows and rollups,
 *     see `loadStored`), then a real server on that file answers a 30-day HOUR `usage` query
 *     and a top-50 `fieldUsage` query over HTTP, sequentially, with a project's usage:read key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Actor } from '../src/authz/actor.js';
import { ALL_SCOPES } from '../src/authz/scopes.js';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/create-db.js';
import { createMemoryKeyChangeBus } from '../src/keys/key-change-bus.js';
import { KeyService } from '../src/keys/key-service.js';
import { systemClock } from '../src/lib/clock.js';
import type { Result } from '../src/lib/result.js';
import { DEFAULT_PLANS } from '../src/limits/plans.js';
import { ProjectService } from '../src/projects/project-service.js';
import { createServer, openDatabase } from '../src/server.js';
import type { Outcome, UsageEvent } from '../src/usage/usage-event.js';
import { dayOf, fieldSetId, hourOf, writeUsageBatch } from '../src/usage/usage-repository.js';
import { BenchDatabases, describeServer } from './lib/bench-postgres.js';
import { median } from './lib/load.js';

export interface UsageBenchSettings {
  /** Events per ingest run. */
  ingestEvents: number;
  ingestRuns: number;
  /** Events stored before the queries are measured. */
  storedEvents: number;
  /** Measured requests per query (after `warmup` unmeasured ones). */
  queryRequests: number;
  warmup: number;
  /** Where the PostgreSQL ingest runs create their databases; null: not measured. */
  databaseUrl: string | null;
}

export const TARGETS = {
  ingestPerSecond: 50_000,
  postgresIngestPerSecond: 20_000,
  p95Ms: 50,
} as const;

const BATCH = 1000;
const DAYS = 30;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------
// The traffic: 5 projects × 10 keys, 6 regions, 6 operations of 8 field coordinates each.

const REGIONS = ['US', 'DE', 'GB', 'FR', 'JP', 'BR'] as const;

const OPERATIONS = [
  {
    name: 'ListInvoices',
    type: 'query',
    fields: [
      'Query.invoices',
      'InvoiceConnection.edges',
      'InvoiceEdge.node',
      'Invoice.id',
      'Invoice.number',
      'Invoice.amountCents',
      'Invoice.currency',
      'Invoice.status',
    ],
  },
  {
    name: 'CustomerWithInvoices',
    type: 'query',
    fields: [
      'Query.customer',
      'Customer.id',
      'Customer.name',
      'Customer.email',
      'Customer.invoices',
      'InvoiceConnection.edges',
      'InvoiceEdge.node',
      'Invoice.amountCents',
    ],
  },
  {
    name: 'Catalog',
    type: 'query',
    fields: [
      'Query.products',
      'ProductConnection.edges',
      'ProductConnection.pageInfo',
      'PageInfo.hasNextPage',
      'ProductEdge.node',
      'Product.id',
      'Product.name',
      'Product.priceCents',
    ],
  },
  {
    name: 'Receivables',
    type: 'query',
    fields: [
      'Query.agedReceivables',
      'AgedReceivables.asOf',
      'AgedReceivables.buckets',
      'AgedBucket.label',
      'AgedBucket.amountCents',
      'AgedBucket.invoiceCount',
      'Query.viewer',
      'Viewer.scopes',
    ],
  },
  {
    name: 'CreateInvoice',
    type: 'mutation',
    fields: [
      'Mutation.createInvoice',
      'Invoice.id',
      'Invoice.number',
      'Invoice.status',
      'Invoice.dueAt',
      'Invoice.customer',
      'Customer.id',
      'Customer.name',
    ],
  },
  {
    name: 'RecordPayment',
    type: 'mutation',
    fields: [
      'Mutation.recordPayment',
      'Payment.id',
      'Payment.amountCents',
      'Payment.receivedAt',
      'Payment.invoice',
      'Invoice.id',
      'Invoice.status',
      'Invoice.amountCents',
    ],
  },
] as const;

/** Share of requests per outcome; refused ones never execute, so they touch no field. */
const OUTCOME_MIX: readonly [Outcome, number, number][] = [
  ['OK', 0.88, 200],
  ['FORBIDDEN', 0.04, 200],
  ['RATE_LIMITED', 0.025, 429],
  ['ERROR', 0.02, 400],
  ['UNAUTHENTICATED', 0.02, 401],
  ['COST_LIMIT_EXCEEDED', 0.01, 400],
  ['KEY_REVOKED', 0.005, 401],
];
const EXECUTED: ReadonlySet<Outcome> = new Set(['OK', 'FORBIDDEN', 'ERROR']);

export interface Traffic {
  projects: { id: string; keys: string[] }[];
}

/** A small deterministic PRNG (mulberry32), so every run sends the same traffic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(value: number, width: number): string {
  let out = '';
  for (let n = value; out.length < width; n = Math.floor(n / 62)) out = BASE62[n % 62] + out;
  return out;
}

let sequence = 0;
/**
 * A request id of the real shape (`req_` + 8 base62 chars of milliseconds + 14 more), time
 * ordered like `newId`'s, with a counter instead of crypto randomness: a million
 * `randomBytes` calls would take longer than storing the events.
 */
function requestId(at: Date): string {
  sequence += 1;
  return `req_${base62(at.getTime(), 8)}${base62(sequence, 14)}`;
}

/** Picks an index by weight; `cumulative` ends with the total. */
function pick(cumulative: readonly number[], r: number): number {
  const x = r * (cumulative[cumulative.length - 1] as number);
  for (let i = 0; i < cumulative.length; i++) if (x < (cumulative[i] as number)) return i;
  return cumulative.length - 1;
}

function cumulate(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

/**
 * `count` events in time order, spread evenly (with jitter) over [from, from + spanMs),
 * 30 days unless told otherwise.
 * Traffic is skewed the way API traffic is: within a project a few keys make most requests
 * (weights 1, 1/2, … 1/10), each key runs 2 of the 6 operations, and 60 % of a project's
 * requests come from its home region. 12 % are refused or fail (see OUTCOME_MIX); an
 * unknown key (UNAUTHENTICATED) belongs to no project and no key.
 */
export function* trafficEvents(
  traffic: Traffic,
  count: number,
  from: Date,
  spanMs: number = DAYS * DAY_MS,
): Generator<UsageEvent> {
  const rnd = random(20261128);
  const projectPick = cumulate(traffic.projects.map((_, i) => [5, 4, 3, 2, 1][i % 5] as number));
  const keyPick = cumulate(Array.from({ length: 10 }, (_, k) => 1 / (k + 1)));
  const outcomePick = cumulate(OUTCOME_MIX.map(([, share]) => share));
  const span = spanMs;
  const start = from.getTime();
  for (let i = 0; i < count; i++) {
    const at = new Date(start + Math.floor(((i + rnd()) * span) / count));
    const p = pick(projectPick, rnd());
    const project = traffic.projects[p] as Traffic['projects'][number];
    const k = pick(keyPick, rnd()) % project.keys.length;
    const operation = OPERATIONS[
      (p + k + (rnd() < 0.7 ? 0 : 1)) % OPERATIONS.length
    ] as (typeof OPERATIONS)[number];
    const region =
      rnd() < 0.6
        ? REGIONS[p % REGIONS.length]
        : REGIONS[Math.floor(rnd() * REGIONS.length) % REGIONS.length];
    const [outcome, , httpStatus] = OUTCOME_MIX[pick(outcomePick, rnd())] as [
      Outcome,
      number,
      number,
    ];
    const known = outcome !== 'UNAUTHENTICATED';
    yield {
      id: requestId(at),
      at,
      projectId: known ? project.id : null,
      keyId: known ? (project.keys[k] as string) : null,
      operationName: operation.name,
      operationType: EXECUTED.has(outcome) ? operation.type : null,
      fields: EXECUTED.has(outcome) && outcome !== 'ERROR' ? operation.fields : [],
      outcome,
      httpStatus,
      durationMs: Math.round((1 + rnd() * 25) * 1000) / 1000,
      cost: 0,
      ip: `203.0.113.${1 + Math.floor(rnd() * 200)}`,
      region: region ?? null,
      userAgent: 'partner-backend/2.3 (+node)',
    };
  }
}

const ADMIN: Actor = {
  keyId: null,
  projectId: null,
  isAdmin: true,
  held: new Set(ALL_SCOPES),
  ip: null,
};

function must<T>(what: string, result: Result<T, string>): T {
  if (!result.ok) throw new Error(`usage bench: ${what} failed: ${result.code}: ${result.message}`);
  return result.value;
}

/**
 * 5 projects with 10 SECRET keys each, through the real services (so `lastUsedAt` updates
 * hit real rows), and one usage:read key of the first project for the queries.
 */
async function createTraffic(db: Db): Promise<{ traffic: Traffic; reader: string }> {
  const bus = createMemoryKeyChangeBus();
  const projects = new ProjectService({ db, clock: systemClock, bus });
  const keys = new KeyService({ db, clock: systemClock, bus, plans: DEFAULT_PLANS });
  const traffic: Traffic = { projects: [] };
  let reader = '';
  for (let p = 0; p < 5; p++) {
    const project = must(
      'createProject',
      await projects.createProject(ADMIN, {
        name: `Usage bench ${p + 1}`,
        plan: 'PRO',
        region: REGIONS[p % REGIONS.length] ?? null,
        allowedScopes: ['invoices:read', 'customers:read', 'products:read', 'usage:read'],
      }),
    );
    const ids: string[] = [];
    for (let k = 0; k < 10; k++) {
      const created = must(
        'createKey',
        await keys.createKey(ADMIN, {
          projectId: project.id,
          name: `partner ${k + 1}`,
          kind: 'SECRET',
          environment: 'LIVE',
          scopes: ['invoices:read', 'customers:read', 'products:read'],
        }),
      );
      ids.push(created.key.id);
    }
    traffic.projects.push({ id: project.id, keys: ids });
    if (p === 0) {
      reader = must(
        'createKey',
        await keys.createKey(ADMIN, {
          projectId: project.id,
          name: 'usage dashboard',
          kind: 'SECRET',
          environment: 'LIVE',
          scopes: ['usage:read'],
        }),
      ).secret;
    }
  }
  return { traffic, reader };
}

// ---------------------------------------------------------------------------------------
// (a) ingest

/** One run: a fresh migrated file, its keys, then `count` events through writeUsageBatch. */
async function ingestRun(dir: string, run: number, count: number, from: Date): Promise<number> {
  const db = await openDatabase(loadConfig({ KEYGATE_DB: join(dir, `ingest-${run}.sqlite`) }));
  try {
    return await ingest(db, run, count, from, async () => {
      // Copy the WAL back into the database inside the timed span: the work that
      // `wal_autocheckpoint` would do later is counted, not left for after the clock stops.
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    });
  } finally {
    await db.destroy();
  }
}

/**
 * The same run on a fresh PostgreSQL database, migrated like `keygate serve` migrates it
 * (`openDatabase` with DATABASE_URL), dropped afterwards. Nothing is timed after the last
 * batch: each commit is durable when it returns, and checkpoints are the server's background
 * work, not the writer's.
 */
async function ingestRunPostgres(
  databases: BenchDatabases,
  open: Set<Db>,
  run: number,
  count: number,
  from: Date,
): Promise<Result<number, 'UNREACHABLE'>> {
  const created = await databases.create();
  if (!created.ok) return { ok: false, code: 'UNREACHABLE', message: created.reason };
  try {
    const db = await openDatabase(loadConfig({ DATABASE_URL: created.url }));
    open.add(db);
    try {
      return { ok: true, value: await ingest(db, run, count, from, async () => {}) };
    } finally {
      open.delete(db);
      await db.destroy();
    }
  } finally {
    await databases.drop(created.name);
  }
}

/** Creates the keys, generates the events, and times their writeUsageBatch calls and `finish`. */
async function ingest(
  db: Db,
  run: number,
  count: number,
  from: Date,
  finish: () => Promise<void>,
): Promise<number> {
  const { traffic } = await createTraffic(db);
  // A live server flushes about a second of traffic per batch: the events come in time
  // order, 1000 per second of traffic (one batch), not scattered over the month.
  const events = [...trafficEvents(traffic, count, from, (count / BATCH) * 1000)];
  let written = 0;
  const started = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    written += await writeUsageBatch(db, events.slice(i, i + BATCH));
  }
  await finish();
  const seconds = (performance.now() - started) / 1000;
  if (written !== count) throw new Error(`ingest run ${run}: wrote ${written} of ${count}`);
  return count / seconds;
}

// ---------------------------------------------------------------------------------------
// (b) stored events and queries

interface Expected {
  /** Requests of the first project in the window. */
  total: number;
  /** Its 50 most used coordinates: count desc, coordinate asc. */
  top: { coordinate: string; count: number }[];
}

/** Indexes of `values` in sorted order, so that comparing indexes compares the strings. */
function dictionary(values: Iterable<string>): Map<string, number> {
  return new Map([...new Set(values)].sort().map((v, i) => [v, i]));
}

/**
 * Stores `count` events in bulk, outside writeUsageBatch: prepared single-row INSERTs, and
 * the rollup rows (`usage_hourly`, `usage_outcomes_hourly`, `usage_field_sets*`) summed in memory by the same
 * dimensions writeUsageBatch sums them by ('' for none), inserted in primary-key order.
 * The file ends up as writeUsageBatch would leave it, minus `api_keys.last_used_at`.
 */
function loadStored(
  dbPath: string,
  traffic: Traffic,
  count: number,
  from: Date,
  log: (line: string) => void,
): Expected {
  // A scratch file loaded once: no journal while loading, WAL again before the server opens it.
  const sqlite = new SQLite(dbPath);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  // Bulk-load habit: secondary indexes are dropped and built again once the rows are in
  // (the same definitions, read back from the schema), which is far faster than keeping
  // them up to date row by row.
  const tables = [
    'usage_events',
    'usage_hourly',
    'usage_outcomes_hourly',
    'usage_field_sets',
    'usage_field_sets_hourly',
    'usage_field_sets_daily',
  ];
  const indexes = sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null
       and tbl_name in (${tables.map(() => '?').join(', ')})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`drop index "${index.name}"`);

  const insertEvent = sqlite.prepare(
    `insert into usage_events (id, at, project_id, key_id, operation_name, operation_type,
       fields, outcome, http_status, duration_ms, cost, ip, region, user_agent)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHourly = sqlite.prepare(
    `insert into usage_hourly (hour, project_id, key_id, outcome, region, operation_name,
       requests, cost) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOutcome = sqlite.prepare(
    `insert into usage_outcomes_hourly (project_id, hour, outcome, region, requests, cost)
     values (?, ?, ?, ?, ?, ?)`,
  );
  const insertSet = sqlite.prepare(
    'insert into usage_field_sets (set_id, coordinate) values (?, ?)',
  );
  const insertSetHourly = sqlite.prepare(
    `insert into usage_field_sets_hourly (project_id, hour, key_id, region, set_id, count)
     values (?, ?, ?, ?, ?, ?)`,
  );
  const insertSetDaily = sqlite.prepare(
    `insert into usage_field_sets_daily (project_id, day, region, set_id, count)
     values (?, ?, ?, ?, ?)`,
  );

  // Every dimension as a small integer in string order; a rollup row's primary key is then
  // one number whose order is the primary key's order.
  const projects = dictionary(['', ...traffic.projects.map((p) => p.id)]);
  const keys = dictionary(['', ...traffic.projects.flatMap((p) => p.keys)]);
  const regions = dictionary(['', ...REGIONS]);
  const outcomes = dictionary(OUTCOME_MIX.map(([o]) => o));
  const operations = dictionary(['', ...OPERATIONS.map((o) => o.name)]);
  const names = (d: Map<string, number>) => [...d.keys()];
  const projectNames = names(projects);
  const keyNames = names(keys);
  const regionNames = names(regions);
  const outcomeNames = names(outcomes);
  const operationNames = names(operations);
  const firstHour = Math.floor(from.getTime() / HOUR_MS);
  const hours = DAYS * 24 + 1;
  const hourNames = Array.from({ length: hours }, (_, h) =>
    hourOf(new Date((firstHour + h) * HOUR_MS)),
  );
  const idx = (d: Map<string, number>, value: string | null) => d.get(value ?? '') as number;

  const hourly = new Map<number, [requests: number, cost: number]>();
  // The other rollups by their primary key's columns joined with NUL: sorting those
  // strings sorts by the primary key.
  const outcomeRows = new Map<string, [requests: number, cost: number]>();
  const sets = new Map<string, readonly string[]>();
  const setsHourly = new Map<string, number>();
  const setsDaily = new Map<string, number>();
  const setIdOf = new Map<readonly string[], string>();
  const fieldsJson = new Map<readonly string[], string>();
  const first = traffic.projects[0]?.id;
  const topOfFirst = new Map<string, number>();
  let total = 0;
  const eventRows: unknown[][] = [];
  const flushEvents = sqlite.transaction((rows: unknown[][]) => {
    for (const row of rows) insertEvent.run(row);
  });
  let phase = performance.now();
  const lap = (what: string) => {
    const now = performance.now();
    log(`  ${what}: ${((now - phase) / 1000).toFixed(1)} s`);
    phase = now;
  };
  for (const e of trafficEvents(traffic, count, from)) {
    let json = fieldsJson.get(e.fields);
    if (json === undefined) {
      json = JSON.stringify(e.fields);
      fieldsJson.set(e.fields, json);
    }
    eventRows.push([
      e.id,
      e.at.toISOString(),
      e.projectId,
      e.keyId,
      e.operationName,
      e.operationType,
      json,
      e.outcome,
      e.httpStatus,
      e.durationMs,
      e.cost,
      e.ip,
      e.region,
      e.userAgent,
    ]);
    if (eventRows.length === 50_000) flushEvents(eventRows.splice(0));
    const hour = Math.floor(e.at.getTime() / HOUR_MS) - firstHour;
    const p = idx(projects, e.projectId);
    const k = idx(keys, e.keyId);
    const r = idx(regions, e.region);
    // (project_id, hour, key_id, outcome, region, operation_name)
    const hid =
      ((((p * hours + hour) * keys.size + k) * outcomes.size + idx(outcomes, e.outcome)) *
        regions.size +
        r) *
        operations.size +
      idx(operations, e.operationName);
    const h = hourly.get(hid);
    if (h) {
      h[0] += 1;
      h[1] += e.cost;
    } else hourly.set(hid, [1, e.cost]);
    const project = e.projectId ?? '';
    const region = e.region ?? '';
    const hourName = hourNames[hour] as string;
    const oid = [project, hourName, e.outcome, region].join('\u0000');
    const o = outcomeRows.get(oid);
    if (o) {
      o[0] += 1;
      o[1] += e.cost;
    } else outcomeRows.set(oid, [1, e.cost]);
    if (e.fields.length > 0) {
      let setId = setIdOf.get(e.fields);
      if (setId === undefined) {
        setId = fieldSetId(e.fields);
        setIdOf.set(e.fields, setId);
        sets.set(setId, e.fields);
      }
      const sh = [project, hourName, e.keyId ?? '', region, setId].join('\u0000');
      setsHourly.set(sh, (setsHourly.get(sh) ?? 0) + 1);
      const sd = [project, dayOf(e.at), region, setId].join('\u0000');
      setsDaily.set(sd, (setsDaily.get(sd) ?? 0) + 1);
    }
    if (e.projectId === first) {
      for (const coordinate of e.fields) {
        topOfFirst.set(coordinate, (topOfFirst.get(coordinate) ?? 0) + 1);
      }
    }
    if (e.projectId === first) total++;
  }
  flushEvents(eventRows.splice(0));
  lap(`${count} raw events generated and inserted, rollups summed in memory`);

  /** Splits a composite number back into its parts, last dimension first. */
  const split = (id: number, sizes: number[]) => {
    const parts: number[] = new Array(sizes.length);
    let rest = id;
    for (let i = sizes.length - 1; i >= 0; i--) {
      const size = sizes[i] as number;
      parts[i] = rest % size;
      rest = Math.floor(rest / size);
    }
    return parts;
  };
  const at = (list: string[], i: number | undefined) => list[i as number] as string;
  sqlite.transaction(() => {
    const hourlySizes = [
      projects.size,
      hours,
      keys.size,
      outcomes.size,
      regions.size,
      operations.size,
    ];
    for (const id of Float64Array.from(hourly.keys()).sort()) {
      const [p, h, k, o, r, op] = split(id, hourlySizes);
      const [requests, cost] = hourly.get(id) as [number, number];
      insertHourly.run(
        at(hourNames, h),
        at(projectNames, p),
        at(keyNames, k),
        at(outcomeNames, o),
        at(regionNames, r),
        at(operationNames, op),
        requests,
        cost,
      );
    }
    const byKey = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [id, [requests, cost]] of byKey(outcomeRows)) {
      insertOutcome.run(...id.split('\u0000'), requests, cost);
    }
    for (const [setId, fields] of byKey(sets)) {
      for (const coordinate of fields) insertSet.run(setId, coordinate);
    }
    for (const [id, n] of byKey(setsHourly)) insertSetHourly.run(...id.split('\u0000'), n);
    for (const [id, n] of byKey(setsDaily)) insertSetDaily.run(...id.split('\u0000'), n);
  })();
  lap(
    `${hourly.size} + ${outcomeRows.size} + ${setsHourly.size} + ${setsDaily.size} rollup rows inserted`,
  );
  for (const index of indexes) sqlite.exec(index.sql);
  sqlite.exec('analyze');
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  lap('secondary indexes rebuilt, analyzed');
  const top = [...topOfFirst]
    .map(([coordinate, n]) => ({ coordinate, count: n }))
    .sort((a, b) => b.count - a.count || (a.coordinate < b.coordinate ? -1 : 1))
    .slice(0, 50);
  return { total, top };
}

const USAGE_QUERY = `query BenchUsage($filter: UsageFilter!) {
  usage(filter: $filter, granularity: HOUR) { total series { bucket requests } }
}`;
const FIELD_USAGE_QUERY = `query BenchFieldUsage($filter: UsageFilter!) {
  fieldUsage(filter: $filter, first: 50) { coordinate count }
}`;

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string }[] };
}

async function post(url: string, key: string, query: string, variables: object): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      'x-api-key': key,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** Nearest-rank percentile of already sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

async function measure(
  label: string,
  settings: UsageBenchSettings,
  send: () => Promise<Answer>,
  check: (answer: Answer) => string | null,
): Promise<{ p50: number; p95: number }> {
  const problem = check(await send());
  if (problem !== null) throw new Error(`${label}: wrong answer: ${problem}`);
  for (let i = 0; i < settings.warmup; i++) await send();
  const times: number[] = [];
  for (let i = 0; i < settings.queryRequests; i++) {
    const started = performance.now();
    const answer = await send();
    times.push(performance.now() - started);
    if (answer.status !== 200 || answer.body.errors !== undefined) {
      throw new Error(
        `${label}: request ${i + 1} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

// ---------------------------------------------------------------------------------------

/** Rows per rollup table after the bulk load. */
interface StoredRows {
  hourly: number;
  outcomes: number;
  sets: number;
  setsHourly: number;
  setsDaily: number;
}

function formatRows(r: StoredRows): string {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  return (
    `${n(r.hourly)} usage_hourly, ${n(r.outcomes)} usage_outcomes_hourly, ` +
    `${n(r.sets)} usage_field_sets, ${n(r.setsHourly)} usage_field_sets_hourly, ` +
    `${n(r.setsDaily)} usage_field_sets_daily rows`
  );
}

/** The PostgreSQL ingest: its runs and median, or why it was not measured. */
export type PostgresIngest =
  | { ok: true; runs: number[]; median: number; server: string }
  | { ok: false; reason: string };

/** The ingest runs again, each on a fresh PostgreSQL database; stops at the first unreachable. */
async function postgresIngest(
  databases: BenchDatabases | null,
  open: Set<Db>,
  settings: UsageBenchSettings,
  from: Date,
  log: (line: string) => void,
): Promise<PostgresIngest> {
  if (databases === null || settings.databaseUrl === null) {
    return { ok: false, reason: 'BENCH_DATABASE_URL=off' };
  }
  const server = await describeServer(settings.databaseUrl);
  const runs: number[] = [];
  for (let run = 1; run <= settings.ingestRuns; run++) {
    const rate = await ingestRunPostgres(databases, open, run, settings.ingestEvents, from);
    if (!rate.ok) {
      log(`usage ingest on PostgreSQL: not measured: ${rate.message}`);
      return { ok: false, reason: rate.message };
    }
    runs.push(rate.value);
    log(
      `usage ingest run ${run}/${settings.ingestRuns} on PostgreSQL: ${Math.round(rate.value)} events/s`,
    );
  }
  return { ok: true, runs, median: median(runs), server };
}

export interface UsageBenchResult {
  settings: UsageBenchSettings;
  ingestRuns: number[];
  ingestMedian: number;
  postgres: PostgresIngest;
  loadSeconds: number;
  rows: StoredRows;
  usage: { p50: number; p95: number };
  fieldUsage: { p50: number; p95: number };
  seconds: number;
}

export async function runUsageBench(
  settings: UsageBenchSettings,
  log: (line: string) => void,
  onStop: (stop: () => Promise<void>) => void,
): Promise<UsageBenchResult> {
  const began = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'keygate-bench-usage-'));
  let closeServer: (() => Promise<void>) | null = null;
  const adminUrl = settings.databaseUrl;
  const databases = adminUrl === null ? null : new BenchDatabases(adminUrl);
  /** The PostgreSQL run's connections: closed before its database is dropped on Ctrl-C. */
  const open = new Set<Db>();
  onStop(async () => {
    await closeServer?.();
    rmSync(dir, { recursive: true, force: true });
    await Promise.allSettled([...open].map((db) => db.destroy()));
    await databases?.dropAll();
  });
  // The month of traffic ends a day before this hour, so the server's own metering of the
  // bench's requests (stamped now) never lands in the window queried.
  const to = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - DAY_MS);
  const from = new Date(to.getTime() - DAYS * DAY_MS);

  const ingestRuns: number[] = [];
  for (let run = 1; run <= settings.ingestRuns; run++) {
    const rate = await ingestRun(dir, run, settings.ingestEvents, from);
    ingestRuns.push(rate);
    log(`usage ingest run ${run}/${settings.ingestRuns}: ${Math.round(rate)} events/s`);
  }
  const postgres = await postgresIngest(databases, open, settings, from, log);

  const dbPath = join(dir, 'stored.sqlite');
  const db = await openDatabase(loadConfig({ KEYGATE_DB: dbPath }));
  const { traffic, reader } = await createTraffic(db);
  await db.destroy();
  log(`storing ${settings.storedEvents} events in bulk…`);
  const loadStarted = performance.now();
  const expected = loadStored(dbPath, traffic, settings.storedEvents, from, log);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const counts = new SQLite(dbPath, { readonly: true });
  const count = (table: string) =>
    (counts.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  const rows = {
    hourly: count('usage_hourly'),
    outcomes: count('usage_outcomes_hourly'),
    sets: count('usage_field_sets'),
    setsHourly: count('usage_field_sets_hourly'),
    setsDaily: count('usage_field_sets_daily'),
  };
  counts.close();
  log(`  stored in ${loadSeconds.toFixed(1)} s: ${formatRows(rows)}`);

  const server = await createServer(
    loadConfig({ KEYGATE_DB: dbPath, PORT: '0', KEYGATE_LOG_LEVEL: 'silent' }),
  );
  closeServer = async () => {
    closeServer = null;
    await server.close();
  };
  const url = await server.listen();
  const projectId = traffic.projects[0]?.id as string;
  const filter = { projectId, from: from.toISOString(), to: to.toISOString() };

  log(`querying ${url} (${settings.warmup} warm-up + ${settings.queryRequests} requests each)…`);
  const usage = await measure(
    'usage',
    settings,
    () => post(url, reader, USAGE_QUERY, { filter }),
    ({ status, body }) => {
      const report = body.data?.usage as
        | { total: number; series: { requests: number }[] }
        | null
        | undefined;
      if (status !== 200 || !report) return `${status} ${JSON.stringify(body).slice(0, 300)}`;
      const sum = report.series.reduce((s, p) => s + p.requests, 0);
      if (report.total !== expected.total || sum !== expected.total) {
        return `total ${report.total}, series sum ${sum}, expected ${expected.total}`;
      }
      if (report.series.length !== DAYS * 24) return `${report.series.length} buckets`;
      return null;
    },
  );
  const fieldUsage = await measure(
    'fieldUsage',
    settings,
    () => post(url, reader, FIELD_USAGE_QUERY, { filter }),
    ({ status, body }) => {
      const top = body.data?.fieldUsage;
      if (status !== 200 || !Array.isArray(top)) {
        return `${status} ${JSON.stringify(body).slice(0, 300)}`;
      }
      const got = JSON.stringify(top);
      const want = JSON.stringify(expected.top);
      return got === want ? null : `got ${got.slice(0, 200)}…, expected ${want.slice(0, 200)}…`;
    },
  );
  await closeServer();
  rmSync(dir, { recursive: true, force: true });
  return {
    settings,
    ingestRuns,
    ingestMedian: median(ingestRuns),
    postgres,
    loadSeconds,
    rows,
    usage,
    fieldUsage,
    seconds: (performance.now() - began) / 1000,
  };
}

const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => n.toFixed(1);

/** The usage section of the bench output. */
export function formatUsageResult(r: UsageBenchResult): string {
  const s = r.settings;
  const rows: string[][] = [
    ['measure', 'result', 'target', ''],
    [
      `ingest: writeUsageBatch × ${BATCH} in time order, ${int(s.ingestEvents)} events, median of ${s.ingestRuns}`,
      `${int(r.ingestMedian)} events/s`,
      `≥ ${int(TARGETS.ingestPerSecond)} events/s`,
      verdict(r.ingestMedian >= TARGETS.ingestPerSecond),
    ],
    [
      `ingest on PostgreSQL: the same, fresh database per run, median of ${s.ingestRuns}`,
      ...(r.postgres.ok
        ? [
            `${int(r.postgres.median)} events/s`,
            `≥ ${int(TARGETS.postgresIngestPerSecond)} events/s`,
            verdict(r.postgres.median >= TARGETS.postgresIngestPerSecond),
          ]
        : []),
    ],
    [
      `usage, 30 days by HOUR, ${int(s.storedEvents)} stored: p50 / p95`,
      `${ms(r.usage.p50)} / ${ms(r.usage.p95)} ms`,
      `p95 ≤ ${TARGETS.p95Ms} ms`,
      verdict(r.usage.p95 <= TARGETS.p95Ms),
    ],
    [
      `fieldUsage, top 50, ${int(s.storedEvents)} stored: p50 / p95`,
      `${ms(r.fieldUsage.p50)} / ${ms(r.fieldUsage.p95)} ms`,
      `p95 ≤ ${TARGETS.p95Ms} ms`,
      verdict(r.fieldUsage.p95 <= TARGETS.p95Ms),
    ],
  ];
  const widths =
    rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  const line = (row: string[]) =>
    row.length === 1
      ? `${(row[0] ?? '').padEnd(widths[0] ?? 0)}  not measured: ${r.postgres.ok ? '' : r.postgres.reason}`
      : row
          .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
          .join('  ')
          .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [
    '',
    'Keygate usage bench: 5 projects, 50 keys, 6 regions, 8 fields per operation, mixed outcomes, 30 days',
    '',
    line(rows[0] ?? []),
    rule,
    ...rows.slice(1).map(line),
    '',
    `ingest runs: ${r.ingestRuns.map((n) => int(n)).join(' / ')} events/s (fresh file each)`,
    ...(r.postgres.ok
      ? [
          `PostgreSQL ingest runs: ${r.postgres.runs.map((n) => int(n)).join(' / ')} events/s ` +
            `(fresh database each; ${r.postgres.server})`,
        ]
      : []),
    `stored events loaded in bulk in ${r.loadSeconds.toFixed(1)} s (prepared INSERTs and rollups ` +
      `computed in memory, not writeUsageBatch): ${formatRows(r.rows)}`,
    `queries: ${s.queryRequests} sequential requests each after ${s.warmup} warm-up, one ` +
      `project's usage:read key, HTTP to createServer in this process; stage took ${Math.round(r.seconds)} s`,
    '',
  ].join('\n');
}
