import { type Kysely, Migrator, sql } from 'kysely';
import { expect, test } from 'vitest';
import type { Db } from '../../src/db/create-db.js';
import { migrationFiles } from '../../src/db/migration-files.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { createTestDatabase, TEST_DIALECT } from '../helpers/test-db.js';
import { startTestServer } from '../helpers/test-server.js';

// 2026-11-29T020000Z-keys-by-digest: on SQLite, api_keys is a WITHOUT ROWID table keyed by
// its digest (one B-tree descent per uncached verification instead of two). Keys stored
// before it, rotated ones included, keep every column and keep working through HTTP; its
// down migration gives the rowid table back with the same rows. On PostgreSQL both are no-ops.

const MIGRATION = '2026-11-29T020000Z-keys-by-digest';
const BEFORE = '2026-11-29T010000Z-monitoring';

const VIEWER = '{ viewer { key { id status } } }';
const ROTATE = `mutation ($id: ID!) {
  rotateKey(id: $id, gracePeriodSeconds: 3600) { key { id } secret }
}`;

async function keyRows(db: Db): Promise<unknown[]> {
  return db.selectFrom('api_keys').selectAll().orderBy('id').execute();
}

async function tableSql(db: Db): Promise<string> {
  const { rows } = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'table' and name = 'api_keys'`.execute(db);
  return rows[0]?.sql ?? '';
}

function migrator(db: Db): Migrator {
  return new Migrator({
    db: db as Kysely<unknown>,
    provider: { getMigrations: migrationFiles },
  });
}

test('api_keys keyed by digest: stored keys, rotations included, keep every column and keep working; down gives the rowid table back', async () => {
  const database = await createTestDatabase();
  try {
    // Keys made by a server, one of them rotated (its replacement refers to it).
    let t = await startTestServer({ database });
    const projectId = await createProject(t);
    const kept = await createKey(t, { projectId, scopes: ['invoices:read'], name: 'kept' });
    const old = await createKey(t, { projectId, scopes: ['invoices:read'], name: 'old' });
    const rotated = await t.gql<
      { rotateKey: { key: { id: string }; secret: string } },
      { id: string }
    >(ROTATE, { id: old.id }, t.adminKey);
    expect(rotated.body.errors).toBeUndefined();
    const replacement = rotated.body.data?.rotateKey as { key: { id: string }; secret: string };
    const adminKey = t.adminKey;
    await t.close();

    const db = database.open();
    try {
      const latest = await keyRows(db);
      expect(latest).toHaveLength(4);
      if (TEST_DIALECT === 'sqlite') {
        expect(await tableSql(db)).toMatch(/primary key \("digest"\)\s*\) without rowid$/);
        const plan = await sql<{ detail: string }>`
          explain query plan select * from api_keys where digest = ${'x'}`.execute(db);
        expect(plan.rows.map((r) => r.detail)).toEqual([
          'SEARCH api_keys USING PRIMARY KEY (digest=?)',
        ]);
      }

      // Down: the table as the earlier migrations made it, the same rows.
      const down = await migrator(db).migrateTo(BEFORE);
      expect(down.error).toBeUndefined();
      expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([
        [MIGRATION, 'Down', 'Success'],
      ]);
      expect(await keyRows(db)).toEqual(latest);
      if (TEST_DIALECT === 'sqlite') {
        const shape = await tableSql(db);
        expect(shape).toContain('"id" text primary key');
        expect(shape).toContain('"digest" text not null unique');
        expect(shape).not.toMatch(/without rowid/);
      }

      // Up again, as a server that starts on an older database runs it.
      const up = await migrator(db).migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(up.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([
        [MIGRATION, 'Up', 'Success'],
      ]);
      expect(await keyRows(db)).toEqual(latest);

      if (TEST_DIALECT === 'sqlite') {
        // The foreign keys are on again and still hold: a rotation that refers to no key is
        // refused, and so is a second key with an id already taken.
        expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows).toEqual(
          [{ foreign_keys: 1 }],
        );
        const row = latest[0] as Record<string, unknown>;
        const copy = { ...row, digest: 'f'.repeat(64) };
        await expect(
          db
            .insertInto('api_keys')
            .values({ ...copy, id: 'key_new', rotated_from_id: 'key_missing' } as never)
            .execute(),
        ).rejects.toThrow(/FOREIGN KEY constraint failed/);
        await expect(
          db
            .insertInto('api_keys')
            .values(copy as never)
            .execute(),
        ).rejects.toThrow(/UNIQUE constraint failed: api_keys.id/);
        expect(await keyRows(db)).toEqual(latest);
      }
    } finally {
      await db.destroy();
    }

    // Served again: every key answers as before, and revoking one works on the next request.
    t = await startTestServer({ database });
    try {
      for (const [secret, id, status] of [
        [kept.secret, kept.id, 'ACTIVE'],
        [old.secret, old.id, 'ROTATING'],
        [replacement.secret, replacement.key.id, 'ACTIVE'],
        [adminKey, undefined, 'ACTIVE'],
      ] as const) {
        const res = await t.gql<{ viewer: { key: { id: string; status: string } } }, never>(
          VIEWER,
          undefined,
          secret,
        );
        expect(res.status).toBe(200);
        expect(res.body.data?.viewer.key.status).toBe(status);
        if (id) expect(res.body.data?.viewer.key.id).toBe(id);
      }
      const revoke = await t.gql(
        'mutation ($id: ID!) { revokeKey(id: $id) { id status } }',
        { id: kept.id },
        adminKey,
      );
      expect(revoke.body.data).toEqual({ revokeKey: { id: kept.id, status: 'REVOKED' } });
      const refused = await t.gql(VIEWER, undefined, kept.secret);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('KEY_REVOKED');
    } finally {
      await t.close();
    }
  } finally {
    await database.drop();
  }
});
