import type { Kysely } from 'kysely';

// Frozen. Usage events (raw, pruned after the retention period) and their hourly rollups
// (kept). In rollups '' stands for "none" (no project, no key, no region), so that the
// primary key can take part in upserts on every dialect.

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
    .createTable('usage_fields_hourly')
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('coordinate', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_fields_hourly_pk', [
      'project_id',
      'hour',
      'key_id',
      'region',
      'coordinate',
    ])
    .execute();
  await db.schema
    .createIndex('usage_fields_hourly_hour')
    .on('usage_fields_hourly')
    .column('hour')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('usage_fields_hourly').execute();
  await db.schema.dropTable('usage_hourly').execute();
  await db.schema.dropTable('usage_events').execute();
  await db.schema.alterTable('api_keys').dropColumn('last_used_at').execute();
}
