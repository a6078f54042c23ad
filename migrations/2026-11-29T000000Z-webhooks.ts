import type { Kysely } from 'kysely';

// Frozen. Signed webhooks (Standard Webhooks) through a durable outbox.
// - webhooks: a project's endpoints; `secret` is `whsec_…`, or `enc:v1:…` when sealed with
//   KEYGATE_WEBHOOK_ENCRYPTION_KEY; `previous_secret` also signs until its expiry (rotation).
// - webhook_deliveries: the outbox, one row per (event, webhook), written in the transaction of
//   the change behind the event; `lease_until` is the claim of the instance sending it.
// - webhook_attempts: one row per finished attempt (the delivery log).
// - webhook_marks: one row per periodic event sent (type, subject, period), so that every
//   instance may run the checks and each event is still queued once.
// Admin keys holding keys:read / keys:write get webhooks:read / webhooks:write, the scopes
// that gate the new fields (an admin key created from now on holds every scope anyway). That
// hands them no data they could not read before: subscribing to an event needs the scope of
// its data (keys:read for key.*, usage:read for quota.threshold and anomaly.detected), and a
// delivery's payload reads as null without it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhooks_project_id')
    .on('webhooks')
    .columns(['project_id', 'id'])
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('first_attempt_at', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_webhook_id')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'id'])
    .execute();
  // Retention deletes by age, oldest first, in batches.
  await db.schema
    .createIndex('webhook_deliveries_created_at')
    .on('webhook_deliveries')
    .column('created_at')
    .execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_attempts_pk', ['delivery_id', 'attempt'])
    .execute();

  await db.schema
    .createTable('webhook_marks')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_marks_pk', ['type', 'subject', 'period'])
    .execute();

  // key.expiring reads the keys expiring within a week every minute: a range, not a scan of
  // every key.
  await db.schema.createIndex('api_keys_expires_at').on('api_keys').column('expires_at').execute();
  // The rotation notice reads the keys of a project whose due date (created_at + max age) is
  // within days of now: a created_at range per project.
  await db.schema
    .createIndex('api_keys_project_created_at')
    .on('api_keys')
    .columns(['project_id', 'created_at'])
    .execute();

  const admins: { id: string; scopes: string }[] = await db
    .selectFrom('api_keys')
    .select(['id', 'scopes'])
    .where('kind', '=', 'ADMIN')
    .execute();
  for (const admin of admins) {
    const scopes: string[] = JSON.parse(admin.scopes);
    const added = new Set(scopes);
    if (scopes.includes('keys:read') || scopes.includes('keys:write')) added.add('webhooks:read');
    if (scopes.includes('keys:write')) added.add('webhooks:write');
    if (added.size === scopes.length) continue;
    await db
      .updateTable('api_keys')
      .set({ scopes: JSON.stringify([...added].sort()) })
      .where('id', '=', admin.id)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('api_keys_project_created_at').execute();
  await db.schema.dropIndex('api_keys_expires_at').execute();
  for (const table of ['webhook_marks', 'webhook_attempts', 'webhook_deliveries', 'webhooks']) {
    await db.schema.dropTable(table).execute();
  }
}
