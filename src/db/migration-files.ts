import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Migration } from 'kysely';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Every migration in `migrations/`, by name (its ISO-timestamp file name without extension).
 * The compiled build (bin/build.js) replaces this module with one that imports each file
 * statically, so a bundle needs neither the folder nor a TypeScript loader.
 */
export async function migrationFiles(): Promise<Record<string, Migration>> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /\.(ts|js)$/.test(f)).sort();
  const migrations: Record<string, Migration> = {};
  for (const file of files) {
    migrations[file.replace(/\.(ts|js)$/, '')] = await import(
      pathToFileURL(`${MIGRATIONS_DIR}${file}`).href
    );
  }
  return migrations;
}
