import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '../../src/db/create-db.js';

/**
 * Every database-touching suite runs once per dialect: vitest's `sqlite` project always,
 * its `postgres` project when TEST_DATABASE_URL is set (see vitest.config.ts). The postgres
 * project is the scale-out set-up: PostgreSQL for the tables and Redis for limits and key
 * changes, each test database in its own schema of the run's database and its own Redis
 * key prefix.
 */
export type TestDialect = 'sqlite' | 'postgres';

export const TEST_DIALECT: TestDialect =
  process.env.KEYGATE_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  dialect: TestDialect;
  /**
   * The environment that points Keygate at this database: KEYGATE_DB for SQLite;
   * DATABASE_URL, REDIS_URL and KEYGATE_REDIS_PREFIX for PostgreSQL.
   */
  env: Record<string, string>;
  /** The SQLite file (null on PostgreSQL). */
  sqlitePath: string | null;
  /** A new Kysely connection to it, for a test's own reads and writes; destroy it after. */
  open(): Db;
  /** Deletes the database (file, or schema and Redis keys). */
  drop(): Promise<void>;
}

/** The run's PostgreSQL database (made by postgres-setup.ts), e.g. postgres://…/keygate_test_…. */
function runDatabaseUrl(): string {
  const url = process.env.KEYGATE_TEST_RUN_DATABASE_URL;
  if (!url) {
    throw new Error(
      'the postgres test project needs KEYGATE_TEST_RUN_DATABASE_URL (set by test/helpers/postgres-setup.ts)',
    );
  }
  return url;
}

/** The run's Redis key prefix; every test database adds its own part. */
export function runRedisPrefix(): string {
  return process.env.KEYGATE_TEST_REDIS_PREFIX ?? 'keygate-test:';
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A fresh, empty database of the dialect under test (no tables until Keygate migrates it). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DIALECT === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'keygate-test-'));
    const sqlitePath = join(dir, 'keygate.sqlite');
    return {
      dialect: 'sqlite',
      env: { KEYGATE_DB: sqlitePath },
      sqlitePath,
      open: () => createDb({ sqlitePath }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const base = runDatabaseUrl();
  await adminQuery(base, `create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const redisPrefix = `${runRedisPrefix()}${schema}:`;
  return {
    dialect: 'postgres',
    env: {
      DATABASE_URL: databaseUrl,
      KEYGATE_DB_POOL_SIZE: '4',
      REDIS_URL: testRedisUrl(),
      KEYGATE_REDIS_PREFIX: redisPrefix,
    },
    sqlitePath: null,
    open: () => createDb({ sqlitePath: '', databaseUrl, poolSize: 2 }),
    drop: async () => {
      await adminQuery(base, `drop schema if exists ${schema} cascade`);
      await deleteRedisKeys(redisPrefix);
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Deletes every Redis key under `prefix` (SCAN, never KEYS). */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
