import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import type { Db } from './create-db.js';

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

/** Applies every pending migration. Returns Kysely's result set; never throws for a failed step. */
export function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  return new Migrator({ db, provider: folderProvider }).migrateToLatest();
}
