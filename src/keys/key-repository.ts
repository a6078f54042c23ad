import type { Kysely } from 'kysely';
import type { ApiKeyRow, ApiKeyUpdate, Database, NewApiKeyRow } from '../db/database.js';

type Conn = Kysely<Database>;

export function findKeyByDigest(db: Conn, digest: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('digest', '=', digest).executeTakeFirst();
}

export function findKeyById(db: Conn, id: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertKey(db: Conn, row: NewApiKeyRow): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

export async function updateKeyRow(db: Conn, id: string, patch: ApiKeyUpdate): Promise<void> {
  await db.updateTable('api_keys').set(patch).where('id', '=', id).execute();
}

/**
 * Applies `patch` (which sets replaced_by_id) only if the key has no replacement and is not
 * revoked yet — checked and written in one statement, so two concurrent rotations (on any
 * number of instances) cannot both succeed. False when it was already replaced or revoked.
 */
export async function replaceKeyRow(db: Conn, id: string, patch: ApiKeyUpdate): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set(patch)
    .where('id', '=', id)
    .where('replaced_by_id', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Counts one request against a key's usageLimit, atomically in the database (so it holds
 * across restarts and instances). Returns the requests left after this one, or null when
 * the limit was already spent (nothing counted).
 */
export async function takeKeyUsage(db: Conn, id: string): Promise<number | null> {
  const row = await db
    .updateTable('api_keys')
    .set((eb) => ({ usage_count: eb('usage_count', '+', 1) }))
    .where('id', '=', id)
    .where('usage_limit', 'is not', null)
    .where((eb) => eb('usage_count', '<', eb.ref('usage_limit')))
    .returning(['usage_count', 'usage_limit'])
    .executeTakeFirst();
  return row === undefined ? null : Number(row.usage_limit) - Number(row.usage_count);
}

export interface KeyListQuery {
  /** null: every project and admin keys (admin callers); a project id: only that project. */
  projectId: string | null;
  /** Set when an admin caller filters by project. */
  filterProjectId?: string;
  kind?: string;
  /** Keyset: rows with an id below this one (newest first). */
  beforeId?: string;
  limit: number;
}

/** Keys newest first. Status filters are applied by the caller, which knows the clock. */
export function listKeys(db: Conn, q: KeyListQuery): Promise<ApiKeyRow[]> {
  let query = db.selectFrom('api_keys').selectAll();
  if (q.projectId !== null) query = query.where('project_id', '=', q.projectId);
  if (q.filterProjectId !== undefined) query = query.where('project_id', '=', q.filterProjectId);
  if (q.kind !== undefined) query = query.where('kind', '=', q.kind);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

export async function countAdminKeys(db: Conn): Promise<number> {
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'ADMIN')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
