import type { Kysely } from 'kysely';
import type { AuditEventRow, Database } from '../db/database.js';
import { newId } from '../lib/ids.js';

type Conn = Kysely<Database>;

export interface AuditEntry {
  at: Date;
  actorKeyId: string | null;
  action: string;
  targetId: string | null;
  projectId: string | null;
  ip: string | null;
  /** before/after snapshots and the like; never a secret or a digest. */
  details: Record<string, unknown> | null;
}

export async function recordAudit(db: Conn, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId('aud', e.at),
      at: e.at.toISOString(),
      actor_key_id: e.actorKeyId,
      action: e.action,
      target_id: e.targetId,
      project_id: e.projectId,
      ip: e.ip,
      details: e.details === null ? null : JSON.stringify(e.details),
    })
    .execute();
}

export interface AuditQuery {
  /** Restrict to one project (project keys); undefined = all (admin keys). */
  projectId?: string;
  actorKeyId?: string;
  action?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  beforeId?: string;
  limit: number;
}

/** Audit events newest first. */
export function listAudit(db: Conn, q: AuditQuery): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (q.projectId !== undefined) query = query.where('project_id', '=', q.projectId);
  if (q.actorKeyId !== undefined) query = query.where('actor_key_id', '=', q.actorKeyId);
  if (q.action !== undefined) query = query.where('action', '=', q.action);
  if (q.targetId !== undefined) query = query.where('target_id', '=', q.targetId);
  if (q.from !== undefined) query = query.where('at', '>=', q.from.toISOString());
  if (q.to !== undefined) query = query.where('at', '<', q.to.toISOString());
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}
