import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  sql,
} from 'kysely';
import { type Db, dialectOf } from './create-db.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** Loads `migrations/*.ts` in name (ISO-timestamp) order. */
const folderProvider: MigrationProvider = {
  async getMigrations() {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /\.(ts|js)$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.(ts|js)$/, '')] = await import(
        pathToFileURL(`${MIGRATIONS_DIR}${file}`).href
      );
    }
    return migrations;
  },
};

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
  return new Migrator({
    db,
    provider: folderProvider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  }).migrateToLatest();
}
