import type { Kysely } from 'kysely';
import type { AnomalyRow, Database } from '../db/database.js';
import type { AnomalyKind } from './anomaly.js';
import { SEVERITIES, type Severity } from './severity.js';

type Conn = Kysely<Database>;

export async function insertAnomaly(db: Conn, row: AnomalyRow): Promise<void> {
  await db.insertInto('anomalies').values(row).execute();
}

export function findAnomalyById(db: Conn, id: string): Promise<AnomalyRow | undefined> {
  return db.selectFrom('anomalies').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The most serious anomaly of the same (key, kind, subject) detected at or after `since` (the
 * start of a new finding's window), acknowledged or not; the latest of equals.
 */
export async function strongestAnomalySince(
  db: Conn,
  q: { keyId: string; kind: AnomalyKind; subject: string; since: Date },
): Promise<AnomalyRow | undefined> {
  const rows = await db
    .selectFrom('anomalies')
    .selectAll()
    .where('key_id', '=', q.keyId)
    .where('kind', '=', q.kind)
    .where('subject', '=', q.subject)
    .where('detected_at', '>=', q.since.toISOString())
    .execute();
  let strongest: AnomalyRow | undefined;
  for (const row of rows) {
    if (
      strongest === undefined ||
      SEVERITIES.indexOf(row.severity as Severity) >=
        SEVERITIES.indexOf(strongest.severity as Severity)
    ) {
      strongest = row;
    }
  }
  return strongest;
}

/**
 * Anomalies detected at or after `since` that did not suspend their key, in projects whose
 * alert policy suspends, of keys not disabled nor revoked at `now`: oldest first, with the
 * project's minSeverity. What the policy is applied to again, so a pass that stopped between
 * storing an anomaly and suspending its key is healed by the next one.
 */
export function unsuspendedAnomalies(
  db: Conn,
  since: Date,
  now: Date,
): Promise<(AnomalyRow & { min_severity: string })[]> {
  return db
    .selectFrom('anomalies')
    .innerJoin('projects', 'projects.id', 'anomalies.project_id')
    .innerJoin('api_keys', 'api_keys.id', 'anomalies.key_id')
    .selectAll('anomalies')
    .select('projects.alert_min_severity as min_severity')
    .where('anomalies.detected_at', '>=', since.toISOString())
    .where('anomalies.suspended', '=', 0)
    .where('projects.alert_auto_suspend', '=', 1)
    .where('api_keys.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('api_keys.revoked_at', 'is', null),
        eb('api_keys.revoked_at', '>', now.toISOString()),
      ]),
    )
    .orderBy('anomalies.id')
    .execute();
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
