import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { integrityCheck, withDatabase } from '../helpers/db-contents.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';
import type { GqlResponse } from '../helpers/test-server.js';
import { CHILD_TIMEOUT_MS, killLeftovers, postGraphql, startServe } from './keygate-process.js';

const ADMIN_KEY = /kg_ak_live_[0-9A-Za-z]{49}/;
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  killLeftovers();
  await database.drop();
});

test('kill -9 in the middle of createKey and rotateKey traffic leaves no half-made key', async () => {
  const serve = await startServe(database, { KEYGATE_LOG_LEVEL: 'silent' });
  const admin = { 'x-api-key': await serve.waitFor('stdout', ADMIN_KEY) };
  const project = await postGraphql(
    serve.origin,
    `mutation CrashProject { createProject(input: { name: "crash", plan: ENTERPRISE, allowedScopes: ["products:read"] }) { id } }`,
    {},
    admin,
  );
  const projectId = (project.body.data as { createProject: { id: string } }).createProject.id;
  const create = (i: number) =>
    postGraphql(
      serve.origin,
      `mutation CrashCreate($input: CreateKeyInput!) { createKey(input: $input) { key { id } } }`,
      { input: { projectId, name: `k${i}`, scopes: ['products:read'] } },
      admin,
    ).catch(() => null);
  const rotate = (id: string) =>
    postGraphql(
      serve.origin,
      `mutation CrashRotate($id: ID!) { rotateKey(id: $id, gracePeriodSeconds: 60) { key { id } } }`,
      { id },
      admin,
    ).catch(() => null);
  const first = await create(0);
  if (first === null) throw new Error('the first createKey failed');
  const seed = (first.body.data as { createKey: { key: { id: string } } }).createKey.key.id;
  // Keep many key changes in flight for at least 150 ms and until ten have been answered (a
  // slower database may answer none that soon), then kill the process without warning.
  let answered = 0;
  const count = (res: GqlResponse<unknown> | null) => {
    if (res !== null && res.status === 200 && res.body.errors === undefined) answered++;
  };
  const inflight: Promise<unknown>[] = [];
  for (let i = 1; i <= 200; i++)
    inflight.push((i % 4 === 0 ? rotate(seed) : create(i)).then(count));
  await delay(150);
  await vi.waitFor(() => expect(answered).toBeGreaterThanOrEqual(10), {
    timeout: CHILD_TIMEOUT_MS,
    interval: 5,
  });
  const exited = await serve.stop('SIGKILL');
  expect(exited.signal).toBe('SIGKILL');
  await Promise.allSettled(inflight);

  // Every stored key is whole: its creation audited, its rotation links pointing at real keys.
  await withDatabase(database, async (db) => {
    const keys = await db
      .selectFrom('api_keys')
      .select(['id', 'digest', 'hint', 'replaced_by_id', 'rotated_from_id', 'revoked_at'])
      .execute();
    const ids = new Set(keys.map((k) => k.id));
    const created = new Set(
      (
        await db
          .selectFrom('audit_events')
          .select('target_id')
          .where('action', '=', 'key.created')
          .execute()
      ).map((r) => r.target_id),
    );
    expect(keys.length).toBeGreaterThan(2);
    for (const key of keys) {
      expect(key.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(key.hint).toMatch(/^kg_[a-z]{2}_[a-z]{4}_…/);
      if (key.replaced_by_id !== null) {
        expect(ids.has(key.replaced_by_id)).toBe(true);
        expect(key.revoked_at).not.toBeNull();
      }
      if (key.rotated_from_id !== null) expect(ids.has(key.rotated_from_id)).toBe(true);
      if (key.rotated_from_id === null) expect(created.has(key.id)).toBe(true);
    }
    expect(await integrityCheck(db)).toBe('ok');
  });
  // And the database serves again after the crash.
  const again = await startServe(database, { KEYGATE_LOG_LEVEL: 'silent' });
  const ok = await postGraphql(again.origin, '{ viewer { key { id } } }', {}, admin);
  expect(ok.status).toBe(200);
  await again.stop('SIGTERM');
}, 120_000);
