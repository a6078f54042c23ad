import type { Kysely } from 'kysely';

// Frozen. Plans and limits.
//
// api_keys.usage_limit: the total requests a key may ever make (null = no limit);
// api_keys.usage_count: the requests counted against it so far, incremented atomically
// per request while a limit is set.
//
// usage_quota_monthly: requests counted against each project's monthly quota, per UTC
// month ('2026-11'), rolled up from usage events by the usage recorder; a restarted
// server seeds its quota counters from here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('usage_limit', 'integer').execute();
  await db.schema
    .alterTable('api_keys')
    .addColumn('usage_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('usage_quota_monthly')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('requests', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_quota_monthly_pk', ['project_id', 'month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('usage_quota_monthly').execute();
  await db.schema.alterTable('api_keys').dropColumn('usage_count').execute();
  await db.schema.alterTable('api_keys').dropColumn('usage_limit').execute();
}
