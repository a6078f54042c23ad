import type { Kysely } from 'kysely';

// Frozen. Usage events (raw, pruned after the retention period) and their rollups (kept).
// In rollups '' stands for "none" (no project, no key, no region), so that the primary key
// can take part in upserts on every dialect.
//
// Requests are rolled up twice: finely per (project, hour, key, outcome, region, operation)
// for filtered queries and reports, coarsely per (project, hour, outcome, region) for the
// common `usage` query. Fields are rolled up by field set: the sorted coordinate list of a
// request is stored once (usage_field_sets, one row per member coordinate, id = a digest of
// the list), and the rollups count requests per set, hourly per (project, key, region) and
// daily per (project, region). A coordinate's count is the sum over the sets holding it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('last_used_at', 'text').execute();

  await db.schema
    .createTable('usage_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('key_id', 'text')
    .addColumn('operation_name', 'text')
    .addColumn('operation_type', 'text')
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'real', (c) => c.notNull())
    .addColumn('cost', 'integer', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('region', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('usage_events_at').on('usage_events').column('at').execute();
  await db.schema
    .createIndex('usage_events_project')
    .on('usage_events')
    .columns(['project_id', 'id'])
    .execute();
  await db.schema
    .createIndex('usage_events_key')
    .on('usage_events')
    .columns(['key_id', 'id'])
    .execute();

  await db.schema
    .createTable('usage_hourly')
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('operation_name', 'text', (c) => c.notNull())
    .addColumn('requests', 'integer', (c) => c.notNull())
    .addColumn('cost', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_hourly_pk', [
      'project_id',
      'hour',
      'key_id',
      'outcome',
      'region',
      'operation_name',
    ])
    .execute();
  await db.schema
    .createIndex('usage_hourly_key')
    .on('usage_hourly')
    .columns(['key_id', 'hour'])
    .execute();
  await db.schema.createIndex('usage_hourly_hour').on('usage_hourly').column('hour').execute();

  await db.schema
    .createTable('usage_outcomes_hourly')
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('requests', 'integer', (c) => c.notNull())
    .addColumn('cost', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_outcomes_hourly_pk', [
      'project_id',
      'hour',
      'outcome',
      'region',
    ])
    .execute();
  await db.schema
    .createIndex('usage_outcomes_hourly_hour')
    .on('usage_outcomes_hourly')
    .column('hour')
    .execute();

  await db.schema
    .createTable('usage_field_sets')
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('coordinate', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_field_sets_pk', ['set_id', 'coordinate'])
    .execute();

  await db.schema
    .createTable('usage_field_sets_hourly')
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_field_sets_hourly_pk', [
      'project_id',
      'hour',
      'key_id',
      'region',
      'set_id',
    ])
    .execute();
  await db.schema
    .createIndex('usage_field_sets_hourly_hour')
    .on('usage_field_sets_hourly')
    .column('hour')
    .execute();

  await db.schema
    .createTable('usage_field_sets_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_field_sets_daily_pk', ['project_id', 'day', 'region', 'set_id'])
    .execute();
  await db.schema
    .createIndex('usage_field_sets_daily_day')
    .on('usage_field_sets_daily')
    .column('day')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('usage_field_sets_daily').execute();
  await db.schema.dropTable('usage_field_sets_hourly').execute();
  await db.schema.dropTable('usage_field_sets').execute();
  await db.schema.dropTable('usage_outcomes_hourly').execute();
  await db.schema.dropTable('usage_hourly').execute();
  await db.schema.dropTable('usage_events').execute();
  await db.schema.alterTable('api_keys').dropColumn('last_used_at').execute();
}
