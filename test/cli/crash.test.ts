import SQLite from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { killLeftovers, postGraphql, startServe, tempDb } from './keygate-process.js';

const ADMIN_KEY = /kg_ak_live_[0-9A-Za-z]{49}/;
const db = tempDb();
afterAll(() => {
  killLeftovers();
  db.cleanup();
});

test('kill -9 in the middle of createKey and rotateKey traffic leaves no half-made key', async () => {
  const serve = await startServe(db.dbPath, { KEYGATE_LOG_LEVEL: 'silent' });
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
  // Keep many key changes in flight, then kill the process without warning.
  const inflight: Promise<unknown>[] = [];
  for (let i = 1; i <= 200; i++) inflight.push(i % 4 === 0 ? rotate(seed) : create(i));
  await new Promise((resolve) => setTimeout(resolve, 150));
  const exited = await serve.stop('SIGKILL');
  expect(exited.signal).toBe('SIGKILL');
  await Promise.allSettled(inflight);

  // Every stored key is whole: its creation audited, its rotation links pointing at real keys.
  const sqlite = new SQLite(db.dbPath);
  try {
    const keys = sqlite
      .prepare('select id, digest, hint, replaced_by_id, rotated_from_id, revoked_at from api_keys')
      .all() as {
      id: string;
      digest: string;
      hint: string;
      replaced_by_id: string | null;
      rotated_from_id: string | null;
      revoked_at: string | null;
    }[];
    const ids = new Set(keys.map((k) => k.id));
    const created = new Set(
      (
        sqlite.prepare("select target_id from audit_events where action = 'key.created'").all() as {
          target_id: string;
        }[]
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
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    sqlite.close();
  }
  // And the database serves again after the crash.
  const again = await startServe(db.dbPath, { KEYGATE_LOG_LEVEL: 'silent' });
  const ok = await postGraphql(again.origin, '{ viewer { key { id } } }', {}, admin);
  expect(ok.status).toBe(200);
  await again.stop('SIGTERM');
}, 120_000);
