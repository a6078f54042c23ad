import type { Kysely } from 'kysely';

// Frozen. Monitoring: anomalies found by the detectors, the leases that let one instance of
// several run a job, what the detectors have seen of each key, and each project's alert policy.
//
// anomalies: one finding per (key, kind, subject); `subject` tells findings of one kind apart
// (the new region or ip range; '' for the others). evidence is JSON text; suspended 0/1.
// leases: name → the instance holding it until expires_at; checked_until is how far the job
// has read (ISO), so the next holder carries on where the last one stopped.
// monitor_seen: per key, the regions, ip ranges (/24, /48) and ips its requests came from,
// first and last seen; what "never seen before" and "distinct ips in the last hour" read.
// projects.alert_auto_suspend 0/1 and alert_min_severity (LOW, MEDIUM, HIGH, CRITICAL).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('anomalies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by_key_id', 'text')
    .addColumn('suspended', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('anomalies_project')
    .on('anomalies')
    .columns(['project_id', 'id'])
    .execute();
  await db.schema
    .createIndex('anomalies_key')
    .on('anomalies')
    .columns(['key_id', 'kind', 'subject', 'detected_at'])
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('checked_until', 'text')
    .execute();

  await db.schema
    .createTable('monitor_seen')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('monitor_seen_pk', ['key_id', 'kind', 'value'])
    .execute();
  await db.schema
    .createIndex('monitor_seen_last_seen')
    .on('monitor_seen')
    .columns(['kind', 'last_seen_at'])
    .execute();

  await db.schema
    .alterTable('projects')
    .addColumn('alert_auto_suspend', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('projects')
    .addColumn('alert_min_severity', 'text', (c) => c.notNull().defaultTo('HIGH'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('alert_min_severity').execute();
  await db.schema.alterTable('projects').dropColumn('alert_auto_suspend').execute();
  await db.schema.dropTable('monitor_seen').execute();
  await db.schema.dropTable('leases').execute();
  await db.schema.dropTable('anomalies').execute();
}
