import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen. SQLite's integer is 64-bit; PostgreSQL's is 32-bit, too small for what these
// columns sum (a refused query's cost can be billions; counters grow for years). On
// PostgreSQL they become bigint; on SQLite nothing changes.

const COLUMNS: [table: string, column: string][] = [
  ['usage_events', 'cost'],
  ['usage_hourly', 'requests'],
  ['usage_hourly', 'cost'],
  ['usage_outcomes_hourly', 'requests'],
  ['usage_outcomes_hourly', 'cost'],
  ['usage_field_sets_hourly', 'count'],
  ['usage_field_sets_daily', 'count'],
  ['usage_quota_monthly', 'requests'],
  ['api_keys', 'usage_count'],
];

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const [table, column] of COLUMNS) {
    await db.schema
      .alterTable(table)
      .alterColumn(column, (c) => c.setDataType('bigint'))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const [table, column] of COLUMNS) {
    await db.schema
      .alterTable(table)
      .alterColumn(column, (c) => c.setDataType('integer'))
      .execute();
  }
}
