import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { loadPlans, type Plans, PlansFileError } from './limits/plans.js';
import type { MonitorThresholds } from './monitoring/monitor-thresholds.js';

/**
 * Every environment variable Keygate reads, with its default. This module is the only
 * reader of `process.env`; the rest of the code receives a frozen `Config`.
 */
export const ENV_VARS = {
  HOST: { default: '127.0.0.1', doc: 'interface to listen on' },
  PORT: { default: '4000', doc: 'port to listen on (0 picks a free one)' },
  KEYGATE_DB: { default: './data/keygate.sqlite', doc: 'SQLite file (created, with its folder)' },
  DATABASE_URL: {
    default: '',
    doc: 'postgres://user@host:5432/db switches from SQLite to PostgreSQL (several instances)',
  },
  KEYGATE_DB_POOL_SIZE: {
    default: '10',
    doc: 'PostgreSQL connections per instance (pooled)',
  },
  REDIS_URL: {
    default: '',
    doc: 'redis://host:6379 shares rate limits and quotas and carries key changes to every instance',
  },
  KEYGATE_REDIS_PREFIX: {
    default: 'keygate:',
    doc: 'prefix of every Redis key and channel Keygate uses (several deployments, one Redis)',
  },
  KEYGATE_INSTANCES: {
    default: '1',
    doc: 'instances expected behind the load balancer: while Redis is down each admits limit ÷ this',
  },
  KEYGATE_PUBLIC_INTROSPECTION: {
    default: 'false',
    doc: 'true lets introspection queries through without a key',
  },
  KEYGATE_GRAPHIQL: {
    default: 'true unless NODE_ENV=production',
    doc: 'serve the GraphiQL page on GET /graphql',
  },
  KEYGATE_JIT: {
    default: 'true',
    doc: 'compiled execution (graphql-jit); false runs the graphql-js interpreter',
  },
  KEYGATE_CORS_ORIGINS: {
    default: '*',
    doc: 'comma-separated origins a browser may call from, or *',
  },
  KEYGATE_KEY_CACHE_TTL_SECONDS: {
    default: '60',
    doc: 'how long a verified key stays cached (changes invalidate at once)',
  },
  KEYGATE_LOG_LEVEL: { default: 'info', doc: 'debug, info, warn, error or silent' },
  KEYGATE_REGION_HEADER: {
    default: '',
    doc: "request header holding the client's region, e.g. cf-ipcountry (else the project's region)",
  },
  KEYGATE_LOG_RETENTION_DAYS: {
    default: '30',
    doc: 'days raw usage events (request logs) are kept; hourly rollups are kept forever',
  },
  KEYGATE_SQLITE_CACHE_MB: {
    default: '8',
    doc: "SQLite's page cache in MiB (the usage batches' pages stay in it); with 1M keys stored it fills at start, so each MiB is RSS",
  },
  KEYGATE_HEAP_GROWING_PERCENT: {
    default: '60',
    doc: "how far V8's old generation may grow past the live heap before a full collection, in %; 0 is V8's own (up to 300 %)",
  },
  KEYGATE_USAGE_FLUSH_MS: {
    default: '1000',
    doc: 'longest time a usage event waits in memory before it is written',
  },
  KEYGATE_USAGE_BATCH: {
    default: '2000',
    doc: 'usage events written per transaction at most; more buffered are written in several',
  },
  KEYGATE_USAGE_BUFFER_MAX: {
    default: '100000',
    doc: 'usage events held in memory at most; beyond, events are dropped and counted',
  },
  KEYGATE_PLANS_FILE: {
    default: '',
    doc: 'JSON file overriding the plans\' limits, e.g. {"FREE": {"requestsPerMinute": 120}}',
  },
  KEYGATE_TRUST_PROXY: {
    default: 'false',
    doc: 'believe X-Forwarded-For: the number of proxies in front (1, 2…), or true (leftmost address)',
  },
  KEYGATE_AUTH_FAILURES_PER_MINUTE: {
    default: '30',
    doc: 'failed authentications per client ip per minute before it gets 429',
  },
  KEYGATE_MAX_BODY_BYTES: {
    default: '102400',
    doc: 'largest GraphQL request body; larger ones get 413 before they are read',
  },
  KEYGATE_MAX_TOKENS: { default: '2000', doc: 'GraphQL tokens per document (parser budget)' },
  KEYGATE_MAX_ALIASES: { default: '15', doc: 'aliased fields per operation, __typename included' },
  KEYGATE_MAX_DIRECTIVES: { default: '50', doc: 'directives per operation' },
  KEYGATE_DRAIN_DELAY_MS: {
    default: '2000',
    doc: 'on SIGTERM, how long /ready answers 503 while still serving, before connections close',
  },
  KEYGATE_MONITOR_INTERVAL_MS: {
    default: '60000',
    doc: 'how often the anomaly detectors run (one instance at a time, by a database lease); 0 turns them off',
  },
  KEYGATE_MONITOR_SPIKE_FACTOR: {
    default: '10',
    doc: "REQUEST_SPIKE: this hour's requests at least this many times the same hour's 7-day mean",
  },
  KEYGATE_MONITOR_SPIKE_MIN_REQUESTS: {
    default: '100',
    doc: 'REQUEST_SPIKE: and at least this many requests this hour (quiet keys do not alarm)',
  },
  KEYGATE_MONITOR_REFUSALS_MIN: {
    default: '50',
    doc: 'REFUSAL_SURGE: at least this many refused requests (FORBIDDEN, ORIGIN_NOT_ALLOWED…) this hour',
  },
  KEYGATE_MONITOR_REFUSALS_SHARE: {
    default: '0.5',
    doc: "REFUSAL_SURGE: and at least this share (0–1) of the key's requests this hour",
  },
  KEYGATE_MONITOR_HISTORY_DAYS: {
    default: '30',
    doc: 'NEW_REGION / NEW_IP_RANGE: how many days back "seen before" looks',
  },
  KEYGATE_MONITOR_MIN_KEY_AGE_HOURS: {
    default: '24',
    doc: 'NEW_REGION / NEW_IP_RANGE: only keys at least this old are checked',
  },
  KEYGATE_MONITOR_MIN_HISTORY_REQUESTS: {
    default: '100',
    doc: 'NEW_REGION / NEW_IP_RANGE: only keys with at least this many requests in their history',
  },
  KEYGATE_MONITOR_MANY_IPS: {
    default: '20',
    doc: 'MANY_IPS: a SECRET key used from more than this many distinct ips in the last hour',
  },
  KEYGATE_TLS_CERT: {
    default: '',
    doc: 'PEM certificate (chain) file: with KEYGATE_TLS_KEY, Keygate speaks HTTPS itself',
  },
  KEYGATE_TLS_KEY: { default: '', doc: 'PEM private key file of KEYGATE_TLS_CERT' },
  KEYGATE_WEBHOOK_ALLOW_PRIVATE: {
    default: 'false',
    doc: 'true lets webhook URLs point at loopback, private, link-local and unique-local addresses (and plain http to them); for development and tests',
  },
  KEYGATE_WEBHOOK_TIMEOUT_MS: {
    default: '10000',
    doc: 'how long one webhook delivery attempt may take (connect, send, response headers)',
  },
  KEYGATE_WEBHOOK_POLL_MS: {
    default: '1000',
    doc: 'how often this instance sends the webhook deliveries that are due; 0: it sends none (another instance does)',
  },
  KEYGATE_WEBHOOK_ENCRYPTION_KEY: {
    default: '',
    doc: 'base64 of 32 random bytes: webhook signing secrets are stored AES-256-GCM encrypted with it (else as they are)',
  },
  NODE_ENV: {
    default: 'development',
    doc: 'production turns GraphiQL off by default and refuses keys sent over plain HTTP',
  },
} as const;

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  KEYGATE_DB: z.string().min(1).default('./data/keygate.sqlite'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  KEYGATE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  KEYGATE_REDIS_PREFIX: z.string().max(100).default('keygate:'),
  KEYGATE_INSTANCES: z.coerce.number().int().min(1).max(1000).default(1),
  KEYGATE_PUBLIC_INTROSPECTION: bool.default(false),
  KEYGATE_GRAPHIQL: bool.optional(),
  KEYGATE_JIT: bool.default(true),
  KEYGATE_CORS_ORIGINS: z.string().default('*'),
  KEYGATE_KEY_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  KEYGATE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  KEYGATE_REGION_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be a header name')
    .optional(),
  KEYGATE_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  KEYGATE_SQLITE_CACHE_MB: z.coerce.number().int().min(1).max(65_536).default(8),
  KEYGATE_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(1000).default(60),
  KEYGATE_USAGE_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  KEYGATE_USAGE_BATCH: z.coerce.number().int().min(1).max(50_000).default(2000),
  KEYGATE_USAGE_BUFFER_MAX: z.coerce.number().int().min(1000).max(10_000_000).default(100_000),
  KEYGATE_PLANS_FILE: z.string().optional(),
  // A number is a count of proxies, even 1 ('1' is not 'true': believing the leftmost
  // address behind one appending proxy would let a client choose its own ip); 0 is off.
  KEYGATE_TRUST_PROXY: z
    .union([
      z.enum(['true', 'false']).transform((v) => v === 'true'),
      z.coerce
        .number()
        .int()
        .min(0)
        .max(20)
        .transform((n) => (n === 0 ? false : n)),
    ])
    .default(false),
  KEYGATE_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  KEYGATE_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(100_000_000).default(102_400),
  KEYGATE_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(2000),
  KEYGATE_MAX_ALIASES: z.coerce.number().int().min(0).max(10_000).default(15),
  KEYGATE_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(10_000).default(50),
  KEYGATE_DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(30_000).default(2000),
  KEYGATE_MONITOR_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  KEYGATE_MONITOR_SPIKE_FACTOR: z.coerce.number().min(1).max(1_000_000).default(10),
  KEYGATE_MONITOR_SPIKE_MIN_REQUESTS: z.coerce.number().int().min(1).max(1e9).default(100),
  KEYGATE_MONITOR_REFUSALS_MIN: z.coerce.number().int().min(1).max(1e9).default(50),
  KEYGATE_MONITOR_REFUSALS_SHARE: z.coerce.number().min(0).max(1).default(0.5),
  KEYGATE_MONITOR_HISTORY_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  KEYGATE_MONITOR_MIN_KEY_AGE_HOURS: z.coerce.number().min(0).max(87_600).default(24),
  KEYGATE_MONITOR_MIN_HISTORY_REQUESTS: z.coerce.number().int().min(0).max(1e9).default(100),
  KEYGATE_MONITOR_MANY_IPS: z.coerce.number().int().min(1).max(1_000_000).default(20),
  KEYGATE_TLS_CERT: z.string().optional(),
  KEYGATE_TLS_KEY: z.string().optional(),
  KEYGATE_WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  KEYGATE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  KEYGATE_WEBHOOK_POLL_MS: z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || (n >= 100 && n <= 60_000), { message: 'must be 0 or 100–60000' })
    .default(1000),
  KEYGATE_WEBHOOK_ENCRYPTION_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, 'base64').length === 32, {
      message: 'must be the base64 of 32 bytes, e.g. from `openssl rand -base64 32`',
    })
    .optional(),
  NODE_ENV: z.string().default('development'),
});

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Config {
  host: string;
  port: number;
  /** SQLite file path, or ':memory:'; used when `databaseUrl` is null. */
  sqlitePath: string;
  /** SQLite's page cache in MiB. */
  sqliteCacheMb: number;
  /** V8's heap growth between full collections in % of the live heap; 0: V8's own policy. */
  heapGrowingPercent: number;
  /** postgres://… : PostgreSQL instead of SQLite. */
  databaseUrl: string | null;
  /** PostgreSQL pool size per instance. */
  dbPoolSize: number;
  /** redis://… : shared limits and key-change invalidation across instances. */
  redisUrl: string | null;
  redisPrefix: string;
  /** Instances expected behind the load balancer (per-instance share of a limit without Redis). */
  instances: number;
  publicIntrospection: boolean;
  graphiql: boolean;
  /** Compiled execution (graphql-jit) instead of graphql-js's interpreter. */
  jit: boolean;
  /** `'*'` or an exact list of origins. */
  corsOrigins: '*' | readonly string[];
  keyCacheTtlMs: number;
  logLevel: LogLevel;
  regionHeader: string | null;
  logRetentionDays: number;
  usageFlushMs: number;
  usageBatch: number;
  usageBufferMax: number;
  /** The plans: defaults with KEYGATE_PLANS_FILE's overrides. */
  plans: Plans;
  /** false: the socket's address; true: X-Forwarded-For's leftmost; n: n proxies in front. */
  trustProxy: boolean | number;
  authFailuresPerMinute: number;
  maxBodyBytes: number;
  maxTokens: number;
  maxAliases: number;
  maxDirectives: number;
  drainDelayMs: number;
  /** Real milliseconds between anomaly-detector passes; 0: off. */
  monitorIntervalMs: number;
  /** The detectors' thresholds (src/monitoring). */
  monitorThresholds: MonitorThresholds;
  /** PEM certificate and key: the server speaks HTTPS. */
  tls: { cert: string; key: string } | null;
  /** Refuse keys over plain HTTP (NODE_ENV=production). */
  httpsRequired: boolean;
  /** Webhook URLs may reach loopback and private networks (development, tests). */
  webhookAllowPrivate: boolean;
  webhookTimeoutMs: number;
  /** How often due deliveries are sent; 0: never by this instance. */
  webhookPollMs: number;
  /** 32 bytes sealing webhook secrets at rest; null stores them as they are. */
  webhookEncryptionKey: Buffer | null;
}

export class ConfigError extends Error {}

/** The database in words for logs: the SQLite path, or the PostgreSQL URL without its password. */
export function databaseName(config: Pick<Config, 'databaseUrl' | 'sqlitePath'>): string {
  if (config.databaseUrl === null) return config.sqlitePath;
  try {
    const url = new URL(config.databaseUrl);
    url.password = '';
    url.search = '';
    return url.toString();
  } catch {
    return 'postgres';
  }
}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
): Readonly<Config> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => name in ENV_VARS && value !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const origins = e.KEYGATE_CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    sqlitePath: e.KEYGATE_DB,
    sqliteCacheMb: e.KEYGATE_SQLITE_CACHE_MB,
    heapGrowingPercent: e.KEYGATE_HEAP_GROWING_PERCENT,
    databaseUrl: e.DATABASE_URL ?? null,
    dbPoolSize: e.KEYGATE_DB_POOL_SIZE,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.KEYGATE_REDIS_PREFIX,
    instances: e.KEYGATE_INSTANCES,
    publicIntrospection: e.KEYGATE_PUBLIC_INTROSPECTION,
    graphiql: e.KEYGATE_GRAPHIQL ?? e.NODE_ENV !== 'production',
    jit: e.KEYGATE_JIT,
    corsOrigins: origins.includes('*') || origins.length === 0 ? '*' : Object.freeze(origins),
    keyCacheTtlMs: e.KEYGATE_KEY_CACHE_TTL_SECONDS * 1000,
    logLevel: e.KEYGATE_LOG_LEVEL,
    regionHeader: e.KEYGATE_REGION_HEADER ?? null,
    logRetentionDays: e.KEYGATE_LOG_RETENTION_DAYS,
    usageFlushMs: e.KEYGATE_USAGE_FLUSH_MS,
    usageBatch: e.KEYGATE_USAGE_BATCH,
    usageBufferMax: e.KEYGATE_USAGE_BUFFER_MAX,
    plans: readPlans(e.KEYGATE_PLANS_FILE ?? null),
    trustProxy: e.KEYGATE_TRUST_PROXY,
    authFailuresPerMinute: e.KEYGATE_AUTH_FAILURES_PER_MINUTE,
    maxBodyBytes: e.KEYGATE_MAX_BODY_BYTES,
    maxTokens: e.KEYGATE_MAX_TOKENS,
    maxAliases: e.KEYGATE_MAX_ALIASES,
    maxDirectives: e.KEYGATE_MAX_DIRECTIVES,
    drainDelayMs: e.KEYGATE_DRAIN_DELAY_MS,
    monitorIntervalMs: e.KEYGATE_MONITOR_INTERVAL_MS,
    monitorThresholds: Object.freeze({
      spikeFactor: e.KEYGATE_MONITOR_SPIKE_FACTOR,
      spikeMinRequests: e.KEYGATE_MONITOR_SPIKE_MIN_REQUESTS,
      refusalMin: e.KEYGATE_MONITOR_REFUSALS_MIN,
      refusalShare: e.KEYGATE_MONITOR_REFUSALS_SHARE,
      historyDays: e.KEYGATE_MONITOR_HISTORY_DAYS,
      minKeyAgeHours: e.KEYGATE_MONITOR_MIN_KEY_AGE_HOURS,
      minHistoryRequests: e.KEYGATE_MONITOR_MIN_HISTORY_REQUESTS,
      manyIps: e.KEYGATE_MONITOR_MANY_IPS,
    }),
    tls: readTls(e.KEYGATE_TLS_CERT, e.KEYGATE_TLS_KEY),
    httpsRequired: e.NODE_ENV === 'production',
    webhookAllowPrivate: e.KEYGATE_WEBHOOK_ALLOW_PRIVATE,
    webhookTimeoutMs: e.KEYGATE_WEBHOOK_TIMEOUT_MS,
    webhookPollMs: e.KEYGATE_WEBHOOK_POLL_MS,
    webhookEncryptionKey:
      e.KEYGATE_WEBHOOK_ENCRYPTION_KEY === undefined
        ? null
        : Buffer.from(e.KEYGATE_WEBHOOK_ENCRYPTION_KEY, 'base64'),
  });
}

function readPlans(path: string | null): Plans {
  try {
    return loadPlans(path);
  } catch (error) {
    if (error instanceof PlansFileError) throw new ConfigError(error.message);
    throw error;
  }
}

function readTls(
  certPath: string | undefined,
  keyPath: string | undefined,
): { cert: string; key: string } | null {
  if (!certPath && !keyPath) return null;
  if (!certPath || !keyPath) {
    throw new ConfigError('KEYGATE_TLS_CERT and KEYGATE_TLS_KEY: set both, or neither');
  }
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(`${name}: cannot read ${path}: ${(error as Error).message}`);
    }
  };
  return { cert: read('KEYGATE_TLS_CERT', certPath), key: read('KEYGATE_TLS_KEY', keyPath) };
}
