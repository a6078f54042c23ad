import type { Kysely } from 'kysely';
import type { Database, NewProjectRow, ProjectRow, ProjectUpdate } from '../db/database.js';

type Conn = Kysely<Database>;

export function findProjectById(db: Conn, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProject(db: Conn, row: NewProjectRow): Promise<void> {
  await db.insertInto('projects').values(row).execute();
}

export async function updateProjectRow(db: Conn, id: string, patch: ProjectUpdate): Promise<void> {
  await db.updateTable('projects').set(patch).where('id', '=', id).execute();
}

/** Projects newest first, keyset-paginated on id. */
export function listProjects(
  db: Conn,
  q: { onlyId?: string; beforeId?: string; limit: number },
): Promise<ProjectRow[]> {
  let query = db.selectFrom('projects').selectAll();
  if (q.onlyId !== undefined) query = query.where('id', '=', q.onlyId);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}
