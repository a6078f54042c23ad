import { Redis } from 'ioredis';
import pg from 'pg';
import { deleteRedisKeys, testRedisUrl } from './test-db.js';

/**
 * vitest globalSetup of the `postgres` project: one PostgreSQL database and one Redis key
 * prefix for this run (test databases are schemas inside it), dropped when the run ends.
 * TEST_DATABASE_URL names a database to connect to for CREATE DATABASE; unreachable
 * PostgreSQL or Redis fails the run (never skips it).
 */
export async function setup(): Promise<() => Promise<void>> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('the postgres test project needs TEST_DATABASE_URL');
  const run = `keygate_test_${Date.now()}_${process.pid}`;
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL: PostgreSQL is not reachable: ${String(error)}`);
  }
  await dropStaleRuns(client);
  // A collation that is not byte order (en-US sorts `a` before `B`): Keygate must keep its
  // own order whatever the database's default is.
  await client.query(
    `create database ${run} template template0 encoding 'UTF8' locale_provider icu icu_locale 'en-US'`,
  );
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${run}`;
  process.env.KEYGATE_TEST_RUN_DATABASE_URL = url.toString();
  process.env.KEYGATE_TEST_REDIS_PREFIX = `keygate-test:${run}:`;
  await pingRedis();

  return async () => {
    const end = new pg.Client({ connectionString: admin });
    await end.connect();
    await end.query(`drop database if exists ${run} with (force)`);
    await end.end();
    await deleteRedisKeys(`keygate-test:${run}:`);
  };
}

/** Runs killed before their teardown leave databases behind: drop those older than a day. */
async function dropStaleRuns(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    "select datname from pg_database where datname like 'keygate_test_%'",
  );
  for (const { datname } of rows) {
    const started = Number(datname.split('_')[2]);
    if (Number.isFinite(started) && Date.now() - started > 86_400_000) {
      await client.query(`drop database if exists ${datname} with (force)`);
    }
  }
}

async function pingRedis(): Promise<void> {
  const url = testRedisUrl();
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 5_000,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`TEST_REDIS_URL: Redis is not reachable at ${url}: ${String(error)}`);
  } finally {
    redis.disconnect();
  }
}
