import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateKey } from '../../src/keys/key-format.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Viewer = graphql(`
  query AuthViewer {
    viewer {
      key {
        id
        kind
        status
      }
      scopes
    }
  }
`);

const RevokeKey = graphql(`
  mutation AuthRevoke($id: ID!) {
    revokeKey(id: $id) {
      id
      status
      revokedAt
    }
  }
`);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('authentication', () => {
  test('a request without a key is refused with 401, UNAUTHENTICATED and WWW-Authenticate', async () => {
    const res = await t.gql(Viewer, {}, null);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('ApiKey realm="keygate", header="X-API-Key"');
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
  });

  test('a well-formed but unknown key is refused like a malformed one', async () => {
    const unknown = await t.gql(Viewer, {}, generateKey('SECRET', 'LIVE'));
    const malformed = await t.gql(Viewer, {}, 'kg_sk_live_nope');
    expect(unknown.status).toBe(401);
    expect(malformed.status).toBe(401);
    expect(unknown.body).toEqual(malformed.body);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('the key is accepted from Authorization: Bearer too', async () => {
    const res = await t.gql(Viewer, {}, null, { authorization: `Bearer ${t.adminKey}` });
    expect(res.status).toBe(200);
    expect(res.body.data?.viewer.key.kind).toBe('ADMIN');
  });

  test('every response carries a Keygate-Request-Id', async () => {
    const res = await t.gql(Viewer, {}, t.adminKey);
    expect(res.headers.get('keygate-request-id')).toMatch(/^req_[0-9A-Za-z]{22}$/);
  });

  test('a revoked key is refused on the very next request', async () => {
    const projectId = await createProject(t);
    const { id, secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    expect((await t.gql(Viewer, {}, secret)).status).toBe(200);
    const revoked = await t.gql(RevokeKey, { id }, t.adminKey);
    expect(revoked.body.data?.revokeKey?.status).toBe('REVOKED');
    const after = await t.gql(Viewer, {}, secret);
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('KEY_REVOKED');
  });

  test('a key past its expiresAt answers KEY_EXPIRED', async () => {
    const projectId = await createProject(t);
    const { secret } = await createKey(t, {
      projectId,
      scopes: ['products:read'],
      expiresAt: new Date(t.clock.now().getTime() + 60_000).toISOString(),
    });
    expect((await t.gql(Viewer, {}, secret)).status).toBe(200);
    t.clock.advance(60_000);
    const res = await t.gql(Viewer, {}, secret);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('KEY_EXPIRED');
  });
});
