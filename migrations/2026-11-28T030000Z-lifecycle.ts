import type { Kysely } from 'kysely';

// Frozen. Key lifecycle: a key can be disabled (and enabled again) without being revoked.
// api_keys.disabled_at: when it was disabled; null while enabled.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('disabled_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').dropColumn('disabled_at').execute();
}
