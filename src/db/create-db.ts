import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database.js';

export type Db = Kysely<Database>;

export interface DbOptions {
  /** SQLite file path, or ':memory:'. */
  sqlitePath: string;
}

/** The one dialect switch. Today: SQLite (WAL, foreign keys on). */
export function createDb({ sqlitePath }: DbOptions): Db {
  if (sqlitePath !== ':memory:') mkdirSync(dirname(sqlitePath), { recursive: true });
  const sqlite = new SQLite(sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Usage batches rewrite the same index and rollup pages batch after batch: a 64 MiB page
  // cache (default 2 MiB) keeps them, and checkpointing the WAL every 10,000 pages (~40 MB,
  // default 1,000) copies each such page back once per checkpoint instead of ten times.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('temp_store = MEMORY');
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
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
