import { existsSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { type Db, dialectOf } from '../../src/db/create-db.js';
import type { TestDatabase } from './test-db.js';

/**
 * What a test database holds, read the same way on both dialects: for tests that look at
 * the storage itself rather than through Keygate.
 */

/** Runs `read` on a connection of its own to `database`, closed after. */
export async function withDatabase<T>(
  database: TestDatabase,
  read: (db: Db) => Promise<T>,
): Promise<T> {
  const db = database.open();
  try {
    return await read(db);
  } finally {
    await db.destroy();
  }
}

/** The names of the tables in the database, sorted. */
export async function tableNames(db: Db): Promise<string[]> {
  const { rows } =
    dialectOf(db) === 'sqlite'
      ? await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' order by name`.execute(db)
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'
          order by table_name`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Whether anything of `database` has been created yet: the SQLite file exists, or the
 * PostgreSQL schema (which createTestDatabase makes empty) holds a table. Creates nothing.
 */
export async function isCreated(database: TestDatabase): Promise<boolean> {
  if (database.sqlitePath !== null) return existsSync(database.sqlitePath);
  return (await withDatabase(database, tableNames)).length > 0;
}

/**
 * Everything the database keeps at rest, by where it is kept. SQLite: the bytes of the file
 * and of its WAL (both must exist). PostgreSQL: every row of every table of the schema as
 * text (`row::text`: every column, whatever its type); the raw pages of those tables, their
 * indexes and TOAST tables (pageinspect's get_raw_page: like the SQLite file, they also hold
 * dead row versions); and every Redis key under the database's prefix with its value.
 */
export async function contentsAtRest(database: TestDatabase): Promise<Record<string, Buffer>> {
  if (database.sqlitePath !== null) {
    return {
      'the database file': readFileSync(database.sqlitePath),
      'its WAL': readFileSync(`${database.sqlitePath}-wal`),
    };
  }
  const [rows, pages] = await withDatabase(database, async (db) => {
    const texts: string[] = [];
    for (const table of await tableNames(db)) {
      const { rows } = await sql<{ line: string }>`
        select t::text as line from ${sql.table(table)} t`.execute(db);
      for (const { line } of rows) texts.push(`${table} ${line}`);
    }
    return [Buffer.from(texts.join('\n')), await rawPages(db)] as const;
  });
  return {
    'the rows': rows,
    'the pages': pages,
    'the Redis keys': Buffer.from(await redisContents(database)),
  };
}

/** Every page of every table, index and TOAST table of the schema, as stored. */
async function rawPages(db: Db): Promise<Buffer> {
  await createExtension(db, 'pageinspect');
  const { rows } = await sql<{ page: Buffer }>`
    with relations as (
      select c.oid from pg_class c
      where c.relkind in ('r', 'i', 't', 'm')
        and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
      union all
      select c.reltoastrelid from pg_class c
      where c.reltoastrelid <> 0
        and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
    )
    select public.get_raw_page(r.oid::regclass::text, b::bigint) as page
    from relations r
    cross join lateral generate_series(
      0, (pg_relation_size(r.oid) / current_setting('block_size')::bigint) - 1
    ) b`.execute(db);
  return Buffer.concat(rows.map((r) => r.page));
}

/**
 * Installs a contrib extension in `public` of the run's database (one per run, shared by
 * its schemas); another test file installing it at the same moment is not an error.
 */
async function createExtension(db: Db, name: string): Promise<void> {
  try {
    await sql`create extension if not exists ${sql.id(name)} schema public`.execute(db);
  } catch (error) {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from pg_extension where extname = ${name}`.execute(db);
    if (rows[0]?.n !== 1) throw error;
  }
}

/** Every Redis key under the database's prefix, and its value, as text. */
async function redisContents(database: TestDatabase): Promise<string> {
  const { REDIS_URL: url, KEYGATE_REDIS_PREFIX: prefix } = database.env;
  if (url === undefined || prefix === undefined) return '';
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const lines: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) lines.push(`${key} ${JSON.stringify(await redisValue(redis, key))}`);
    } while (cursor !== '0');
    return lines.join('\n');
  } finally {
    redis.disconnect();
  }
}

async function redisValue(redis: Redis, key: string): Promise<unknown> {
  const type = await redis.type(key);
  if (type === 'string') return redis.get(key);
  if (type === 'hash') return redis.hgetall(key);
  if (type === 'list') return redis.lrange(key, 0, -1);
  if (type === 'set') return redis.smembers(key);
  if (type === 'zset') return redis.zrange(key, 0, -1, 'WITHSCORES');
  if (type === 'stream') return redis.xrange(key, '-', '+');
  return type; // gone meanwhile ("none"), or a type no test database uses
}

/**
 * The database's own integrity check: 'ok' when it finds nothing wrong. SQLite:
 * `PRAGMA integrity_check`. PostgreSQL: amcheck's verify_heapam on every table of the schema
 * and bt_index_check (with heapallindexed) on every B-tree index; amcheck ships with
 * PostgreSQL (contrib) and is installed in `public` of the run's database when missing.
 */
export async function integrityCheck(db: Db): Promise<string> {
  if (dialectOf(db) === 'sqlite') {
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    return rows.map((r) => r.integrity_check).join('\n');
  }
  await createExtension(db, 'amcheck');
  const { rows } = await sql<{ problem: string }>`
    select c.relname || ': ' || v.msg as problem
    from pg_class c
    cross join lateral public.verify_heapam(c.oid, check_toast => true) v
    where c.relkind = 'r'
      and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())`.execute(
    db,
  );
  // bt_index_check raises on the first corrupt index instead of returning rows.
  await sql`
    select public.bt_index_check(c.oid, true)
    from pg_class c
    join pg_am a on a.oid = c.relam
    where c.relkind = 'i' and a.amname = 'btree'
      and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())`.execute(
    db,
  );
  return rows.length === 0 ? 'ok' : rows.map((r) => r.problem).join('\n');
}
