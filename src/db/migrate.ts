import { type MigrationProvider, type MigrationResultSet, Migrator, sql } from 'kysely';
import { type Db, dialectOf } from './create-db.js';
import { migrationFiles } from './migration-files.js';

/** `migrations/*.ts`, applied in name (ISO-timestamp) order. */
const folderProvider: MigrationProvider = { getMigrations: migrationFiles };

/**
 * Applies every pending migration. Returns Kysely's result set; never throws for a failed
 * step. On PostgreSQL the bookkeeping tables live in the connection's current schema (the
 * first of its search_path), like our tables: Kysely would otherwise look for them in every
 * schema of the database and take another schema's for ours.
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrationTableSchema =
    dialectOf(db) === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  const result = await new Migrator({
    db,
    provider: folderProvider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  }).migrateToLatest();
  if (migrationTableSchema && result.error === undefined) {
    await inByteOrder(db, migrationTableSchema);
  }
  return result;
}

/**
 * Our text columns compare byte by byte on every dialect, as SQLite's do: ids then sort in
 * creation order (keyset pagination, "newest first") and times as ISO strings, whatever
 * collation the PostgreSQL database was created with (en_US would sort `key_0Va` before
 * `key_0VB`). Any text column not yet in the "C" collation is moved to it — once, on the
 * start after the migration that made it.
 */
async function inByteOrder(db: Db, schema: string): Promise<void> {
  const { rows } = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column"
    from information_schema.columns
    where table_schema = ${schema}
      and data_type = 'text'
      and coalesce(collation_name, '') <> 'C'
      and table_name not like 'kysely_%'
    order by table_name, ordinal_position`.execute(db);
  if (rows.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const { table, column } of rows) {
      await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type text collate "C"`.execute(
        trx,
      );
    }
  });
}
