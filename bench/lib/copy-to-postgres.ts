import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Db } from '../../src/db/create-db.js';

/**
 * Copies every row of a seeded SQLite file into a migrated, empty PostgreSQL database, so
 * that a PostgreSQL target serves the very data (ids, key digests, timestamps) the SQLite
 * targets serve. Tables go in the order the migrations created them, which is the order
 * their foreign keys allow; both databases hold the same tables in the same shapes (text
 * times, 0/1 booleans, JSON text). Returns the rows copied per table.
 */
export async function copySqliteToPostgres(
  sqlitePath: string,
  target: Db,
): Promise<Record<string, number>> {
  const sqlite = new SQLite(sqlitePath, { readonly: true });
  const db = target as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const copied: Record<string, number> = {};
  try {
    const tables = sqlite
      .prepare(
        `select name from sqlite_master where type = 'table'
         and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\'
         order by rowid`,
      )
      .all() as { name: string }[];
    for (const { name } of tables) {
      const rows = sqlite.prepare(`select * from "${name}"`).all() as Record<string, unknown>[];
      copied[name] = rows.length;
      // A few hundred rows at most here; 100 per statement stays far below 65,535 parameters.
      for (let i = 0; i < rows.length; i += 100) {
        await db
          .insertInto(name)
          .values(rows.slice(i, i + 100))
          .execute();
      }
    }
  } finally {
    sqlite.close();
  }
  return copied;
}
