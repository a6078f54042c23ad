import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CreateKeyInput, KeyFilter } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { type GqlResponse, startTestServer, type TestServer } from '../helpers/test-server.js';

graphql(`
  fragment KeyLifeKeyFields on ApiKey {
    id
    name
    kind
    environment
    hint
    scopes
    status
    createdAt
    expiresAt
    revokedAt
    revocationReason
    graceEndsAt
    allowedIps
    allowedOrigins
    rateLimitPerMinute
    metadata
    project {
      id
    }
    rotatedFrom {
      id
    }
    replacedBy {
      id
    }
  }
`);

const CreateKey = graphql(`
  mutation KeyLifeCreate($input: CreateKeyInput!) {
    createKey(input: $input) {
      secret
      key {
        ...KeyLifeKeyFields
      }
    }
  }
`);

const GetKey = graphql(`
  query KeyLifeGet($id: ID!) {
    key(id: $id) {
      ...KeyLifeKeyFields
    }
  }
`);

const ListKeys = graphql(`
  query KeyLifeList($filter: KeyFilter, $first: Int, $after: String) {
    keys(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...KeyLifeKeyFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ProjectKeys = graphql(`
  query KeyLifeProjectKeys($id: ID!) {
    project(id: $id) {
      keys {
        edges {
          node {
            ...KeyLifeKeyFields
          }
        }
      }
    }
  }
`);

const Viewer = graphql(`
  query KeyLifeViewer {
    viewer {
      key {
        id
        name
      }
      project {
        id
      }
      scopes
    }
  }
`);

const Ledger = graphql(`
  query KeyLifeLedger {
    products {
      edges {
        node {
          id
        }
      }
    }
    customers {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const UpdateKey = graphql(`
  mutation KeyLifeUpdate($id: ID!, $input: UpdateKeyInput!) {
    updateKey(id: $id, input: $input) {
      ...KeyLifeKeyFields
    }
  }
`);

const RevokeKey = graphql(`
  mutation KeyLifeRevoke($id: ID!) {
    revokeKey(id: $id) {
      ...KeyLifeKeyFields
    }
  }
`);

const RevokeKeyWithReason = graphql(`
  mutation KeyLifeRevokeWithReason($id: ID!, $reason: RevocationReason!) {
    revokeKey(id: $id, reason: $reason) {
      ...KeyLifeKeyFields
    }
  }
`);

const RotateKey = graphql(`
  mutation KeyLifeRotate($id: ID!, $grace: Int!) {
    rotateKey(id: $id, gracePeriodSeconds: $grace) {
      secret
      key {
        ...KeyLifeKeyFields
      }
    }
  }
`);

const RotateKeyDefaultGrace = graphql(`
  mutation KeyLifeRotateDefault($id: ID!) {
    rotateKey(id: $id) {
      secret
      key {
        ...KeyLifeKeyFields
      }
    }
  }
`);

const CreateProjectWithPolicy = graphql(`
  mutation KeyLifeCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      rotationPolicy {
        maxKeyAgeDays
        enforce
      }
    }
  }
`);

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const now = () => t.clock.now().toISOString();
const later = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
const codeOf = (res: GqlResponse<unknown>) => res.body.errors?.[0]?.extensions?.code;
const messageOf = (res: GqlResponse<unknown>) => res.body.errors?.[0]?.message ?? '';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Creates a key through the API and fails the test on any error. */
async function create(
  input: Omit<CreateKeyInput, 'name'> & { name?: string },
  as: string = t.adminKey,
) {
  const res = await t.gql(CreateKey, { input: { name: 'lifecycle key', ...input } }, as);
  expect(res.body.errors).toBeUndefined();
  const payload = res.body.data?.createKey;
  if (!payload) throw new Error('createKey returned no payload');
  return payload;
}

async function getKey(id: string, as: string = t.adminKey) {
  const res = await t.gql(GetKey, { id }, as);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.key;
}

/** Every key the filter matches, walking all pages. */
async function listAll(filter: KeyFilter, as: string = t.adminKey, first = 100) {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const res: GqlResponse<{
      keys?: {
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor?: string | null };
      } | null;
    }> = await t.gql(ListKeys, { filter, first, after }, as);
    expect(res.body.errors).toBeUndefined();
    const conn = res.body.data?.keys;
    if (!conn) throw new Error('keys returned null');
    ids.push(...conn.edges.map((e) => e.node.id));
    if (!conn.pageInfo.hasNextPage) return ids;
    after = conn.pageInfo.endCursor ?? null;
  }
}

/** A project allowing every scope and a key of it holding `scopes` (created by the admin key). */
async function projectKey(scopes: string[]) {
  const projectId = await createProject(t);
  const key = await createKey(t, { projectId, scopes });
  return { projectId, ...key };
}

describe('createKey', () => {
  test('returns the secret once, with a hint of its prefix and last four characters', async () => {
    const projectId = await createProject(t);
    const { secret, key } = await create({ projectId, scopes: ['products:read'] });
    expect(secret).toMatch(/^kg_sk_live_[0-9A-Za-z]{49}$/);
    expect(key.hint).toBe(`kg_sk_live_…${secret.slice(-4)}`);
    expect(key.id).toMatch(/^key_[0-9A-Za-z]{22}$/);
  });

  test('the new secret works on the very next request', async () => {
    const projectId = await createProject(t);
    const { secret, key } = await create({ projectId, scopes: ['products:read'] });
    const res = await t.gql(Viewer, {}, secret);
    expect(res.status).toBe(200);
    expect(res.body.data?.viewer.key.id).toBe(key.id);
    expect(res.body.data?.viewer.project?.id).toBe(projectId);
    expect(res.body.data?.viewer.scopes).toEqual(['products:read']);
  });

  test('key(id), keys and Project.keys never contain the secret or its digest', async () => {
    const { projectId, secret: callerSecret } = await projectKey(['keys:read', 'keys:write']);
    const { secret, key } = await create({ scopes: ['keys:read'] }, callerSecret);
    const rotated = await t.gql(RotateKey, { id: key.id, grace: 3600 }, callerSecret);
    expect(rotated.body.errors).toBeUndefined();
    const newSecret = rotated.body.data?.rotateKey?.secret as string;
    const responses = [
      await t.gql(GetKey, { id: key.id }, t.adminKey),
      await t.gql(GetKey, { id: key.id }, callerSecret),
      await t.gql(ListKeys, { filter: { projectId } }, t.adminKey),
      await t.gql(ListKeys, {}, callerSecret),
      await t.gql(ListKeys, {}, secret),
      await t.gql(ProjectKeys, { id: projectId }, t.adminKey),
      await t.gql(Viewer, {}, secret),
    ];
    for (const res of responses) {
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      expect(text).toContain(key.id);
      for (const s of [secret, newSecret, callerSecret]) {
        expect(text).not.toContain(s);
        expect(text).not.toContain(s.slice('kg_sk_live_'.length, -6));
        expect(text).not.toContain(sha256(s));
      }
    }
  });

  test('defaults to a LIVE SECRET key without expiry, restrictions, rate limit or metadata', async () => {
    const projectId = await createProject(t);
    const { key } = await create({ projectId, name: 'defaults', scopes: ['products:read'] });
    expect(key).toEqual({
      id: key.id,
      name: 'defaults',
      kind: 'SECRET',
      environment: 'LIVE',
      hint: key.hint,
      scopes: ['products:read'],
      status: 'ACTIVE',
      createdAt: now(),
      expiresAt: null,
      revokedAt: null,
      revocationReason: null,
      graceEndsAt: null,
      allowedIps: [],
      allowedOrigins: [],
      rateLimitPerMinute: null,
      metadata: null,
      project: { id: projectId },
      rotatedFrom: null,
      replacedBy: null,
    });
  });

  test('a TEST key gets the kg_sk_test_ prefix and a TEST environment', async () => {
    const projectId = await createProject(t);
    const { secret, key } = await create({
      projectId,
      environment: 'TEST',
      scopes: ['products:read'],
    });
    expect(secret).toMatch(/^kg_sk_test_[0-9A-Za-z]{49}$/);
    expect(key.hint).toBe(`kg_sk_test_…${secret.slice(-4)}`);
    expect(key.environment).toBe('TEST');
    expect((await t.gql(Viewer, {}, secret)).status).toBe(200);
  });

  test('a PUBLISHABLE key gets the kg_pk_ prefix and an ADMIN key the kg_ak_ prefix', async () => {
    const projectId = await createProject(t);
    const publishable = await create({ projectId, kind: 'PUBLISHABLE', scopes: ['products:read'] });
    expect(publishable.secret).toMatch(/^kg_pk_live_/);
    expect(publishable.key.hint).toBe(`kg_pk_live_…${publishable.secret.slice(-4)}`);
    const admin = await create({ kind: 'ADMIN', scopes: ['projects:read'] });
    expect(admin.secret).toMatch(/^kg_ak_live_/);
    expect(admin.key.kind).toBe('ADMIN');
    expect(admin.key.project).toBeNull();
  });

  test("a project key's new key belongs to the caller's project when projectId is omitted", async () => {
    const caller = await projectKey(['keys:write', 'keys:read', 'products:read']);
    const { secret, key } = await create({ scopes: ['products:read'] }, caller.secret);
    expect(key.project).toEqual({ id: caller.projectId });
    const viewer = await t.gql(Viewer, {}, secret);
    expect(viewer.body.data?.viewer.project?.id).toBe(caller.projectId);
  });

  test('an admin key must name the project of a SECRET key', async () => {
    const res = await t.gql(
      CreateKey,
      { input: { name: 'x', scopes: ['products:read'] } },
      t.adminKey,
    );
    expect(res.status).toBe(200);
    expect(res.body.data?.createKey).toBeNull();
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.path).toEqual(['createKey']);
  });

  test('duplicate scopes are stored once', async () => {
    const projectId = await createProject(t);
    const { key } = await create({
      projectId,
      scopes: ['products:read', 'customers:read', 'products:read'],
    });
    expect([...key.scopes].sort()).toEqual(['customers:read', 'products:read']);
  });
});

describe('createKey input validation', () => {
  const refused = async (input: Partial<CreateKeyInput>) => {
    const projectId = await createProject(t);
    const res = await t.gql(
      CreateKey,
      { input: { projectId, name: 'valid name', scopes: ['products:read'], ...input } },
      t.adminKey,
    );
    expect(res.status).toBe(200);
    expect(res.body.data?.createKey).toBeNull();
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.path).toEqual(['createKey']);
    expect(await listAll({ projectId })).toEqual([]);
    return messageOf(res);
  };

  test('an empty or blank name is refused', async () => {
    expect(await refused({ name: '' })).toContain('name');
    expect(await refused({ name: '   ' })).toContain('name');
  });

  test('a name over 200 characters is refused', async () => {
    expect(await refused({ name: 'n'.repeat(201) })).toContain('name');
  });

  test('an expiresAt in the past or at this very instant is refused', async () => {
    expect(await refused({ expiresAt: later(-SECOND) })).toContain('expiresAt');
    expect(await refused({ expiresAt: now() })).toContain('expiresAt');
  });

  test('a rateLimitPerMinute of 0 or below is refused', async () => {
    expect(await refused({ rateLimitPerMinute: 0 })).toContain('rateLimitPerMinute');
    expect(await refused({ rateLimitPerMinute: -5 })).toContain('rateLimitPerMinute');
    expect(await refused({ rateLimitPerMinute: 1_000_001 })).toContain('rateLimitPerMinute');
  });

  test('metadata that is not a JSON object is refused', async () => {
    expect(await refused({ metadata: [1, 2, 3] })).toContain('metadata');
    expect(await refused({ metadata: 'just a string' })).toContain('metadata');
    expect(await refused({ metadata: 42 })).toContain('metadata');
    expect(await refused({ metadata: true })).toContain('metadata');
  });

  test('metadata over 8 KiB is refused', async () => {
    expect(await refused({ metadata: { blob: 'x'.repeat(9000) } })).toContain('metadata');
  });

  test('metadata with unicode and SQL metacharacters is stored and returned verbatim', async () => {
    const projectId = await createProject(t);
    const metadata = {
      note: "'; DROP TABLE api_keys; --",
      quotes: `"double" 'single' \`back\` \\ backslash`,
      emoji: '🔑🚀👩‍💻',
      unicode: 'Ünïcødé 日本語 עברית ﷽',
      nested: { list: [1, 'two', null, true, 2.5], empty: {}, none: null },
      'key with spaces; and --': 'value',
    };
    const { key, secret } = await create({ projectId, scopes: ['products:read'], metadata });
    expect(key.metadata).toEqual(metadata);
    expect((await getKey(key.id))?.metadata).toEqual(metadata);
    expect(await listAll({ projectId })).toEqual([key.id]);
    expect((await t.gql(Viewer, {}, secret)).status).toBe(200);
    t.clock.advance(SECOND);
    const another = await create({ projectId, scopes: ['products:read'] });
    expect(await listAll({ projectId })).toEqual([another.key.id, key.id]);
  });
});

describe('updateKey', () => {
  test('changes name, scopes, metadata and expiresAt and returns the updated key', async () => {
    const projectId = await createProject(t);
    const { key } = await create({
      projectId,
      name: 'before',
      scopes: ['products:read'],
      metadata: { v: 1 },
    });
    t.clock.advance(SECOND);
    const expiresAt = later(7 * DAY);
    const res = await t.gql(
      UpdateKey,
      {
        id: key.id,
        input: {
          name: 'after',
          scopes: ['customers:read', 'products:read'],
          metadata: { v: 2, tags: ['a'] },
          expiresAt,
          rateLimitPerMinute: 120,
          allowedOrigins: ['https://app.example.com'],
        },
      },
      t.adminKey,
    );
    expect(res.body.errors).toBeUndefined();
    const updated = res.body.data?.updateKey;
    expect(updated).toMatchObject({
      id: key.id,
      name: 'after',
      scopes: ['customers:read', 'products:read'],
      metadata: { v: 2, tags: ['a'] },
      expiresAt,
      rateLimitPerMinute: 120,
      allowedOrigins: ['https://app.example.com'],
      status: 'ACTIVE',
      createdAt: key.createdAt,
      hint: key.hint,
    });
    expect(await getKey(key.id)).toEqual(updated);
  });

  test('omitted fields stay as they are and null clears metadata and expiresAt', async () => {
    const projectId = await createProject(t);
    const expiresAt = later(DAY);
    const { key } = await create({
      projectId,
      name: 'keep me',
      scopes: ['products:read'],
      metadata: { keep: true },
      expiresAt,
      rateLimitPerMinute: 30,
    });
    const renamed = await t.gql(UpdateKey, { id: key.id, input: { name: 'renamed' } }, t.adminKey);
    expect(renamed.body.data?.updateKey).toMatchObject({
      name: 'renamed',
      scopes: ['products:read'],
      metadata: { keep: true },
      expiresAt,
      rateLimitPerMinute: 30,
    });
    const cleared = await t.gql(
      UpdateKey,
      { id: key.id, input: { metadata: null, expiresAt: null, rateLimitPerMinute: null } },
      t.adminKey,
    );
    expect(cleared.body.errors).toBeUndefined();
    expect(cleared.body.data?.updateKey).toMatchObject({
      name: 'renamed',
      metadata: null,
      expiresAt: null,
      rateLimitPerMinute: null,
    });
  });

  test('removing a scope makes its field FORBIDDEN on the very next request', async () => {
    const projectId = await createProject(t);
    const { key, secret } = await create({
      projectId,
      scopes: ['products:read', 'customers:read'],
    });
    const before = await t.gql(Ledger, {}, secret);
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data?.customers).toEqual({ edges: [] });
    const upd = await t.gql(
      UpdateKey,
      { id: key.id, input: { scopes: ['products:read'] } },
      t.adminKey,
    );
    expect(upd.body.errors).toBeUndefined();
    const after = await t.gql(Ledger, {}, secret);
    expect(after.status).toBe(200);
    expect(after.body.data?.products).toEqual({ edges: [] });
    expect(after.body.data?.customers).toBeNull();
    expect(after.body.errors).toHaveLength(1);
    expect(after.body.errors?.[0]?.path).toEqual(['customers']);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(after.body.errors?.[0]?.extensions?.requiredScopes).toEqual(['customers:read']);
  });

  test('an added scope and a new name are seen on the very next request', async () => {
    const projectId = await createProject(t);
    const { key, secret } = await create({ projectId, name: 'old', scopes: ['products:read'] });
    const denied = await t.gql(Ledger, {}, secret);
    expect(denied.body.data?.customers).toBeNull();
    await t.gql(
      UpdateKey,
      { id: key.id, input: { name: 'new', scopes: ['products:read', 'customers:read'] } },
      t.adminKey,
    );
    const viewer = await t.gql(Viewer, {}, secret);
    expect(viewer.body.data?.viewer.key.name).toBe('new');
    expect(viewer.body.data?.viewer.scopes).toEqual(['customers:read', 'products:read']);
    const allowed = await t.gql(Ledger, {}, secret);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data?.customers).toEqual({ edges: [] });
  });

  test('a new expiresAt applies at once: the key expires when the clock passes it', async () => {
    const projectId = await createProject(t);
    const { key, secret } = await create({ projectId, scopes: ['products:read'] });
    expect((await t.gql(Viewer, {}, secret)).status).toBe(200);
    const expiresAt = later(60 * SECOND);
    await t.gql(UpdateKey, { id: key.id, input: { expiresAt } }, t.adminKey);
    expect((await t.gql(Viewer, {}, secret)).status).toBe(200);
    t.clock.advance(60 * SECOND);
    const res = await t.gql(Viewer, {}, secret);
    expect(res.status).toBe(401);
    expect(codeOf(res)).toBe('KEY_EXPIRED');
    expect(res.body.data).toBeUndefined();
    expect((await getKey(key.id))?.status).toBe('EXPIRED');
  });

  test('updating a revoked key is refused with BAD_USER_INPUT and changes nothing', async () => {
    const projectId = await createProject(t);
    const { key } = await create({ projectId, name: 'revoked', scopes: ['products:read'] });
    await t.gql(RevokeKey, { id: key.id }, t.adminKey);
    const res = await t.gql(UpdateKey, { id: key.id, input: { name: 'revived' } }, t.adminKey);
    expect(res.body.data?.updateKey).toBeNull();
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toContain(key.id);
    expect((await getKey(key.id))?.name).toBe('revoked');
  });

  test('invalid values are refused with BAD_USER_INPUT and change nothing', async () => {
    const projectId = await createProject(t);
    const { key } = await create({ projectId, name: 'stable', scopes: ['products:read'] });
    const inputs = [
      { name: '' },
      { name: '  ' },
      { expiresAt: later(-SECOND) },
      { rateLimitPerMinute: 0 },
      { metadata: ['not', 'an', 'object'] },
      { scopes: ['foo:bar'] },
    ];
    for (const input of inputs) {
      const res = await t.gql(UpdateKey, { id: key.id, input }, t.adminKey);
      expect(res.body.data?.updateKey).toBeNull();
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    }
    const unchanged = await getKey(key.id);
    expect(unchanged).toMatchObject({ name: 'stable', scopes: ['products:read'], metadata: null });
    expect(unchanged?.expiresAt).toBeNull();
  });

  test('a missing key and a key of another project both answer NOT_FOUND', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    const other = await projectKey(['products:read']);
    const missing = await t.gql(
      UpdateKey,
      { id: 'key_0000000000000000000000', input: { name: 'x' } },
      caller.secret,
    );
    const foreign = await t.gql(UpdateKey, { id: other.id, input: { name: 'x' } }, caller.secret);
    for (const res of [missing, foreign]) {
      expect(res.body.data?.updateKey).toBeNull();
      expect(codeOf(res)).toBe('NOT_FOUND');
    }
    expect(messageOf(foreign).replace(other.id, 'ID')).toBe(
      messageOf(missing).replace('key_0000000000000000000000', 'ID'),
    );
    expect((await getKey(other.id))?.name).toBe('test key');
  });
});

describe('revokeKey', () => {
  test('sets status REVOKED, revokedAt to now and reason UNSPECIFIED by default', async () => {
    const projectId = await createProject(t);
    const { key } = await create({ projectId, scopes: ['products:read'] });
    t.clock.advance(5 * SECOND);
    const res = await t.gql(RevokeKey, { id: key.id }, t.adminKey);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.revokeKey).toMatchObject({
      id: key.id,
      status: 'REVOKED',
      revokedAt: now(),
      revocationReason: 'UNSPECIFIED',
    });
    expect(await getKey(key.id)).toEqual(res.body.data?.revokeKey);
  });

  test('stores the reason it is given', async () => {
    const projectId = await createProject(t);
    const { key } = await create({ projectId, scopes: ['products:read'] });
    const res = await t.gql(RevokeKeyWithReason, { id: key.id, reason: 'COMPROMISED' }, t.adminKey);
    expect(res.body.data?.revokeKey?.revocationReason).toBe('COMPROMISED');
    expect((await getKey(key.id))?.revocationReason).toBe('COMPROMISED');
  });

  test('a revoked key answers 401 KEY_REVOKED on the very next request', async () => {
    const projectId = await createProject(t);
    const { key, secret } = await create({ projectId, scopes: ['products:read'] });
    expect((await t.gql(Viewer, {}, secret)).status).toBe(200);
    await t.gql(RevokeKey, { id: key.id }, t.adminKey);
    const res = await t.gql(Viewer, {}, secret);
    expect(res.status).toBe(401);
    expect(codeOf(res)).toBe('KEY_REVOKED');
    expect(res.body.data).toBeUndefined();
  });

  test('revoking a revoked key again returns it unchanged, without an error', async () => {
    const projectId = await createProject(t);
    const { key } = await create({ projectId, scopes: ['products:read'] });
    const first = await t.gql(RevokeKeyWithReason, { id: key.id, reason: 'POLICY' }, t.adminKey);
    t.clock.advance(HOUR);
    const second = await t.gql(
      RevokeKeyWithReason,
      { id: key.id, reason: 'COMPROMISED' },
      t.adminKey,
    );
    const third = await t.gql(RevokeKey, { id: key.id }, t.adminKey);
    expect(second.body.errors).toBeUndefined();
    expect(third.body.errors).toBeUndefined();
    expect(second.body.data?.revokeKey).toEqual(first.body.data?.revokeKey);
    expect(third.body.data?.revokeKey).toEqual(first.body.data?.revokeKey);
    expect(first.body.data?.revokeKey?.revocationReason).toBe('POLICY');
  });

  test('a project key can revoke a key of its own project, including itself', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    const { key } = await create({ projectId: caller.projectId, scopes: ['products:read'] });
    const other = await t.gql(RevokeKey, { id: key.id }, caller.secret);
    expect(other.body.data?.revokeKey?.status).toBe('REVOKED');
    const self = await t.gql(RevokeKey, { id: caller.id }, caller.secret);
    expect(self.body.data?.revokeKey?.status).toBe('REVOKED');
    expect(codeOf(await t.gql(Viewer, {}, caller.secret))).toBe('KEY_REVOKED');
  });

  test('a missing key and a key of another project both answer NOT_FOUND', async () => {
    const caller = await projectKey(['keys:write']);
    const other = await projectKey(['products:read']);
    const missing = await t.gql(RevokeKey, { id: 'key_0000000000000000000000' }, caller.secret);
    const foreign = await t.gql(RevokeKey, { id: other.id }, caller.secret);
    for (const res of [missing, foreign]) {
      expect(res.body.data?.revokeKey).toBeNull();
      expect(codeOf(res)).toBe('NOT_FOUND');
    }
    expect((await t.gql(Viewer, {}, other.secret)).status).toBe(200);
  });
});

/** The rotatable key may be used from 127.0.0.1 and this origin only. */
const FROM_APP = { origin: 'https://app.example.com' };

describe('rotateKey', () => {
  async function rotatable() {
    const projectId = await createProject(t);
    const created = await create({
      projectId,
      name: 'rotating service',
      environment: 'TEST',
      scopes: ['customers:read', 'products:read'],
      metadata: { team: 'billing', tier: 3 },
      allowedIps: ['10.0.0.0/8', '192.168.1.7', '127.0.0.1'],
      allowedOrigins: ['https://app.example.com'],
      rateLimitPerMinute: 42,
    });
    // The replacement must sort after the old key: ids order by creation time.
    t.clock.advance(SECOND);
    return { projectId, ...created };
  }

  test('issues a new secret for a replacement with the same settings, linked both ways', async () => {
    const old = await rotatable();
    t.clock.advance(10 * SECOND);
    const res = await t.gql(RotateKey, { id: old.key.id, grace: 3600 }, t.adminKey);
    expect(res.body.errors).toBeUndefined();
    const payload = res.body.data?.rotateKey;
    if (!payload) throw new Error('rotateKey returned no payload');
    expect(payload.secret).toMatch(/^kg_sk_test_[0-9A-Za-z]{49}$/);
    expect(payload.secret).not.toBe(old.secret);
    expect(payload.key).toEqual({
      id: payload.key.id,
      name: 'rotating service',
      kind: 'SECRET',
      environment: 'TEST',
      hint: `kg_sk_test_…${payload.secret.slice(-4)}`,
      scopes: ['customers:read', 'products:read'],
      status: 'ACTIVE',
      createdAt: now(),
      expiresAt: null,
      revokedAt: null,
      revocationReason: null,
      graceEndsAt: null,
      allowedIps: ['10.0.0.0/8', '192.168.1.7', '127.0.0.1'],
      allowedOrigins: ['https://app.example.com'],
      rateLimitPerMinute: 42,
      metadata: { team: 'billing', tier: 3 },
      project: { id: old.projectId },
      rotatedFrom: { id: old.key.id },
      replacedBy: null,
    });
    expect(payload.key.id).not.toBe(old.key.id);
    const oldAfter = await getKey(old.key.id);
    expect(oldAfter).toMatchObject({
      status: 'ROTATING',
      graceEndsAt: later(3600 * SECOND),
      revokedAt: null,
      replacedBy: { id: payload.key.id },
      name: 'rotating service',
    });
    const viewer = await t.gql(Viewer, {}, payload.secret, FROM_APP);
    expect(viewer.body.data?.viewer.key.id).toBe(payload.key.id);
  });

  test('concurrent rotations of one key: exactly one succeeds, the others are refused and leave nothing behind', async () => {
    const old = await rotatable();
    const projectKeys = async () => {
      const res = await t.gql(
        ListKeys,
        { filter: { projectId: old.projectId }, first: 50 },
        t.adminKey,
      );
      return res.body.data?.keys?.edges.map((e) => e.node.id) ?? [];
    };
    expect(await projectKeys()).toEqual([old.key.id]);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.gql(RotateKey, { id: old.key.id, grace: 60 }, t.adminKey)),
    );
    const won = results.filter((r) => r.body.data?.rotateKey);
    expect(won).toHaveLength(1);
    const lost = results.filter((r) => !r.body.data?.rotateKey);
    expect(lost).toHaveLength(4);
    for (const res of lost) {
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(messageOf(res)).toMatch(/rotat/);
    }
    const replacementId = won[0]?.body.data?.rotateKey?.key.id;
    expect(await getKey(old.key.id)).toMatchObject({
      status: 'ROTATING',
      replacedBy: { id: replacementId },
    });
    // One replacement was stored, not five.
    expect((await projectKeys()).sort()).toEqual([old.key.id, replacementId].sort());
  });

  test('the old key keeps working until graceEndsAt, then answers KEY_REVOKED with reason ROTATED', async () => {
    const old = await rotatable();
    const res = await t.gql(RotateKey, { id: old.key.id, grace: 3600 }, t.adminKey);
    const newSecret = res.body.data?.rotateKey?.secret as string;
    const graceEndsAt = later(3600 * SECOND);
    t.clock.advance(3600 * SECOND - 1);
    const during = await t.gql(Viewer, {}, old.secret, FROM_APP);
    expect(during.status).toBe(200);
    expect(during.body.data?.viewer.key.id).toBe(old.key.id);
    expect((await getKey(old.key.id))?.status).toBe('ROTATING');
    t.clock.advance(1);
    const after = await t.gql(Viewer, {}, old.secret, FROM_APP);
    expect(after.status).toBe(401);
    expect(codeOf(after)).toBe('KEY_REVOKED');
    expect(after.body.data).toBeUndefined();
    expect(await getKey(old.key.id)).toMatchObject({
      status: 'REVOKED',
      revocationReason: 'ROTATED',
      revokedAt: graceEndsAt,
      graceEndsAt,
    });
    expect((await t.gql(Viewer, {}, newSecret, FROM_APP)).status).toBe(200);
  });

  test('the default grace period is 24 hours', async () => {
    const old = await rotatable();
    const res = await t.gql(RotateKeyDefaultGrace, { id: old.key.id }, t.adminKey);
    expect(res.body.errors).toBeUndefined();
    expect((await getKey(old.key.id))?.graceEndsAt).toBe(later(DAY));
    t.clock.advance(DAY - SECOND);
    expect((await t.gql(Viewer, {}, old.secret, FROM_APP)).status).toBe(200);
    t.clock.advance(SECOND);
    expect(codeOf(await t.gql(Viewer, {}, old.secret, FROM_APP))).toBe('KEY_REVOKED');
  });

  test('gracePeriodSeconds 0 ends the old key at once', async () => {
    const old = await rotatable();
    expect((await t.gql(Viewer, {}, old.secret, FROM_APP)).status).toBe(200);
    const res = await t.gql(RotateKey, { id: old.key.id, grace: 0 }, t.adminKey);
    expect(res.body.errors).toBeUndefined();
    const refused = await t.gql(Viewer, {}, old.secret, FROM_APP);
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('KEY_REVOKED');
    expect(await getKey(old.key.id)).toMatchObject({
      status: 'REVOKED',
      revocationReason: 'ROTATED',
      revokedAt: now(),
      replacedBy: { id: res.body.data?.rotateKey?.key.id },
    });
    expect(
      (await t.gql(Viewer, {}, res.body.data?.rotateKey?.secret as string, FROM_APP)).status,
    ).toBe(200);
  });

  test("the grace period never reaches past the old key's own expiresAt", async () => {
    const projectId = await createProject(t);
    const expiresAt = later(2 * HOUR);
    const old = await create({ projectId, scopes: ['products:read'], expiresAt });
    t.clock.advance(HOUR);
    const res = await t.gql(RotateKey, { id: old.key.id, grace: 86_400 }, t.adminKey);
    expect(res.body.errors).toBeUndefined();
    expect((await getKey(old.key.id))?.graceEndsAt).toBe(expiresAt);
    // The replacement keeps the old key's lifetime (2 hours), counted from the rotation.
    expect(res.body.data?.rotateKey?.key.expiresAt).toBe(later(2 * HOUR));
    t.clock.advance(HOUR - 1);
    expect((await t.gql(Viewer, {}, old.secret, FROM_APP)).status).toBe(200);
    t.clock.advance(1);
    const refused = await t.gql(Viewer, {}, old.secret, FROM_APP);
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('KEY_REVOKED');
    expect(
      (await t.gql(Viewer, {}, res.body.data?.rotateKey?.secret as string, FROM_APP)).status,
    ).toBe(200);
  });

  test('rotating a ROTATING key is refused with a message naming its replacement', async () => {
    const old = await rotatable();
    const first = await t.gql(RotateKey, { id: old.key.id, grace: 3600 }, t.adminKey);
    const replacementId = first.body.data?.rotateKey?.key.id as string;
    const again = await t.gql(RotateKey, { id: old.key.id, grace: 3600 }, t.adminKey);
    expect(again.body.data?.rotateKey).toBeNull();
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
    expect(messageOf(again)).toContain(replacementId);
    expect(await listAll({ projectId: old.projectId })).toEqual([replacementId, old.key.id]);
    expect((await getKey(old.key.id))?.replacedBy).toEqual({ id: replacementId });
  });

  test('a negative or over-long grace period is refused with BAD_USER_INPUT', async () => {
    const old = await rotatable();
    for (const grace of [-1, -3600, 30 * 86_400 + 1]) {
      const res = await t.gql(RotateKey, { id: old.key.id, grace }, t.adminKey);
      expect(res.body.data?.rotateKey).toBeNull();
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(messageOf(res)).toContain('gracePeriodSeconds');
    }
    expect((await getKey(old.key.id))?.status).toBe('ACTIVE');
    expect(await listAll({ projectId: old.projectId })).toEqual([old.key.id]);
  });

  test('rotating a revoked or an expired key is refused with BAD_USER_INPUT', async () => {
    const projectId = await createProject(t);
    const revoked = await create({ projectId, scopes: ['products:read'] });
    await t.gql(RevokeKey, { id: revoked.key.id }, t.adminKey);
    const expired = await create({
      projectId,
      scopes: ['products:read'],
      expiresAt: later(SECOND),
    });
    t.clock.advance(SECOND);
    for (const id of [revoked.key.id, expired.key.id]) {
      const res = await t.gql(RotateKey, { id, grace: 60 }, t.adminKey);
      expect(res.body.data?.rotateKey).toBeNull();
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(messageOf(res)).toContain(id);
    }
    expect((await getKey(revoked.key.id))?.replacedBy).toBeNull();
    expect(await listAll({ projectId })).toHaveLength(2);
  });

  test('revoking a ROTATING key ends its grace period at once', async () => {
    const old = await rotatable();
    const rotated = await t.gql(RotateKey, { id: old.key.id, grace: 3600 }, t.adminKey);
    t.clock.advance(SECOND);
    const res = await t.gql(
      RevokeKeyWithReason,
      { id: old.key.id, reason: 'COMPROMISED' },
      t.adminKey,
    );
    expect(res.body.data?.revokeKey).toMatchObject({
      status: 'REVOKED',
      revocationReason: 'COMPROMISED',
      revokedAt: now(),
    });
    expect(codeOf(await t.gql(Viewer, {}, old.secret, FROM_APP))).toBe('KEY_REVOKED');
    expect(
      (await t.gql(Viewer, {}, rotated.body.data?.rotateKey?.secret as string, FROM_APP)).status,
    ).toBe(200);
  });

  test('rotating a missing key answers NOT_FOUND', async () => {
    const res = await t.gql(RotateKey, { id: 'key_0000000000000000000000', grace: 60 }, t.adminKey);
    expect(res.body.data?.rotateKey).toBeNull();
    expect(codeOf(res)).toBe('NOT_FOUND');
  });
});

describe('keys listing', () => {
  /** `n` keys in a fresh project, one second apart, returned oldest first. */
  async function keysInNewProject(n: number) {
    const projectId = await createProject(t);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      t.clock.advance(SECOND);
      ids.push((await create({ projectId, name: `key ${i}`, scopes: ['products:read'] })).key.id);
    }
    return { projectId, ids };
  }

  test('lists newest first', async () => {
    const { projectId, ids } = await keysInNewProject(5);
    const res = await t.gql(ListKeys, { filter: { projectId } }, t.adminKey);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.keys?.edges.map((e) => e.node.id)).toEqual([...ids].reverse());
    expect(res.body.data?.keys?.edges.map((e) => e.node.name)).toEqual([
      'key 4',
      'key 3',
      'key 2',
      'key 1',
      'key 0',
    ]);
    expect(res.body.data?.keys?.pageInfo.hasNextPage).toBe(false);
  });

  const listPage = (projectId: string, after: string | null) =>
    t.gql(ListKeys, { filter: { projectId }, first: 3, after }, t.adminKey);

  test('first/after walks every key exactly once with correct hasNextPage and endCursor', async () => {
    const { projectId, ids } = await keysInNewProject(7);
    const seen: string[] = [];
    const pages: { size: number; hasNextPage: boolean }[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: Awaited<ReturnType<typeof listPage>> = await listPage(projectId, after);
      const conn = res.body.data?.keys;
      if (!conn) throw new Error('keys returned null');
      seen.push(...conn.edges.map((e) => e.node.id));
      pages.push({ size: conn.edges.length, hasNextPage: conn.pageInfo.hasNextPage });
      expect(conn.pageInfo.endCursor).toBe(conn.edges[conn.edges.length - 1]?.cursor);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor ?? null;
    }
    expect(pages).toEqual([
      { size: 3, hasNextPage: true },
      { size: 3, hasNextPage: true },
      { size: 1, hasNextPage: false },
    ]);
    expect(seen).toEqual([...ids].reverse());
  });

  test('a page that ends exactly at the last key says hasNextPage false', async () => {
    const { projectId, ids } = await keysInNewProject(3);
    const res = await t.gql(ListKeys, { filter: { projectId }, first: 3 }, t.adminKey);
    expect(res.body.data?.keys?.edges.map((e) => e.node.id)).toEqual([...ids].reverse());
    expect(res.body.data?.keys?.pageInfo.hasNextPage).toBe(false);
  });

  test('first above 100 or below 0 is refused with BAD_USER_INPUT', async () => {
    for (const first of [101, -1]) {
      const res = await t.gql(ListKeys, { first }, t.adminKey);
      expect(res.status).toBe(200);
      expect(res.body.data?.keys).toBeNull();
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.path).toEqual(['keys']);
    }
    const ok = await t.gql(ListKeys, { first: 100 }, t.adminKey);
    expect(ok.body.errors).toBeUndefined();
  });

  test('an after that is not a cursor the API gave is refused with BAD_USER_INPUT', async () => {
    for (const after of ['garbage', '', 'YWJj', 'not a cursor at all!']) {
      const res = await t.gql(ListKeys, { after }, t.adminKey);
      expect(res.body.data?.keys).toBeNull();
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    }
  });

  test('filters by status: ACTIVE, REVOKED, ROTATING and EXPIRED', async () => {
    const projectId = await createProject(t);
    const active = await create({ projectId, scopes: ['products:read'] });
    t.clock.advance(SECOND);
    const revoked = await create({ projectId, scopes: ['products:read'] });
    await t.gql(RevokeKey, { id: revoked.key.id }, t.adminKey);
    t.clock.advance(SECOND);
    const rotating = await create({ projectId, scopes: ['products:read'] });
    t.clock.advance(SECOND);
    const rotated = await t.gql(RotateKey, { id: rotating.key.id, grace: 3600 }, t.adminKey);
    const replacementId = rotated.body.data?.rotateKey?.key.id as string;
    t.clock.advance(SECOND);
    const expired = await create({
      projectId,
      scopes: ['products:read'],
      expiresAt: later(60_000),
    });
    t.clock.advance(60 * SECOND);
    expect(await listAll({ projectId, status: 'ACTIVE' })).toEqual([replacementId, active.key.id]);
    expect(await listAll({ projectId, status: 'REVOKED' })).toEqual([revoked.key.id]);
    expect(await listAll({ projectId, status: 'ROTATING' })).toEqual([rotating.key.id]);
    expect(await listAll({ projectId, status: 'EXPIRED' })).toEqual([expired.key.id]);
    expect(await listAll({ projectId })).toEqual([
      expired.key.id,
      replacementId,
      rotating.key.id,
      revoked.key.id,
      active.key.id,
    ]);
  });

  test('a status filter still pages correctly when most keys do not match', async () => {
    const { projectId, ids } = await keysInNewProject(6);
    for (const id of [ids[1], ids[2], ids[4]]) {
      await t.gql(RevokeKey, { id: id as string }, t.adminKey);
    }
    expect(await listAll({ projectId, status: 'ACTIVE' }, t.adminKey, 1)).toEqual([
      ids[5],
      ids[3],
      ids[0],
    ]);
    expect(await listAll({ projectId, status: 'REVOKED' }, t.adminKey, 2)).toEqual([
      ids[4],
      ids[2],
      ids[1],
    ]);
  });

  test('filters by kind', async () => {
    const projectId = await createProject(t);
    const secret = await create({ projectId, scopes: ['products:read'] });
    t.clock.advance(SECOND);
    const publishable = await create({
      projectId,
      kind: 'PUBLISHABLE',
      scopes: ['products:read'],
    });
    expect(await listAll({ projectId, kind: 'SECRET' })).toEqual([secret.key.id]);
    expect(await listAll({ projectId, kind: 'PUBLISHABLE' })).toEqual([publishable.key.id]);
    expect(await listAll({ projectId, kind: 'ADMIN' })).toEqual([]);
    const admin = await create({ kind: 'ADMIN', scopes: ['keys:read'] });
    const admins = await listAll({ kind: 'ADMIN' });
    expect(admins).toContain(admin.key.id);
    const viewer = await t.gql(Viewer, {}, t.adminKey);
    expect(admins).toContain(viewer.body.data?.viewer.key.id);
    for (const id of admins) expect((await getKey(id))?.kind).toBe('ADMIN');
  });

  test('filters by projectId, and a project key sees only its own project', async () => {
    const a = await keysInNewProject(2);
    const b = await keysInNewProject(2);
    expect(await listAll({ projectId: a.projectId })).toEqual([...a.ids].reverse());
    expect(await listAll({ projectId: b.projectId })).toEqual([...b.ids].reverse());
    const reader = await create({ projectId: a.projectId, scopes: ['keys:read'] });
    const own = await listAll({}, reader.secret);
    expect(own).toEqual([reader.key.id, ...[...a.ids].reverse()]);
    expect(await listAll({ projectId: b.projectId }, reader.secret)).toEqual([]);
    expect(await getKey(b.ids[0] as string, reader.secret)).toBeNull();
  });

  test("dueForRotation lists ACTIVE keys older than the project's maxKeyAgeDays", async () => {
    const created = await t.gql(
      CreateProjectWithPolicy,
      {
        input: {
          name: 'rotation policy',
          allowedScopes: ['products:read', 'keys:read'],
          rotationPolicy: { maxKeyAgeDays: 30, enforce: false },
        },
      },
      t.adminKey,
    );
    expect(created.body.data?.createProject?.rotationPolicy).toEqual({
      maxKeyAgeDays: 30,
      enforce: false,
    });
    const projectId = created.body.data?.createProject?.id as string;
    const noPolicy = await createProject(t);
    const oldKey = await create({ projectId, scopes: ['products:read'] });
    const oldNoPolicy = await create({ projectId: noPolicy, scopes: ['products:read'] });
    t.clock.advance(SECOND);
    const oldRevoked = await create({ projectId, scopes: ['products:read'] });
    await t.gql(RevokeKey, { id: oldRevoked.key.id }, t.adminKey);
    t.clock.advance(29 * DAY);
    expect(await listAll({ projectId, dueForRotation: true })).toEqual([]);
    t.clock.advance(2 * DAY);
    const young = await create({ projectId, scopes: ['products:read'] });
    expect(await listAll({ projectId, dueForRotation: true })).toEqual([oldKey.key.id]);
    expect(await listAll({ projectId, dueForRotation: false })).toEqual([
      young.key.id,
      oldRevoked.key.id,
    ]);
    expect(await listAll({ projectId: noPolicy, dueForRotation: true })).toEqual([]);
    expect(await listAll({ projectId: noPolicy })).toEqual([oldNoPolicy.key.id]);
    const due = await listAll({ dueForRotation: true });
    expect(due).toContain(oldKey.key.id);
    expect(due).not.toContain(oldNoPolicy.key.id);
    expect(due).not.toContain(young.key.id);
  });
});
