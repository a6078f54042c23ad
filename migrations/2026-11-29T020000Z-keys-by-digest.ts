import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen. On SQLite, api_keys becomes a WITHOUT ROWID table whose primary key is its digest:
// verifying a key that is not cached (the one lookup on the request path that grows with the
// number of keys stored) then descends one B-tree instead of two, the digest's index and then
// the rowid table. `id` stays unique (the foreign keys and every lookup by id use that index,
// which also holds the digest). The columns, their order, defaults and references, and the
// other indexes are the same. On PostgreSQL nothing changes: its unique index on digest
// already leads to the row.

const COLUMNS = `
  "id" text not null unique,
  "project_id" text references "projects" ("id"),
  "name" text not null,
  "kind" text not null,
  "environment" text not null,
  "digest" text not null,
  "hint" text not null,
  "scopes" text not null,
  "allowed_ips" text default '[]' not null,
  "allowed_origins" text default '[]' not null,
  "rate_limit_per_minute" integer,
  "metadata" text,
  "created_at" text not null,
  "updated_at" text not null,
  "expires_at" text,
  "revoked_at" text,
  "revocation_reason" text,
  "grace_ends_at" text,
  "rotated_from_id" text references "api_keys" ("id"),
  "replaced_by_id" text references "api_keys" ("id"),
  "created_by_key_id" text,
  "last_used_at" text,
  "usage_limit" integer,
  "usage_count" integer default 0 not null,
  "disabled_at" text`;

const BY_DIGEST = `create table "api_keys_rebuilt" (${COLUMNS},
  primary key ("digest")
) without rowid`;

// As the foundation and later migrations left it.
const BY_ROWID = `create table "api_keys_rebuilt" (${COLUMNS.replace(
  '"id" text not null unique',
  '"id" text primary key',
).replace('"digest" text not null', '"digest" text not null unique')}
)`;

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await rebuild(db, BY_DIGEST);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await rebuild(db, BY_ROWID);
}

/** The rows moved into the rebuilt table, which takes the name and the other indexes. */
const REPLACE_AND_INDEX = [
  'insert into "api_keys_rebuilt" select * from "api_keys"',
  'drop table "api_keys"',
  'alter table "api_keys_rebuilt" rename to "api_keys"',
  'create index "api_keys_project_id" on "api_keys" ("project_id", "id")',
  'create index "api_keys_expires_at" on "api_keys" ("expires_at")',
  'create index "api_keys_project_created_at" on "api_keys" ("project_id", "created_at")',
];

/**
 * SQLite's own recipe for changing a table's shape (https://sqlite.org/lang_altertable.html,
 * "other kinds of table schema changes"): foreign keys off, then in one transaction a new
 * table, the rows copied, the old table dropped, the new one renamed and its indexes made,
 * and the foreign keys checked before the commit. A failure leaves the table as it was.
 */
async function rebuild(db: Kysely<any>, create: string): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      for (const statement of [create, ...REPLACE_AND_INDEX]) await sql.raw(statement).execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) {
        throw new Error(`api_keys rebuild: ${broken.rows.length} foreign keys do not hold`);
      }
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
