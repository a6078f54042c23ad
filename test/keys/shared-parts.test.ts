import { afterAll, beforeAll, expect, test } from 'vitest';
import { hashKey } from '../../src/keys/hash-key.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// Cached keys of one project share its Project object and equal scope sets instead of each
// holding a copy (src/keys/shared-parts.ts); a changed project is a new, unshared value.

const Viewer = graphql(`
  query SharedPartsViewer {
    viewer {
      scopes
    }
  }
`);

const UpdateProject = graphql(`
  mutation SharedPartsUpdateProject($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      id
      allowedScopes
    }
  }
`);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const cached = (secret: string) => t.server.keyCache.get(hashKey(secret), t.clock.now().getTime());

test('keys of one project share its project and equal scope sets; a change is seen at once', async () => {
  const projectId = await createProject(t, { plan: 'PRO' });
  const a = await createKey(t, { projectId, scopes: ['invoices:read', 'customers:read'] });
  const b = await createKey(t, { projectId, scopes: ['customers:read', 'invoices:read'] });
  const c = await createKey(t, { projectId, scopes: ['invoices:read'] });
  for (const key of [a, b, c]) {
    const res = await t.gql(Viewer, {}, key.secret);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  }
  const [ka, kb, kc] = [cached(a.secret), cached(b.secret), cached(c.secret)];
  expect(ka?.key.id).toBe(a.id);
  expect(kb?.key.id).toBe(b.id);
  expect(kc?.key.id).toBe(c.id);
  expect(kb?.project).toBe(ka?.project);
  expect(kc?.project).toBe(ka?.project);
  expect(kb?.grants).toBe(ka?.grants);
  expect(kb?.held).toBe(ka?.held);
  expect(kc?.grants).not.toBe(ka?.grants);
  expect([...(kc?.grants ?? [])]).toEqual(['invoices:read']);

  // The project loses customers:read: the next request of each key reads the new project.
  const update = await t.gql(
    UpdateProject,
    { id: projectId, input: { allowedScopes: ['invoices:read'] } },
    t.adminKey,
  );
  expect(update.body.errors).toBeUndefined();
  const after = await t.gql(Viewer, {}, a.secret);
  expect(after.body.data?.viewer.scopes).toEqual(['invoices:read']);
  const changed = cached(a.secret);
  expect(changed?.project).not.toBe(ka?.project);
  expect(changed?.project?.allowedScopes).toEqual(['invoices:read']);
  expect(ka?.project?.allowedScopes).toContain('customers:read');
  await t.gql(Viewer, {}, c.secret);
  expect(cached(c.secret)?.project).toBe(changed?.project);
});

test('cached keys share their kind, environment, project id, scope list and allow-lists', async () => {
  const projectId = await createProject(t, { plan: 'PRO' });
  const a = await createKey(t, { projectId, scopes: ['invoices:read', 'customers:read'] });
  const b = await createKey(t, { projectId, scopes: ['invoices:read', 'customers:read'] });
  const c = await createKey(t, { projectId, scopes: ['invoices:read'] });
  for (const key of [a, b, c]) {
    expect((await t.gql(Viewer, {}, key.secret)).status).toBe(200);
  }
  const [ka, kb, kc] = [cached(a.secret)?.key, cached(b.secret)?.key, cached(c.secret)?.key];
  expect(ka?.id).toBe(a.id);
  expect(kb?.id).toBe(b.id);
  expect(kb?.scopes).toBe(ka?.scopes);
  expect(kb?.scopes).toEqual(['customers:read', 'invoices:read']);
  expect(kc?.scopes).not.toBe(ka?.scopes);
  expect(kc?.scopes).toEqual(['invoices:read']);
  expect(kb?.allowedIps).toBe(ka?.allowedIps);
  expect(kc?.allowedOrigins).toBe(ka?.allowedOrigins);
  expect(ka?.allowedIps).toEqual([]);
  expect(Object.isFrozen(ka?.scopes)).toBe(true);
  expect(cached(b.secret)?.restrictions).toBe(cached(a.secret)?.restrictions);
  // Shared strings cannot be told apart from copies in JavaScript: their values are checked.
  expect([ka?.kind, ka?.environment, ka?.projectId]).toEqual(['SECRET', 'LIVE', projectId]);
});
