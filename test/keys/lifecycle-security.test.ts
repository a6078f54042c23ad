import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateKey } from '../../src/keys/key-format.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Viewer = graphql(`
  query LifecycleViewer {
    viewer {
      key {
        id
        status
        enabled
      }
    }
  }
`);

const CreateKeyFull = graphql(`
  mutation LifecycleCreateKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      secret
      warnings
      key {
        id
        allowedIps
        allowedOrigins
      }
    }
  }
`);

const UpdateKey = graphql(`
  mutation LifecycleUpdateKey($id: ID!, $input: UpdateKeyInput!) {
    updateKey(id: $id, input: $input) {
      status
      enabled
      allowedIps
      allowedOrigins
    }
  }
`);

const CreatePolicyProject = graphql(`
  mutation LifecyclePolicyProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

const Report = graphql(`
  mutation LifecycleReport($id: ID!) {
    reportCompromisedKey(id: $id) {
      revokedKey {
        id
        status
        revocationReason
        replacedBy {
          id
        }
      }
      replacement {
        secret
        key {
          id
          name
          scopes
          rotatedFrom {
            id
          }
        }
      }
      recentRequests {
        ip
        outcome
      }
      distinctIps
    }
  }
`);

const Leaked = graphql(`
  mutation LifecycleLeaked($secrets: [String!]!) {
    revokeLeakedKeys(secrets: $secrets) {
      index
      outcome
      keyId
      projectId
      hint
    }
  }
`);

const Audit = graphql(`
  query LifecycleAudit($targetId: ID!) {
    auditLog(filter: { targetId: $targetId }) {
      edges {
        node {
          action
        }
      }
    }
  }
`);

const DAY = 86_400_000;
const codeOf = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) =>
  res.body.errors?.[0]?.extensions?.code;

let t: TestServer;
let projectId: string;
beforeAll(async () => {
  t = await startTestServer({ env: { KEYGATE_TRUST_PROXY: 'true' } });
  projectId = await createProject(t, { plan: 'PRO' });
});
afterAll(() => t.close());

describe('expiry and Sunset', () => {
  test('Sunset appears exactly in the 7 days before expiry; at expiry the key answers KEY_EXPIRED', async () => {
    const expiresAt = new Date(t.clock.now().getTime() + 10 * DAY);
    const { secret } = await createKey(t, {
      projectId,
      scopes: ['products:read'],
      expiresAt: expiresAt.toISOString(),
    });
    expect((await t.gql(Viewer, {}, secret)).headers.get('sunset')).toBeNull();
    t.clock.advance(3 * DAY - 1000);
    expect((await t.gql(Viewer, {}, secret)).headers.get('sunset')).toBeNull();
    t.clock.advance(1000);
    const warned = await t.gql(Viewer, {}, secret);
    expect(warned.status).toBe(200);
    expect(warned.headers.get('sunset')).toBe(expiresAt.toUTCString());
    t.clock.advance(7 * DAY - 1);
    expect((await t.gql(Viewer, {}, secret)).headers.get('sunset')).toBe(expiresAt.toUTCString());
    t.clock.advance(1);
    const expired = await t.gql(Viewer, {}, secret);
    expect(expired.status).toBe(401);
    expect(codeOf(expired)).toBe('KEY_EXPIRED');
  });
});

describe('rotation policy', () => {
  test('enforce: a key older than maxKeyAgeDays is warned with Sunset for 7 days, then answers KEY_EXPIRED naming the policy', async () => {
    const created = await t.gql(
      CreatePolicyProject,
      {
        input: {
          name: 'strict',
          plan: 'PRO',
          allowedScopes: ['products:read'],
          rotationPolicy: { maxKeyAgeDays: 30, enforce: true },
        },
      },
      t.adminKey,
    );
    const strict = created.body.data?.createProject?.id as string;
    const born = t.clock.now().getTime();
    const { secret } = await createKey(t, { projectId: strict, scopes: ['products:read'] });
    const due = new Date(born + 30 * DAY);
    t.clock.advance(22 * DAY);
    expect((await t.gql(Viewer, {}, secret)).headers.get('sunset')).toBeNull();
    t.clock.advance(1 * DAY);
    const warned = await t.gql(Viewer, {}, secret);
    expect(warned.status).toBe(200);
    expect(warned.headers.get('sunset')).toBe(due.toUTCString());
    t.clock.set(due);
    const refused = await t.gql(Viewer, {}, secret);
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('KEY_EXPIRED');
    expect(refused.body.errors?.[0]?.message).toBe(
      `this API key is older than the 30 days project "${strict}"'s rotation policy allows; rotate it (rotateKey) and use the replacement`,
    );
  });

  test('without enforce, an old key keeps working and gets no Sunset', async () => {
    const created = await t.gql(
      CreatePolicyProject,
      {
        input: {
          name: 'lenient',
          allowedScopes: ['products:read'],
          rotationPolicy: { maxKeyAgeDays: 1, enforce: false },
        },
      },
      t.adminKey,
    );
    const lenient = created.body.data?.createProject?.id as string;
    const { secret } = await createKey(t, { projectId: lenient, scopes: ['products:read'] });
    t.clock.advance(5 * DAY);
    const res = await t.gql(Viewer, {}, secret);
    expect(res.status).toBe(200);
    expect(res.headers.get('sunset')).toBeNull();
  });
});

describe('disable without revoking', () => {
  test('a disabled key answers 401 KEY_DISABLED until enabled again; both changes are audited', async () => {
    const { id, secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    const off = await t.gql(UpdateKey, { id, input: { enabled: false } }, t.adminKey);
    expect(off.body.data?.updateKey).toMatchObject({ status: 'DISABLED', enabled: false });
    const refused = await t.gql(Viewer, {}, secret);
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('KEY_DISABLED');
    expect(refused.headers.get('www-authenticate')).toContain('ApiKey');
    const on = await t.gql(UpdateKey, { id, input: { enabled: true } }, t.adminKey);
    expect(on.body.data?.updateKey).toMatchObject({ status: 'ACTIVE', enabled: true });
    const back = await t.gql(Viewer, {}, secret);
    expect(back.body.data?.viewer.key).toEqual({ id, status: 'ACTIVE', enabled: true });
    const audit = await t.gql(Audit, { targetId: id }, t.adminKey);
    expect(audit.body.data?.auditLog?.edges.map((e) => e.node.action)).toEqual([
      'key.enabled',
      'key.disabled',
      'key.created',
    ]);
  });
});

describe('restrictions', () => {
  async function restricted(input: { allowedIps?: string[]; allowedOrigins?: string[] }) {
    const res = await t.gql(
      CreateKeyFull,
      { input: { projectId, name: 'restricted', scopes: ['products:read'], ...input } },
      t.adminKey,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data?.createKey as NonNullable<NonNullable<typeof res.body.data>['createKey']>;
  }

  test('allowedIps: IPv4 and IPv6 CIDRs; other addresses get 403 ORIGIN_NOT_ALLOWED', async () => {
    const key = await restricted({ allowedIps: ['203.0.113.0/24', '2001:DB8::/32'] });
    expect(key.key.allowedIps).toEqual(['203.0.113.0/24', '2001:db8:0:0:0:0:0:0/32']);
    const from = (ip: string) => t.gql(Viewer, {}, key.secret, { 'x-forwarded-for': ip });
    expect((await from('203.0.113.200')).status).toBe(200);
    expect((await from('2001:db8:ffff::1')).status).toBe(200);
    const v4 = await from('198.51.100.1');
    expect(v4.status).toBe(403);
    expect(codeOf(v4)).toBe('ORIGIN_NOT_ALLOWED');
    expect(v4.body.errors?.[0]?.message).toBe(
      "this API key may not be used from 198.51.100.1: it is not in the key's allowedIps",
    );
    expect((await from('2001:db9::1')).status).toBe(403);
  });

  test('allowedOrigins: exact and wildcard origins, Origin first then Referer; evil-example.com does not match', async () => {
    const key = await restricted({
      allowedOrigins: ['https://app.example.com', 'https://*.example.com', 'http://localhost:3000'],
    });
    const send = (headers: Record<string, string>) => t.gql(Viewer, {}, key.secret, headers);
    expect((await send({ origin: 'https://app.example.com' })).status).toBe(200);
    expect((await send({ origin: 'https://a.b.example.com' })).status).toBe(200);
    expect((await send({ origin: 'http://localhost:3000' })).status).toBe(200);
    expect((await send({ referer: 'https://shop.example.com/cart?x=1' })).status).toBe(200);
    for (const origin of [
      'https://evil-example.com',
      'https://example.com.evil.com',
      'http://app.example.com',
      'https://example.com',
      'http://localhost:3001',
    ]) {
      const res = await send({ origin });
      expect(res.status, origin).toBe(403);
      expect(codeOf(res)).toBe('ORIGIN_NOT_ALLOWED');
    }
    const none = await send({});
    expect(none.status).toBe(403);
    expect(none.body.errors?.[0]?.message).toBe(
      'this API key may only be used from its allowedOrigins, and the request has no Origin or Referer',
    );
  });

  test('bad entries are refused with BAD_USER_INPUT naming them; updateKey changes apply on the next request', async () => {
    for (const input of [
      { allowedIps: ['10.0.0.0/33'] },
      { allowedIps: ['not-an-ip'] },
      { allowedOrigins: ['https://app.example.com/path'] },
      { allowedOrigins: ['ftp://example.com'] },
      { allowedOrigins: ['https://*'] },
    ]) {
      const res = await t.gql(
        CreateKeyFull,
        { input: { projectId, name: 'bad', scopes: ['products:read'], ...input } },
        t.adminKey,
      );
      expect(codeOf(res), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    const key = await restricted({ allowedIps: ['203.0.113.1'] });
    const from = () => t.gql(Viewer, {}, key.secret, { 'x-forwarded-for': '198.51.100.9' });
    expect((await from()).status).toBe(403);
    await t.gql(
      UpdateKey,
      { id: key.key.id, input: { allowedIps: ['198.51.100.0/24'] } },
      t.adminKey,
    );
    expect((await from()).status).toBe(200);
  });

  test('a PUBLISHABLE key without allowedOrigins gets a warning in the createKey payload', async () => {
    const open = await t.gql(
      CreateKeyFull,
      { input: { projectId, name: 'web', kind: 'PUBLISHABLE', scopes: ['products:read'] } },
      t.adminKey,
    );
    expect(open.body.data?.createKey?.warnings).toEqual([
      'this PUBLISHABLE key has no allowedOrigins: any website can use it; set allowedOrigins to the origins of your frontends',
    ]);
    const closed = await t.gql(
      CreateKeyFull,
      {
        input: {
          projectId,
          name: 'web',
          kind: 'PUBLISHABLE',
          scopes: ['products:read'],
          allowedOrigins: ['https://shop.example.com'],
        },
      },
      t.adminKey,
    );
    expect(closed.body.data?.createKey?.warnings).toEqual([]);
  });
});

describe('compromise response', () => {
  test('reportCompromisedKey revokes at once, issues a working replacement and shows where the key was used', async () => {
    const { id, secret } = await createKey(t, {
      projectId,
      name: 'leaky',
      scopes: ['products:read'],
    });
    for (const ip of ['203.0.113.5', '198.51.100.23', '203.0.113.5']) {
      expect((await t.gql(Viewer, {}, secret, { 'x-forwarded-for': ip })).status).toBe(200);
    }
    const res = await t.gql(Report, { id }, t.adminKey);
    expect(res.body.errors).toBeUndefined();
    const report = res.body.data?.reportCompromisedKey;
    if (!report) throw new Error('no report');
    const replacementId = report.replacement.key.id;
    expect(report.revokedKey).toEqual({
      id,
      status: 'REVOKED',
      revocationReason: 'COMPROMISED',
      replacedBy: { id: replacementId },
    });
    expect(report.replacement.key).toEqual({
      id: replacementId,
      name: 'leaky',
      scopes: ['products:read'],
      rotatedFrom: { id },
    });
    expect(report.distinctIps).toEqual(['198.51.100.23', '203.0.113.5']);
    expect(report.recentRequests).toEqual([
      { ip: '203.0.113.5', outcome: 'OK' },
      { ip: '198.51.100.23', outcome: 'OK' },
      { ip: '203.0.113.5', outcome: 'OK' },
    ]);
    const dead = await t.gql(Viewer, {}, secret);
    expect(dead.status).toBe(401);
    expect(codeOf(dead)).toBe('KEY_REVOKED');
    expect((await t.gql(Viewer, {}, report.replacement.secret)).status).toBe(200);
    // A revoked key cannot be reported again.
    expect(codeOf(await t.gql(Report, { id }, t.adminKey))).toBe('BAD_USER_INPUT');
  });
});

describe('leak intake', () => {
  test('revokeLeakedKeys revokes live keys of any project, says per position what each string was, and never echoes a secret', async () => {
    const other = await createProject(t, { name: 'Second' });
    const a = await createKey(t, { projectId, scopes: ['products:read'] });
    const b = await createKey(t, { projectId: other, scopes: ['products:read'] });
    const unknown = generateKey('SECRET', 'LIVE');
    const secrets = ['hello world', a.secret, unknown, b.secret, a.secret];
    const res = await t.gql(Leaked, { secrets }, t.adminKey);
    expect(res.body.data?.revokeLeakedKeys).toEqual([
      { index: 0, outcome: 'NOT_A_KEY', keyId: null, projectId: null, hint: null },
      {
        index: 1,
        outcome: 'REVOKED',
        keyId: a.id,
        projectId,
        hint: `kg_sk_live_…${a.secret.slice(-4)}`,
      },
      { index: 2, outcome: 'UNKNOWN_KEY', keyId: null, projectId: null, hint: null },
      {
        index: 3,
        outcome: 'REVOKED',
        keyId: b.id,
        projectId: other,
        hint: `kg_sk_live_…${b.secret.slice(-4)}`,
      },
      {
        index: 4,
        outcome: 'ALREADY_REVOKED',
        keyId: a.id,
        projectId,
        hint: `kg_sk_live_…${a.secret.slice(-4)}`,
      },
    ]);
    const body = JSON.stringify(res.body);
    for (const secret of [a.secret, b.secret, unknown]) expect(body).not.toContain(secret);
    expect(codeOf(await t.gql(Viewer, {}, a.secret))).toBe('KEY_REVOKED');
    expect(codeOf(await t.gql(Viewer, {}, b.secret))).toBe('KEY_REVOKED');
    const audit = await t.gql(Audit, { targetId: b.id }, t.adminKey);
    expect(audit.body.data?.auditLog?.edges[0]?.node.action).toBe('key.leaked');
  });

  test('only admin keys may call it', async () => {
    const writer = await createKey(t, { projectId, scopes: ['keys:write', 'keys:read'] });
    const res = await t.gql(Leaked, { secrets: ['x'] }, writer.secret);
    expect(res.body.data?.revokeLeakedKeys).toBeNull();
    expect(codeOf(res)).toBe('FORBIDDEN');
  });
});
