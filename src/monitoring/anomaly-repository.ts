import type { Kysely } from 'kysely';
import type { AnomalyRow, Database } from '../db/database.js';
import type { AnomalyKind } from './anomaly.js';
import type { Severity } from './severity.js';

type Conn = Kysely<Database>;

export async function insertAnomaly(db: Conn, row: AnomalyRow): Promise<void> {
  await db.insertInto('anomalies').values(row).execute();
}

export function findAnomalyById(db: Conn, id: string): Promise<AnomalyRow | undefined> {
  return db.selectFrom('anomalies').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * True when an anomaly of the same (key, kind, subject) is still unacknowledged, or was
 * detected at or after `since`: a new finding would repeat it.
 */
export async function repeatsAnomaly(
  db: Conn,
  q: { keyId: string; kind: AnomalyKind; subject: string; since: Date },
): Promise<boolean> {
  const row = await db
    .selectFrom('anomalies')
    .select('id')
    .where('key_id', '=', q.keyId)
    .where('kind', '=', q.kind)
    .where('subject', '=', q.subject)
    .where((eb) =>
      eb.or([eb('acknowledged_at', 'is', null), eb('detected_at', '>=', q.since.toISOString())]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function markSuspended(db: Conn, id: string): Promise<void> {
  await db.updateTable('anomalies').set({ suspended: 1 }).where('id', '=', id).execute();
}

export async function markAcknowledged(
  db: Conn,
  id: string,
  at: Date,
  byKeyId: string | null,
): Promise<void> {
  await db
    .updateTable('anomalies')
    .set({ acknowledged_at: at.toISOString(), acknowledged_by_key_id: byKeyId })
    .where('id', '=', id)
    .execute();
}

export interface AnomalyQuery {
  /** Restrict to one project (project keys); undefined = all (admin keys). */
  projectId?: string;
  keyId?: string | null;
  kind?: AnomalyKind | null;
  severities?: readonly Severity[] | null;
  acknowledged?: boolean | null;
  from?: Date | null;
  to?: Date | null;
  beforeId?: string;
  limit: number;
}

/** Anomalies newest first (ids follow detection time). */
export function listAnomalies(db: Conn, q: AnomalyQuery): Promise<AnomalyRow[]> {
  let query = db.selectFrom('anomalies').selectAll();
  if (q.projectId !== undefined) query = query.where('project_id', '=', q.projectId);
  if (q.keyId != null) query = query.where('key_id', '=', q.keyId);
  if (q.kind != null) query = query.where('kind', '=', q.kind);
  if (q.severities != null) query = query.where('severity', 'in', q.severities);
  if (q.acknowledged != null) {
    query = query.where('acknowledged_at', q.acknowledged ? 'is not' : 'is', null);
  }
  if (q.from != null) query = query.where('detected_at', '>=', q.from.toISOString());
  if (q.to != null) query = query.where('detected_at', '<', q.to.toISOString());
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}
