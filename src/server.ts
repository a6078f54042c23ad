import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { createApp } from './app.js';
import { ALL_SCOPES } from './authz/scopes.js';
import type { Config } from './config.js';
import type { Services } from './context.js';
import { createDb, type Db } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import { createMonitor, type Monitor } from './jobs/monitor-job.js';
import { KeyCache } from './keys/key-cache.js';
import { createMemoryKeyChangeBus, type KeyChangeBus } from './keys/key-change-bus.js';
import { countAdminKeys } from './keys/key-repository.js';
import { KeyService } from './keys/key-service.js';
import { KnownDigests } from './keys/known-digests.js';
import { createRedisKeyChangeBus } from './keys/redis-key-change-bus.js';
import { LedgerService } from './ledger/ledger-service.js';
import { type Clock, systemClock } from './lib/clock.js';
import { createLogger, type Logger } from './lib/logger.js';
import { createRedis } from './lib/redis.js';
import { AuthFailureGuard } from './limits/auth-failure-guard.js';
import { MemoryQuotaStore } from './limits/quota-store.js';
import type { RateLimiter } from './limits/rate-limiter.js';
import { RequestLimits } from './limits/request-limits.js';
import { createSharedLimits } from './limits/shared-limits.js';
import { SlidingWindowLimiter } from './limits/sliding-window-limiter.js';
import { AnomalyService } from './monitoring/anomaly-service.js';
import { ProjectService } from './projects/project-service.js';
import { BufferedUsageRecorder, type UsageRecorder } from './usage/usage-recorder.js';
import { monthlyQuotaUsed } from './usage/usage-repository.js';
import { WebhookService } from './webhooks/webhook-service.js';

export interface ServerOptions {
  /** @default systemClock */
  clock?: Clock;
  /** @default an in-memory bus (one process) */
  bus?: KeyChangeBus;
  /** @default log lines on stderr at config.logLevel */
  logger?: Logger;
  /** @default a BufferedUsageRecorder on the same database */
  recorder?: UsageRecorder;
  /** Per-key and per-ip request counters. @default an in-memory sliding window */
  limiter?: RateLimiter;
}

export interface KeygateServer {
  services: Services;
  keyCache: KeyCache;
  /** Digests of every stored key, for refusing brute-force guesses without the database. */
  knownDigests: KnownDigests;
  http: Server;
  /**
   * The anomaly detectors (every KEYGATE_MONITOR_INTERVAL_MS, in the one instance holding the
   * monitor lease); `runOnce()` runs a pass now and resolves with what it found.
   */
  monitor: Monitor;
  /** Webhooks and their outbox: `deliverDue()` and `runChecks()` run a pass now. */
  webhooks: WebhookService;
  /** Starts listening; resolves with the GraphQL endpoint URL. */
  listen(): Promise<string>;
  /**
   * Creates the first admin key when none was ever created, and returns its secret
   * (to be shown once); null when the database already has one.
   */
  bootstrapAdminKey(): Promise<string | null>;
  /**
   * Stops accepting, lets in-flight requests finish, writes every buffered usage event,
   * then closes the database.
   */
  close(): Promise<void>;
}

/** How long a start waits for Redis before serving without it. */
const REDIS_START_WAIT_MS = 3_000;

/** The longest a shutdown waits for requests in flight (the whole shutdown stays under 10 s). */
const DRAIN_MS = 6_000;

export async function openDatabase(config: Config): Promise<Db> {
  const db = createDb({
    sqlitePath: config.sqlitePath,
    sqliteCacheMb: config.sqliteCacheMb,
    databaseUrl: config.databaseUrl,
    poolSize: config.dbPoolSize,
  });
  const { error, results } = await migrateToLatest(db);
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return db;
}

/**
 * How far V8 lets the old generation grow past what the last full collection left alive,
 * process-wide. On a machine with this much memory V8 allows up to 4× the live heap; most
 * of it is request garbage promoted before it died, so RSS carries ~100 MB that a full
 * collection would free. At 100 % (2×) a server measured ~50 MB less RSS for ~1 % more CPU
 * per request (6 rounds of each, alternating, 8 s each, in one process: 516 vs 510 µs); 60 %,
 * the default, ~17 MB less again with 1M keys stored for ~3 % more; 20 % cost +32 %
 * (bench/README.md, "2026-11-29, third session: memory" and "fourth session"). 0 leaves V8's
 * own policy. The flag is read at every collection, so setting it once the process runs takes
 * effect from the next one.
 */
function limitHeapGrowth(percent: number): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/** Builds the services and the HTTP server around the Yoga app. */
export async function createServer(
  config: Config,
  options: ServerOptions = {},
): Promise<KeygateServer> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  limitHeapGrowth(config.heapGrowingPercent);
  const db = await openDatabase(config);
  // Redis: shared limits and key changes across instances. A Redis that is down now or
  // later degrades both (per-instance limits, short-lived key cache) and never stops us.
  const redis = config.redisUrl === null ? null : createRedis(config.redisUrl);
  const bus =
    options.bus ??
    (redis === null
      ? // Several instances may share PostgreSQL: without a bus, changes are not seen.
        createMemoryKeyChangeBus({ coherent: config.databaseUrl === null })
      : createRedisKeyChangeBus({ redis, prefix: config.redisPrefix, logger }));
  const coherent = () => bus.coherent;
  const keyCache = new KeyCache({ ttlMs: config.keyCacheTtlMs, coherent });
  const knownDigests = new KnownDigests({ coherent });
  bus.subscribe((change) => {
    if ('created' in change) knownDigests.add(change.created);
    // Changes may have been missed: digests created meanwhile must be learnt again.
    if ('all' in change) knownDigests.reload(db).catch(() => {});
    keyCache.invalidate(change);
  });
  const usage =
    options.recorder ??
    new BufferedUsageRecorder({
      db,
      clock,
      logger,
      flushIntervalMs: config.usageFlushMs,
      batchSize: config.usageBatch,
      maxBuffered: config.usageBufferMax,
      retentionDays: config.logRetentionDays,
    });
  const seed = (projectId: string, month: string) => monthlyQuotaUsed(db, projectId, month);
  // With Redis the counters are shared by every instance (per-instance while it is away).
  const shared =
    redis === null
      ? null
      : createSharedLimits({
          redis,
          prefix: config.redisPrefix,
          instances: config.instances,
          seed,
          logger,
          clock,
        });
  if (redis !== null) {
    // Serve with shared limits and the bus from the first request when Redis is there; a
    // Redis that is down does not hold the start up for long (per-instance until it is back).
    const up = () => shared?.state === 'shared' && bus.coherent;
    for (const deadline = Date.now() + REDIS_START_WAIT_MS; !up() && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (!up()) {
      logger.warn({
        msg: `Redis is not reachable at start: serving with per-instance limits until it is`,
      });
    }
  }
  // After the bus is subscribed (its first `all` may have started this load already): a key
  // created anywhere from now on reaches the filter through the bus.
  if (!knownDigests.loaded) await knownDigests.load(db);
  const keys = new KeyService({ db, clock, bus, plans: config.plans });
  const services: Services = {
    db,
    clock,
    logger,
    usage,
    plans: config.plans,
    limits: new RequestLimits({
      db,
      plans: config.plans,
      limiter: options.limiter ?? shared?.limiter ?? new SlidingWindowLimiter(),
      quotas: shared?.quotas ?? new MemoryQuotaStore(seed),
    }),
    keys,
    anomalies: new AnomalyService({ db, clock, keys, logger }),
    projects: new ProjectService({ db, clock, bus }),
    ledger: new LedgerService({ db, clock }),
    // Delivers the outbox (polled every second) and runs the periodic checks (every minute).
    webhooks: new WebhookService({
      db,
      clock,
      logger,
      plans: config.plans,
      allowPrivate: config.webhookAllowPrivate,
      timeoutMs: config.webhookTimeoutMs,
      pollMs: config.webhookPollMs,
      encryptionKey: config.webhookEncryptionKey,
      retentionDays: config.logRetentionDays,
    }),
  };
  // Failed authentications per ip: counted across instances too when Redis is there.
  const guard = new AuthFailureGuard({
    limiter: shared?.limiter ?? new SlidingWindowLimiter(),
    perMinute: config.authFailuresPerMinute,
  });
  const monitor = createMonitor({
    db,
    clock,
    logger,
    anomalies: services.anomalies,
    thresholds: config.monitorThresholds,
    intervalMs: config.monitorIntervalMs,
  });
  let draining = false;
  let closed: Promise<void> = Promise.resolve();
  const yoga = createApp({
    config,
    services,
    keyCache,
    knownDigests,
    guard,
    draining: () => draining,
    redis:
      redis === null
        ? null
        : () => (shared?.state === 'shared' && bus.coherent ? 'ok' : 'unreachable'),
  });
  // Headers beyond 16 KB are refused by node itself (431) before any of our code runs.
  const http: Server =
    config.tls === null
      ? createHttpServer({ maxHeaderSize: 16_384 }, yoga)
      : createHttpsServer({ maxHeaderSize: 16_384, ...config.tls }, yoga);
  http.keepAliveTimeout = 5_000;
  // A client may half-close its side once the request is sent (Connection: close); node
  // would then drop the request still being answered. Answer it, then close.
  (http as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;

  return {
    services,
    keyCache,
    knownDigests,
    http,
    monitor,
    webhooks: services.webhooks,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          const { port } = http.address() as AddressInfo;
          const host = config.host.includes(':') ? `[${config.host}]` : config.host;
          resolve(`${config.tls === null ? 'http' : 'https'}://${host}:${port}/graphql`);
        });
      }),
    async bootstrapAdminKey() {
      if ((await countAdminKeys(db)) > 0) return null;
      return (await services.keys.createAdminKey('bootstrap admin key', ALL_SCOPES)).secret;
    },
    close() {
      // Readiness turns 503 at once while requests are still served (KEYGATE_DRAIN_DELAY_MS,
      // so load balancers notice); then new connections are refused, requests in flight
      // finish (those still running after DRAIN_MS are cut), and the buffered usage is written.
      if (draining) return closed;
      draining = true;
      // Webhook timers stop now; the delivery in flight finishes while requests drain.
      const webhooksClosed = services.webhooks.close();
      closed = (async () => {
        await new Promise((resolve) => setTimeout(resolve, config.drainDelayMs));
        await new Promise<void>((resolve) => {
          const cut = setTimeout(() => http.closeAllConnections(), DRAIN_MS);
          cut.unref();
          http.close(() => {
            clearTimeout(cut);
            resolve();
          });
          http.closeIdleConnections();
        });
        await webhooksClosed;
        await monitor.close();
        await usage.close();
        await bus.close();
        shared?.close();
        redis?.disconnect();
        await db.destroy();
        const { buffered } = usage.stats();
        if (buffered > 0) throw new Error(`${buffered} usage events could not be written`);
      })();
      return closed;
    },
  };
}
