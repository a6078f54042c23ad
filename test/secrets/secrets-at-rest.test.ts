import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateKey } from '../../src/keys/key-format.js';
import { graphql } from '../gql/index.js';
import { contentsAtRest } from '../helpers/db-contents.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Viewer = graphql(`
  query SecretsViewer {
    viewer {
      key {
        id
        status
      }
    }
  }
`);

const RotateKey = graphql(`
  mutation SecretsRotate($id: ID!, $grace: Int) {
    rotateKey(id: $id, gracePeriodSeconds: $grace) {
      key {
        id
        hint
      }
      secret
    }
  }
`);

const RevokeKey = graphql(`
  mutation SecretsRevoke($id: ID!) {
    revokeKey(id: $id, reason: COMPROMISED) {
      id
      status
    }
  }
`);

const UpdateKey = graphql(`
  mutation SecretsUpdate($id: ID!, $input: UpdateKeyInput!) {
    updateKey(id: $id, input: $input) {
      id
      name
    }
  }
`);

const KeyHints = graphql(`
  query SecretsKeyHints {
    keys(first: 100) {
      edges {
        node {
          id
          hint
        }
      }
    }
  }
`);

/** The body after `kg_<type>_<env>_`: 43 random characters and 6 check characters. */
const afterPrefix = (secret: string) => secret.replace(/^kg_[a-z]{2}_[a-z]{4}_/, '');
const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Every way a secret could sit in a file: whole, without its prefix, or cut short. */
function secretForms(secret: string): string[] {
  const body = afterPrefix(secret);
  return [
    secret,
    body,
    body.slice(0, 43),
    body.slice(0, 24),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('hex'),
  ];
}

interface Issued {
  label: string;
  id: string;
  secret: string;
}

let t: TestServer;
/** Every key made in beforeAll, including replacements from rotations. */
const issued: Issued[] = [];
/** Keys that were presented but never existed. */
const presentedOnly: string[] = [];

beforeAll(async () => {
  t = await startTestServer();
  const projectId = await createProject(t, { name: 'Secrets Inc' });
  const make = async (label: string, input: Parameters<typeof createKey>[1], as?: string) => {
    const key = await createKey(t, { name: label, ...input }, as);
    issued.push({ label, ...key });
    return key;
  };

  const manager = await make('manager', {
    projectId,
    scopes: ['keys:read', 'keys:write', 'products:read'],
  });
  const browser = await make('browser', {
    projectId,
    kind: 'PUBLISHABLE',
    scopes: ['products:read'],
  });
  const child = await make(
    'made by a project key',
    { projectId, scopes: ['products:read'] },
    manager.secret,
  );
  const toRotate = await make('rotated with grace', { projectId, scopes: ['products:read'] });
  const toRotateNow = await make('rotated at once', { projectId, scopes: ['products:read'] });
  const toRevoke = await make('revoked', { projectId, scopes: ['products:read'] });
  const admin = await make('second admin', { kind: 'ADMIN', scopes: ['keys:read'] });

  for (const [from, grace] of [
    [toRotate, 3_600],
    [toRotateNow, 0],
  ] as const) {
    const res = await t.gql(RotateKey, { id: from.id, grace }, manager.secret);
    expect(res.body.errors).toBeUndefined();
    const payload = res.body.data?.rotateKey;
    issued.push({
      label: `replacement of ${from.id}`,
      id: payload?.key.id as string,
      secret: payload?.secret as string,
    });
  }
  const revoked = await t.gql(RevokeKey, { id: toRevoke.id }, t.adminKey);
  expect(revoked.body.data?.revokeKey?.status).toBe('REVOKED');
  const renamed = await t.gql(
    UpdateKey,
    { id: child.id, input: { name: 'renamed' } },
    manager.secret,
  );
  expect(renamed.body.errors).toBeUndefined();

  // Good requests, in both headers.
  for (const key of [manager, browser, child, toRotate, admin, ...issued.slice(-2)]) {
    expect((await t.gql(Viewer, {}, key.secret)).status).toBe(200);
  }
  const bearer = await t.gql(Viewer, {}, null, { authorization: `Bearer ${manager.secret}` });
  expect(bearer.status).toBe(200);

  // Bad requests: revoked, rotated past grace, unknown, typo'd, truncated, garbage.
  const unknown = generateKey('SECRET', 'LIVE');
  const last = manager.secret.at(-1) === 'a' ? 'b' : 'a';
  const typo = `${manager.secret.slice(0, -1)}${last}`;
  presentedOnly.push(unknown, typo);
  const refused = [toRevoke.secret, toRotateNow.secret, unknown, typo, manager.secret.slice(0, -3)];
  for (const secret of refused) {
    expect((await t.gql(Viewer, {}, secret)).status).toBe(401);
  }
  expect((await t.gql(Viewer, {}, 'garbage')).status).toBe(401);
  expect((await t.gql(Viewer, {}, null, { authorization: `Basic ${manager.secret}` })).status).toBe(
    401,
  );
});
afterAll(() => t.close());

describe('secrets at rest', () => {
  test('what the database keeps (SQLite: file and WAL; PostgreSQL: rows, raw pages and Redis keys) holds no key secret, not even the part after the prefix', async () => {
    const files = await contentsAtRest(t.database);
    expect(Object.values(files).some((bytes) => bytes.length > 0)).toBe(true);

    const secrets = [t.adminKey, ...issued.map((k) => k.secret), ...presentedOnly];
    expect(secrets.length).toBeGreaterThanOrEqual(12);
    for (const [file, bytes] of Object.entries(files)) {
      for (const secret of secrets) {
        for (const form of secretForms(secret)) {
          expect(bytes.includes(form), `${file} contains ${form.slice(0, 14)}…`).toBe(false);
        }
      }
    }
  });

  test('each key is stored as the SHA-256 hex digest of its secret, with only a short hint', async () => {
    const rows = await t.server.services.db
      .selectFrom('api_keys')
      .select(['id', 'digest', 'hint'])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const key of issued) {
      const row = byId.get(key.id);
      expect(row?.digest, key.label).toBe(sha256(key.secret));
      expect(row?.hint, key.label).toBe(
        `${key.secret.slice(0, key.secret.length - afterPrefix(key.secret).length)}…${key.secret.slice(-4)}`,
      );
    }
    expect(rows.map((r) => r.digest)).toContain(sha256(t.adminKey));
    // Keys that were only presented never reach the table, not even as a digest.
    for (const secret of presentedOnly) {
      expect(rows.map((r) => r.digest)).not.toContain(sha256(secret));
    }
  });

  test('the digests are in what the database keeps, as hex text', async () => {
    const bytes = Buffer.concat(Object.values(await contentsAtRest(t.database)));
    for (const key of issued) {
      expect(bytes.includes(sha256(key.secret)), key.label).toBe(true);
    }
  });

  test('listing keys shows hints, never a secret', async () => {
    const res = await t.gql(KeyHints, {}, t.adminKey);
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const key of issued) {
      expect(text).not.toContain(afterPrefix(key.secret));
    }
    expect(res.body.data?.keys?.edges.length).toBeGreaterThanOrEqual(issued.length);
  });
});
