import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

export type Db = Kysely<Database>;

export type Dialect = 'sqlite' | 'postgres';

export interface DbOptions {
  /** SQLite file path, or ':memory:'; used without `databaseUrl`. */
  sqlitePath: string;
  /** SQLite's page cache in MiB. @default 8 */
  sqliteCacheMb?: number;
  /** postgres://… : PostgreSQL through a `pg` pool instead. */
  databaseUrl?: string | null;
  /** PostgreSQL connections at most. @default 10 */
  poolSize?: number;
}

/** Which database a Kysely instance talks to (for the few queries that must differ). */
const dialects = new WeakMap<object, Dialect>();

/** The better-sqlite3 handle under each SQLite Kysely instance (see sqliteOf). */
const sqliteHandles = new WeakMap<object, SQLite.Database>();

/**
 * The better-sqlite3 handle under `db`, for a hot path that runs its own prepared
 * statements (usage batches); undefined on PostgreSQL. Kysely serializes its queries on this
 * one connection: use the handle only inside `db.connection().execute(…)`, which holds it, so
 * that no Kysely transaction is open on it meanwhile.
 */
export function sqliteOf(db: Kysely<Database>): SQLite.Database | undefined {
  return sqliteHandles.get(db.getExecutor().adapter);
}

/** The dialect of `db` (a transaction reports its database's). */
export function dialectOf(db: Kysely<Database>): Dialect {
  return dialects.get(db.getExecutor().adapter) ?? 'sqlite';
}

/**
 * The one dialect switch: PostgreSQL when a `databaseUrl` is given, else SQLite (WAL,
 * foreign keys on). Both hold the same tables in the same shapes (see database.ts), so the
 * rest of the code does not know which one it talks to.
 */
export function createDb(options: DbOptions): Db {
  const db = options.databaseUrl
    ? createPostgres(options.databaseUrl, options.poolSize ?? 10)
    : createSqlite(options.sqlitePath, options.sqliteCacheMb ?? 8);
  dialects.set(db.getExecutor().adapter, options.databaseUrl ? 'postgres' : 'sqlite');
  return db;
}

/**
 * `pg` answers bigint (count(*), sum of integers) and numeric as strings, to keep their
 * precision; our counters stay far below 2^53, so they are read as numbers, like SQLite's.
 */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    if (oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Clients that already carry our 'error' listener (a pool hands the same ones out again). */
const guarded = new WeakSet<pg.PoolClient>();

function createPostgres(connectionString: string, max: number): Db {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: pgTypes as pg.CustomTypesConfig,
    // A database that does not answer, or a lock that is not granted, fails the request
    // (503) instead of hanging it.
    connectionTimeoutMillis: 5_000,
    statement_timeout: 10_000,
    lock_timeout: 5_000,
    idle_in_transaction_session_timeout: 30_000,
    idleTimeoutMillis: 30_000,
    application_name: 'keygate',
  });
  // An idle connection the server dropped (restart, failover) is replaced by the next
  // checkout; without a listener its error would end the process.
  pool.on('error', () => {});
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => {
          const client = await pool.connect();
          // While checked out a client has no listener of the pool's: a connection the
          // server ends mid-transaction (failover, pg_terminate_backend) would emit an
          // unhandled 'error' and end the process. The failing query reports it instead.
          if (!guarded.has(client)) {
            guarded.add(client);
            client.on('error', () => {});
          }
          return {
            query: (text: string, parameters: readonly unknown[]) =>
              client.query(text, parameters.map(withoutNul)),
            release: (error?: boolean | Error) => client.release(error),
          };
        },
        end: () => pool.end(),
      } as unknown as pg.Pool,
    }),
  });
}

/**
 * PostgreSQL text cannot hold U+0000, which SQLite stores and a client may send (a
 * User-Agent, an operation name, a key's name): it becomes U+FFFD, the replacement
 * character, rather than failing the write.
 */
function withoutNul(value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000')
    ? value.replaceAll('\u0000', '\uFFFD')
    : value;
}

function createSqlite(sqlitePath: string, cacheMb: number): Db {
  if (sqlitePath !== ':memory:') mkdirSync(dirname(sqlitePath), { recursive: true });
  const sqlite = new SQLite(sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Usage batches rewrite the same index and rollup pages batch after batch: an 8 MiB page
  // cache by default (SQLite's is 2 MiB) keeps them, and checkpointing the WAL every 10,000
  // pages (~40 MB, default 1,000) copies each such page back once per checkpoint instead of
  // ten times. A bigger cache buys neither ingest (64, 16 and 8 MiB: 69k, 69k and 71k
  // events/s) nor key lookups at 1M keys stored (bare lookups: the same p50 and p99 from 2
  // to 600 MiB), and with many keys stored the scan that loads the digest filter fills all
  // of it, so each MiB is a MiB of RSS. A negative cache_size is in KiB.
  sqlite.pragma(`cache_size = -${Math.trunc(cacheMb) * 1024}`);
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  sqliteHandles.set(db.getExecutor().adapter, sqlite);
  return db;
}

/**
 * Kysely's SQLite driver prepares every query anew; most of ours repeat the same text (the
 * key lookup, ledger pages, usage batches), so prepared statements are kept by their SQL.
 * Safe because the driver runs one query at a time on its single connection.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      let statement = statements.get(source);
      if (statement === undefined) {
        statement = sqlite.prepare(source);
        if (statements.size >= max) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
        statements.set(source, statement);
      }
      return statement;
    },
  };
}
