import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditFilter } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject, LEDGER_SCOPES } from '../helpers/fixtures.js';
import { type GqlResponse, startTestServer, type TestServer } from '../helpers/test-server.js';

const AuditLog = graphql(`
  query AuditLogList($filter: AuditFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          at
          actorKeyId
          action
          targetId
          projectId
          ip
          details
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const AuditLogWithViewer = graphql(`
  query AuditLogWithViewer {
    viewer {
      key {
        id
      }
    }
    auditLog {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const Viewer = graphql(`
  query AuditViewer {
    viewer {
      key {
        id
      }
    }
  }
`);

const CreateProject = graphql(`
  mutation AuditCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

const UpdateProject = graphql(`
  mutation AuditUpdateProject($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      id
    }
  }
`);

const CreateKey = graphql(`
  mutation AuditCreateKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      secret
      key {
        id
        hint
      }
    }
  }
`);

const UpdateKey = graphql(`
  mutation AuditUpdateKey($id: ID!, $input: UpdateKeyInput!) {
    updateKey(id: $id, input: $input) {
      id
    }
  }
`);

const RevokeKey = graphql(`
  mutation AuditRevokeKey($id: ID!, $reason: RevocationReason!) {
    revokeKey(id: $id, reason: $reason) {
      id
    }
  }
`);

const RotateKey = graphql(`
  mutation AuditRotateKey($id: ID!, $grace: Int!) {
    rotateKey(id: $id, gracePeriodSeconds: $grace) {
      secret
      key {
        id
      }
    }
  }
`);

const ALL_PROJECT_SCOPES = [
  ...LEDGER_SCOPES,
  'keys:read',
  'keys:write',
  'projects:read',
  'projects:write',
  'audit:read',
];
const SECOND = 1000;
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$/;
const HEX_DIGEST = /[0-9a-fA-F]{64}/;

let t: TestServer;
let adminKeyId: string;
beforeAll(async () => {
  t = await startTestServer();
  const res = await t.gql(Viewer, {}, t.adminKey);
  adminKeyId = res.body.data?.viewer.key.id as string;
});
afterAll(() => t.close());

const codeOf = (res: GqlResponse<unknown>) => res.body.errors?.[0]?.extensions?.code;
const at = (offsetMs = 0) => new Date(t.clock.now().getTime() + offsetMs).toISOString();

/** Moves the clock on a second and returns the new "now": events after it are this step's. */
function nextStep(): string {
  t.clock.advance(SECOND);
  return at();
}

type AuditNode = {
  id: string;
  at: string;
  actorKeyId?: string | null;
  action: string;
  targetId?: string | null;
  projectId?: string | null;
  ip?: string | null;
  details?: unknown;
};

/** Every audit event matching the filter, newest first, walking all pages. */
async function events(
  filter: AuditFilter = {},
  as: string = t.adminKey,
  first = 100,
): Promise<AuditNode[]> {
  const out: AuditNode[] = [];
  let after: string | null = null;
  for (;;) {
    const res: GqlResponse<{
      auditLog?: {
        edges: { node: AuditNode }[];
        pageInfo: { hasNextPage: boolean; endCursor?: string | null };
      } | null;
    }> = await t.gql(AuditLog, { filter, first, after }, as);
    expect(res.body.errors).toBeUndefined();
    const conn = res.body.data?.auditLog;
    if (!conn) throw new Error('auditLog returned null');
    out.push(...conn.edges.map((e) => e.node));
    if (!conn.pageInfo.hasNextPage) return out;
    after = conn.pageInfo.endCursor ?? null;
  }
}

/** The single event written since `from`; fails unless there is exactly one. */
async function onlyEventSince(from: string): Promise<AuditNode> {
  const list = await events({ from });
  expect(list.map((e) => e.action)).toHaveLength(1);
  return list[0] as AuditNode;
}

function expectNoSecrets(details: unknown, secrets: string[]) {
  const text = JSON.stringify(details);
  for (const s of secrets) expect(text).not.toContain(s);
  expect(text).not.toMatch(HEX_DIGEST);
}

async function projectKey(scopes: string[]) {
  const projectId = await createProject(t, { allowedScopes: ALL_PROJECT_SCOPES });
  const key = await createKey(t, { projectId, scopes });
  return { projectId, ...key };
}

describe('every management mutation writes exactly one audit event', () => {
  test('createProject writes project.created with the new project as after', async () => {
    const from = nextStep();
    const res = await t.gql(
      CreateProject,
      {
        input: {
          name: 'Audited',
          plan: 'PRO',
          region: 'eu-west',
          allowedScopes: ['products:write', 'keys:read', 'products:read'],
          rotationPolicy: { maxKeyAgeDays: 90, enforce: true },
        },
      },
      t.adminKey,
    );
    const projectId = res.body.data?.createProject?.id as string;
    const event = await onlyEventSince(from);
    expect(event).toEqual({
      id: event.id,
      at: from,
      actorKeyId: adminKeyId,
      action: 'project.created',
      targetId: projectId,
      projectId,
      ip: event.ip,
      details: {
        after: {
          name: 'Audited',
          plan: 'PRO',
          region: 'eu-west',
          allowedScopes: ['keys:read', 'products:read', 'products:write'],
          rotationPolicy: { maxKeyAgeDays: 90, enforce: true },
          alertPolicy: { autoSuspend: false, minSeverity: 'HIGH' },
        },
      },
    });
    expect(event.id).toMatch(/^aud_/);
    expect(event.ip).toMatch(LOOPBACK);
  });

  test('updateProject writes project.updated with before and after', async () => {
    const projectId = await createProject(t, { name: 'Before', allowedScopes: ['products:read'] });
    const from = nextStep();
    const res = await t.gql(
      UpdateProject,
      { id: projectId, input: { name: 'After', plan: 'ENTERPRISE' } },
      t.adminKey,
    );
    expect(res.body.errors).toBeUndefined();
    const event = await onlyEventSince(from);
    expect(event).toMatchObject({
      action: 'project.updated',
      actorKeyId: adminKeyId,
      targetId: projectId,
      projectId,
      at: from,
      details: {
        before: { name: 'Before', plan: 'FREE', allowedScopes: ['products:read'] },
        after: { name: 'After', plan: 'ENTERPRISE', allowedScopes: ['products:read'] },
      },
    });
    expect(event.ip).toMatch(LOOPBACK);
  });

  test('updateProject by a project key names that key as the actor', async () => {
    const caller = await projectKey(['projects:write']);
    const from = nextStep();
    await t.gql(
      UpdateProject,
      { id: caller.projectId, input: { rotationPolicy: { maxKeyAgeDays: 30, enforce: false } } },
      caller.secret,
    );
    const event = await onlyEventSince(from);
    expect(event).toMatchObject({
      action: 'project.updated',
      actorKeyId: caller.id,
      targetId: caller.projectId,
      projectId: caller.projectId,
      details: {
        before: { rotationPolicy: null },
        after: { rotationPolicy: { maxKeyAgeDays: 30, enforce: false } },
      },
    });
  });

  test('createKey writes key.created with the key as after, its hint but never its secret', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    const from = nextStep();
    const res = await t.gql(
      CreateKey,
      { input: { name: 'audited key', scopes: ['products:read'], metadata: { a: 1 } } },
      caller.secret,
    );
    const created = res.body.data?.createKey;
    if (!created) throw new Error('createKey failed');
    const event = await onlyEventSince(from);
    expect(event).toMatchObject({
      action: 'key.created',
      actorKeyId: caller.id,
      targetId: created.key.id,
      projectId: caller.projectId,
      at: from,
      details: {
        after: {
          name: 'audited key',
          kind: 'SECRET',
          environment: 'LIVE',
          hint: created.key.hint,
          scopes: ['products:read'],
          metadata: { a: 1 },
        },
      },
    });
    expect(event.ip).toMatch(LOOPBACK);
    expect(event.details).not.toHaveProperty('before');
    expectNoSecrets(event.details, [created.secret, caller.secret]);
  });

  test('creating an ADMIN key writes key.created without a project', async () => {
    const from = nextStep();
    const res = await t.gql(
      CreateKey,
      { input: { name: 'ops admin', kind: 'ADMIN', scopes: ['keys:read'] } },
      t.adminKey,
    );
    const created = res.body.data?.createKey;
    if (!created) throw new Error('createKey failed');
    const event = await onlyEventSince(from);
    expect(event).toMatchObject({
      action: 'key.created',
      actorKeyId: adminKeyId,
      targetId: created.key.id,
      projectId: null,
    });
    expectNoSecrets(event.details, [created.secret, t.adminKey]);
  });

  test('updateKey writes key.updated with before and after', async () => {
    const { projectId, id, secret } = await projectKey(['products:read', 'customers:read']);
    const from = nextStep();
    await t.gql(
      UpdateKey,
      { id, input: { name: 'renamed', scopes: ['products:read'] } },
      t.adminKey,
    );
    const event = await onlyEventSince(from);
    expect(event).toMatchObject({
      action: 'key.updated',
      actorKeyId: adminKeyId,
      targetId: id,
      projectId,
      at: from,
      details: {
        before: { name: 'test key', scopes: ['customers:read', 'products:read'] },
        after: { name: 'renamed', scopes: ['products:read'] },
      },
    });
    expect(event.ip).toMatch(LOOPBACK);
    expectNoSecrets(event.details, [secret]);
  });

  test('revokeKey writes key.revoked with the reason, before and after', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    const victim = await createKey(t, { projectId: caller.projectId, scopes: ['products:read'] });
    const from = nextStep();
    await t.gql(RevokeKey, { id: victim.id, reason: 'COMPROMISED' }, caller.secret);
    const event = await onlyEventSince(from);
    expect(event).toMatchObject({
      action: 'key.revoked',
      actorKeyId: caller.id,
      targetId: victim.id,
      projectId: caller.projectId,
      at: from,
      details: {
        reason: 'COMPROMISED',
        before: { revokedAt: null, revocationReason: null },
        after: { revokedAt: from, revocationReason: 'COMPROMISED' },
      },
    });
    expect(event.ip).toMatch(LOOPBACK);
    expectNoSecrets(event.details, [victim.secret, caller.secret]);
  });

  test('rotateKey writes one key.rotated event naming the replacement, and no key.created', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    const old = await createKey(t, { projectId: caller.projectId, scopes: ['products:read'] });
    const from = nextStep();
    const res = await t.gql(RotateKey, { id: old.id, grace: 600 }, caller.secret);
    const rotated = res.body.data?.rotateKey;
    if (!rotated) throw new Error('rotateKey failed');
    const event = await onlyEventSince(from);
    expect(event).toMatchObject({
      action: 'key.rotated',
      actorKeyId: caller.id,
      targetId: old.id,
      projectId: caller.projectId,
      at: from,
      details: { replacementId: rotated.key.id, graceEndsAt: at(600 * SECOND) },
    });
    expect(event.ip).toMatch(LOOPBACK);
    expectNoSecrets(event.details, [old.secret, rotated.secret, caller.secret]);
  });

  test('the bootstrap admin key was recorded as created by the system, with no actor', async () => {
    const created = await events({ targetId: adminKeyId });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      action: 'key.created',
      actorKeyId: null,
      targetId: adminKeyId,
      projectId: null,
      ip: null,
      details: { after: { kind: 'ADMIN', name: 'bootstrap admin key' } },
    });
    expectNoSecrets(created[0]?.details, [t.adminKey]);
  });

  test('a refused mutation writes no audit event', async () => {
    const caller = await projectKey(['keys:write', 'products:read', 'projects:write']);
    const from = nextStep();
    const refused = [
      await t.gql(CreateKey, { input: { name: '', scopes: ['products:read'] } }, caller.secret),
      await t.gql(CreateKey, { input: { name: 'x', scopes: ['invoices:read'] } }, caller.secret),
      await t.gql(UpdateProject, { id: caller.projectId, input: { plan: 'PRO' } }, caller.secret),
      await t.gql(
        RevokeKey,
        { id: 'key_0000000000000000000000', reason: 'UNSPECIFIED' },
        caller.secret,
      ),
      await t.gql(RotateKey, { id: caller.id, grace: -1 }, caller.secret),
    ];
    for (const res of refused) expect(res.body.errors).toHaveLength(1);
    expect(await events({ from })).toEqual([]);
  });
});

describe('auditLog', () => {
  /** A project with four events one second apart: created, key.created, key.updated, key.revoked. */
  async function projectHistory() {
    nextStep();
    const projectId = await createProject(t, { allowedScopes: ALL_PROJECT_SCOPES });
    nextStep();
    const key = await createKey(t, { projectId, scopes: ['products:read'] });
    nextStep();
    await t.gql(UpdateKey, { id: key.id, input: { name: 'renamed' } }, t.adminKey);
    nextStep();
    await t.gql(RevokeKey, { id: key.id, reason: 'NO_LONGER_NEEDED' }, t.adminKey);
    return { projectId, keyId: key.id, end: at() };
  }

  test('lists events newest first', async () => {
    const { projectId, keyId, end } = await projectHistory();
    const list = await events({ projectId });
    expect(list.map((e) => e.action)).toEqual([
      'key.revoked',
      'key.updated',
      'key.created',
      'project.created',
    ]);
    expect(list.map((e) => e.targetId)).toEqual([keyId, keyId, keyId, projectId]);
    expect(list.map((e) => e.at)).toEqual([end, at(-SECOND), at(-2 * SECOND), at(-3 * SECOND)]);
  });

  test('first/after walks every event exactly once with correct hasNextPage and endCursor', async () => {
    const { projectId } = await projectHistory();
    const all = (await events({ projectId })).map((e) => e.id);
    expect(all).toHaveLength(4);
    const seen: string[] = [];
    const pages: boolean[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res: GqlResponse<{
        auditLog?: {
          edges: { cursor: string; node: { id: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor?: string | null };
        } | null;
      }> = await t.gql(AuditLog, { filter: { projectId }, first: 3, after }, t.adminKey);
      const conn = res.body.data?.auditLog;
      if (!conn) throw new Error('auditLog returned null');
      seen.push(...conn.edges.map((e) => e.node.id));
      pages.push(conn.pageInfo.hasNextPage);
      expect(conn.pageInfo.endCursor).toBe(conn.edges[conn.edges.length - 1]?.cursor);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor ?? null;
    }
    expect(pages).toEqual([true, false]);
    expect(seen).toEqual(all);
    expect((await events({ projectId }, t.adminKey, 1)).map((e) => e.id)).toEqual(all);
  });

  test('a bad page size or a garbage cursor is refused with BAD_USER_INPUT', async () => {
    for (const variables of [{ first: 101 }, { first: -1 }, { after: 'garbage' }, { after: '' }]) {
      const res = await t.gql(AuditLog, variables, t.adminKey);
      expect(res.status).toBe(200);
      expect(res.body.data?.auditLog).toBeNull();
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.path).toEqual(['auditLog']);
    }
  });

  test('filters by action, targetId and actorKeyId', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    nextStep();
    const mine = await createKey(t, { scopes: ['products:read'] }, caller.secret);
    nextStep();
    await t.gql(UpdateKey, { id: mine.id, input: { name: 'mine' } }, caller.secret);
    nextStep();
    const projectId = caller.projectId;
    expect((await events({ projectId, action: 'key.created' })).map((e) => e.targetId)).toEqual([
      mine.id,
      caller.id,
    ]);
    expect((await events({ targetId: mine.id })).map((e) => e.action)).toEqual([
      'key.updated',
      'key.created',
    ]);
    const byCaller = await events({ actorKeyId: caller.id });
    expect(byCaller.map((e) => e.action)).toEqual(['key.updated', 'key.created']);
    const byAdmin = await events({ projectId, actorKeyId: adminKeyId });
    expect(byAdmin.map((e) => e.action)).toEqual(['key.created', 'project.created']);
    expect(await events({ projectId, action: 'key.rotated' })).toEqual([]);
    expect(await events({ targetId: 'key_0000000000000000000000' })).toEqual([]);
  });

  test('filters by a from/to time window', async () => {
    const { projectId, keyId } = await projectHistory();
    const created = at(-2 * SECOND);
    const around = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
    const window = await events({
      projectId,
      from: around(created, -SECOND / 2),
      to: around(created, SECOND / 2),
    });
    expect(window.map((e) => [e.action, e.targetId])).toEqual([['key.created', keyId]]);
    expect(
      (await events({ projectId, from: around(created, -SECOND / 2) })).map((e) => e.action),
    ).toEqual(['key.revoked', 'key.updated', 'key.created']);
    expect(
      (await events({ projectId, to: around(created, SECOND / 2) })).map((e) => e.action),
    ).toEqual(['key.created', 'project.created']);
    expect(await events({ projectId, from: at(SECOND) })).toEqual([]);
  });

  test('needs audit:read: without it the field is FORBIDDEN and its siblings still resolve', async () => {
    const caller = await projectKey(['keys:write', 'keys:read', 'projects:read']);
    const res = await t.gql(AuditLogWithViewer, {}, caller.secret);
    expect(res.status).toBe(200);
    expect(res.body.data?.viewer.key.id).toBe(caller.id);
    expect(res.body.data?.auditLog).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0]?.path).toEqual(['auditLog']);
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.body.errors?.[0]?.extensions?.requiredScopes).toEqual(['audit:read']);
  });

  test("a project key sees only its own project's events", async () => {
    const a = await projectHistory();
    const b = await projectHistory();
    const reader = await createKey(t, { projectId: a.projectId, scopes: ['audit:read'] });
    const seen = await events({}, reader.secret);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    for (const e of seen) expect(e.projectId).toBe(a.projectId);
    expect(seen.map((e) => e.action)).toEqual([
      'key.created',
      'key.revoked',
      'key.updated',
      'key.created',
      'project.created',
    ]);
    expect(await events({ projectId: a.projectId }, reader.secret)).toEqual(seen);
    expect(await events({ projectId: b.projectId }, reader.secret)).toEqual([]);
    expect(await events({ targetId: b.keyId }, reader.secret)).toEqual([]);
    expect(await events({ targetId: b.projectId }, reader.secret)).toEqual([]);
    expect(
      (await events({ actorKeyId: adminKeyId }, reader.secret)).every(
        (e) => e.projectId === a.projectId,
      ),
    ).toBe(true);
    expect(await events({ projectId: b.projectId })).toHaveLength(4);
  });

  test('no audit event anywhere contains a secret or a 64-hex digest', async () => {
    const caller = await projectKey(['keys:write', 'products:read', 'audit:read']);
    const secrets = [t.adminKey, caller.secret];
    const made = await createKey(t, { scopes: ['products:read'] }, caller.secret);
    secrets.push(made.secret);
    const rotated = await t.gql(RotateKey, { id: made.id, grace: 0 }, caller.secret);
    secrets.push(rotated.body.data?.rotateKey?.secret as string);
    await t.gql(UpdateKey, { id: caller.id, input: { metadata: { x: 'y' } } }, caller.secret);
    await t.gql(RevokeKey, { id: made.id, reason: 'POLICY' }, caller.secret);
    const all = await events();
    expect(all.length).toBeGreaterThan(4);
    for (const e of all) {
      const text = JSON.stringify(e);
      for (const s of secrets) {
        expect(text).not.toContain(s);
        expect(text).not.toContain(s.slice(-20));
      }
      expect(text).not.toMatch(HEX_DIGEST);
    }
  });
});
