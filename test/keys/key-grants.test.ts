import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CreateKeyInput } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject, LEDGER_SCOPES } from '../helpers/fixtures.js';
import { type GqlResponse, startTestServer, type TestServer } from '../helpers/test-server.js';

const CreateKey = graphql(`
  mutation KeyGrantCreate($input: CreateKeyInput!) {
    createKey(input: $input) {
      secret
      key {
        id
        kind
        scopes
        project {
          id
        }
      }
    }
  }
`);

const UpdateKey = graphql(`
  mutation KeyGrantUpdate($id: ID!, $input: UpdateKeyInput!) {
    updateKey(id: $id, input: $input) {
      id
      scopes
    }
  }
`);

const RotateKey = graphql(`
  mutation KeyGrantRotate($id: ID!) {
    rotateKey(id: $id, gracePeriodSeconds: 60) {
      secret
      key {
        id
        scopes
      }
    }
  }
`);

const GetKey = graphql(`
  query KeyGrantGet($id: ID!) {
    key(id: $id) {
      id
      scopes
      status
      replacedBy {
        id
      }
    }
  }
`);

const KeysOfProject = graphql(`
  query KeyGrantKeys($projectId: ID!) {
    keys(filter: { projectId: $projectId }) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const Viewer = graphql(`
  query KeyGrantViewer {
    viewer {
      scopes
    }
  }
`);

const Invoices = graphql(`
  query KeyGrantInvoices {
    invoices {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const GetProject = graphql(`
  query KeyGrantProject($id: ID!) {
    project(id: $id) {
      id
      name
      plan
      allowedScopes
      rotationPolicy {
        maxKeyAgeDays
        enforce
      }
    }
  }
`);

const UpdateProject = graphql(`
  mutation KeyGrantUpdateProject($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      id
      name
      plan
      allowedScopes
      rotationPolicy {
        maxKeyAgeDays
        enforce
      }
    }
  }
`);

const CreateProject = graphql(`
  mutation KeyGrantCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
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

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const codeOf = (res: GqlResponse<unknown>) => res.body.errors?.[0]?.extensions?.code;
const messageOf = (res: GqlResponse<unknown>) => res.body.errors?.[0]?.message ?? '';

/**
 * A project (every scope allowed unless given; FREE unless given) and a key of it holding
 * `scopes`. A key can only be granted the premium reports:read on a plan that includes it.
 */
async function projectKey(
  scopes: string[],
  allowedScopes: string[] = ALL_PROJECT_SCOPES,
  plan: 'FREE' | 'PRO' | 'ENTERPRISE' = 'FREE',
) {
  const projectId = await createProject(t, { allowedScopes, plan });
  const key = await createKey(t, { projectId, scopes });
  return { projectId, ...key };
}

function create(input: Omit<CreateKeyInput, 'name'>, as: string) {
  return t.gql(CreateKey, { input: { name: 'granted key', ...input } }, as);
}

async function keyIds(projectId: string): Promise<string[]> {
  const res = await t.gql(KeysOfProject, { projectId }, t.adminKey);
  return res.body.data?.keys?.edges.map((e) => e.node.id) ?? [];
}

/** Asserts a mutation refused with BAD_USER_INPUT whose message names `scope`. */
function expectScopeRefused(
  res: GqlResponse<Record<string, unknown>>,
  field: string,
  scope: string,
) {
  expect(res.status).toBe(200);
  expect(res.body.data?.[field]).toBeNull();
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors?.[0]?.path).toEqual([field]);
  expect(codeOf(res)).toBe('BAD_USER_INPUT');
  expect(messageOf(res)).toContain(`"${scope}"`);
}

describe('no privilege escalation through createKey', () => {
  test('a project key cannot grant a scope it does not hold, even when the project allows it', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    const res = await create({ scopes: ['invoices:read'] }, caller.secret);
    expectScopeRefused(res, 'createKey', 'invoices:read');
    const mixed = await create({ scopes: ['products:read', 'invoices:read'] }, caller.secret);
    expectScopeRefused(mixed, 'createKey', 'invoices:read');
    expect(await keyIds(caller.projectId)).toEqual([caller.id]);
  });

  test('a project key can grant a scope it holds', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    const res = await create({ scopes: ['products:read'] }, caller.secret);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.createKey?.key).toMatchObject({
      kind: 'SECRET',
      scopes: ['products:read'],
      project: { id: caller.projectId },
    });
    const viewer = await t.gql(Viewer, {}, res.body.data?.createKey?.secret as string);
    expect(viewer.body.data?.viewer.scopes).toEqual(['products:read']);
  });

  test('a key holding invoices:write may grant invoices:read, which it implies', async () => {
    const caller = await projectKey(['keys:write', 'invoices:write']);
    const read = await create({ scopes: ['invoices:read'] }, caller.secret);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.createKey?.key.scopes).toEqual(['invoices:read']);
    const write = await create({ scopes: ['invoices:write'] }, caller.secret);
    expect(write.body.errors).toBeUndefined();
    const invoices = await t.gql(Invoices, {}, read.body.data?.createKey?.secret as string);
    expect(invoices.body.errors).toBeUndefined();
    expect(invoices.body.data?.invoices).toEqual({ edges: [] });
  });

  test('a key holding only invoices:read cannot grant invoices:write', async () => {
    const caller = await projectKey(['keys:write', 'invoices:read']);
    const res = await create({ scopes: ['invoices:write'] }, caller.secret);
    expectScopeRefused(res, 'createKey', 'invoices:write');
  });

  test('keys:write implies keys:read, so a key may grant keys:read but not other management scopes', async () => {
    const caller = await projectKey(['keys:write']);
    const ok = await create({ scopes: ['keys:read'] }, caller.secret);
    expect(ok.body.errors).toBeUndefined();
    expectScopeRefused(
      await create({ scopes: ['audit:read'] }, caller.secret),
      'createKey',
      'audit:read',
    );
    expectScopeRefused(
      await create({ scopes: ['projects:write'] }, caller.secret),
      'createKey',
      'projects:write',
    );
  });

  test("a scope outside the project's allowedScopes is refused for the admin key too", async () => {
    const projectId = await createProject(t, { allowedScopes: ['products:read', 'keys:write'] });
    const res = await create(
      { projectId, scopes: ['products:read', 'customers:read'] },
      t.adminKey,
    );
    expectScopeRefused(res, 'createKey', 'customers:read');
    expect(await keyIds(projectId)).toEqual([]);
  });

  test('a project key holding a scope its project no longer allows cannot grant it', async () => {
    const caller = await projectKey(['keys:write', 'invoices:read', 'products:read']);
    const narrowed = await t.gql(
      UpdateProject,
      { id: caller.projectId, input: { allowedScopes: ['keys:write', 'products:read'] } },
      t.adminKey,
    );
    expect(narrowed.body.errors).toBeUndefined();
    const res = await create({ scopes: ['invoices:read'] }, caller.secret);
    expectScopeRefused(res, 'createKey', 'invoices:read');
    const ok = await create({ scopes: ['products:read'] }, caller.secret);
    expect(ok.body.errors).toBeUndefined();
  });

  test('an unknown scope is refused with a message naming it', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    expectScopeRefused(
      await create({ scopes: ['foo:bar'] }, caller.secret),
      'createKey',
      'foo:bar',
    );
    expectScopeRefused(
      await create(
        { projectId: caller.projectId, scopes: ['products:read', 'foo:bar'] },
        t.adminKey,
      ),
      'createKey',
      'foo:bar',
    );
    expect(await keyIds(caller.projectId)).toEqual([caller.id]);
  });

  test('a PUBLISHABLE key can hold only publishable scopes', async () => {
    const projectId = await createProject(t);
    const refused = await create(
      { projectId, kind: 'PUBLISHABLE', scopes: ['products:read', 'customers:read'] },
      t.adminKey,
    );
    expectScopeRefused(refused, 'createKey', 'customers:read');
    const ok = await create(
      { projectId, kind: 'PUBLISHABLE', scopes: ['products:read'] },
      t.adminKey,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data?.createKey?.secret).toMatch(/^kg_pk_live_/);
  });

  test('a project key cannot create an ADMIN key', async () => {
    // every project scope, reports:read included: a PRO project
    const caller = await projectKey(ALL_PROJECT_SCOPES, ALL_PROJECT_SCOPES, 'PRO');
    const res = await create({ kind: 'ADMIN', scopes: ['keys:read'] }, caller.secret);
    expect(res.status).toBe(200);
    // createKey 1 + key 1 + project 1, against the PRO plan's budget
    expect(res.body.extensions).toEqual({ cost: { requestedQueryCost: 3, maxCost: 5000 } });
    expect(res.body.data?.createKey).toBeNull();
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.body.errors?.[0]?.path).toEqual(['createKey']);
  });

  test('an ADMIN key with a projectId is refused with BAD_USER_INPUT', async () => {
    const projectId = await createProject(t);
    const res = await create({ kind: 'ADMIN', projectId, scopes: ['keys:read'] }, t.adminKey);
    expect(res.body.data?.createKey).toBeNull();
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toContain('projectId');
    expect(await keyIds(projectId)).toEqual([]);
  });

  test('a project key cannot create a key in another project', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    const other = await createProject(t);
    const res = await create({ projectId: other, scopes: ['products:read'] }, caller.secret);
    expect(res.body.data?.createKey).toBeNull();
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(await keyIds(other)).toEqual([]);
  });

  test('a key without keys:write cannot create keys at all', async () => {
    const caller = await projectKey(['keys:read', 'products:read']);
    const res = await create({ scopes: ['products:read'] }, caller.secret);
    expect(res.body.data?.createKey).toBeNull();
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.body.errors?.[0]?.extensions?.requiredScopes).toEqual(['keys:write']);
  });
});

describe('no privilege escalation through updateKey and rotateKey', () => {
  test('a project key cannot widen a key to a scope it does not hold', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    const created = await create({ scopes: ['products:read'] }, caller.secret);
    const id = created.body.data?.createKey?.key.id as string;
    const res = await t.gql(
      UpdateKey,
      { id, input: { scopes: ['products:read', 'invoices:read'] } },
      caller.secret,
    );
    expectScopeRefused(res, 'updateKey', 'invoices:read');
    const self = await t.gql(
      UpdateKey,
      { id: caller.id, input: { scopes: ['keys:write', 'products:read', 'customers:pii'] } },
      caller.secret,
    );
    expectScopeRefused(self, 'updateKey', 'customers:pii');
    expect((await t.gql(GetKey, { id }, t.adminKey)).body.data?.key?.scopes).toEqual([
      'products:read',
    ]);
    expect((await t.gql(GetKey, { id: caller.id }, t.adminKey)).body.data?.key?.scopes).toEqual([
      'keys:write',
      'products:read',
    ]);
  });

  test('a project key may narrow a key or keep it within what it holds', async () => {
    const caller = await projectKey(['keys:write', 'invoices:write', 'products:read']);
    const created = await create({ scopes: ['invoices:write', 'products:read'] }, caller.secret);
    const id = created.body.data?.createKey?.key.id as string;
    const res = await t.gql(UpdateKey, { id, input: { scopes: ['invoices:read'] } }, caller.secret);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.updateKey?.scopes).toEqual(['invoices:read']);
  });

  test("updateKey refuses scopes outside the project's allowedScopes and unknown scopes", async () => {
    const projectId = await createProject(t, { allowedScopes: ['products:read', 'keys:write'] });
    const key = await createKey(t, { projectId, scopes: ['products:read'] });
    expectScopeRefused(
      await t.gql(UpdateKey, { id: key.id, input: { scopes: ['invoices:read'] } }, t.adminKey),
      'updateKey',
      'invoices:read',
    );
    expectScopeRefused(
      await t.gql(UpdateKey, { id: key.id, input: { scopes: ['foo:bar'] } }, t.adminKey),
      'updateKey',
      'foo:bar',
    );
    expect((await t.gql(GetKey, { id: key.id }, t.adminKey)).body.data?.key?.scopes).toEqual([
      'products:read',
    ]);
  });

  test('updateKey cannot give a PUBLISHABLE key a secret scope', async () => {
    const projectId = await createProject(t);
    const key = await createKey(t, { projectId, kind: 'PUBLISHABLE', scopes: ['products:read'] });
    expectScopeRefused(
      await t.gql(
        UpdateKey,
        { id: key.id, input: { scopes: ['products:read', 'invoices:read'] } },
        t.adminKey,
      ),
      'updateKey',
      'invoices:read',
    );
  });

  test('a project key cannot rotate a key holding scopes it lacks, which would hand it a new secret', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    const strong = await createKey(t, {
      projectId: caller.projectId,
      scopes: ['invoices:read', 'products:read'],
    });
    const res = await t.gql(RotateKey, { id: strong.id }, caller.secret);
    expectScopeRefused(res, 'rotateKey', 'invoices:read');
    const after = await t.gql(GetKey, { id: strong.id }, t.adminKey);
    expect(after.body.data?.key).toMatchObject({ status: 'ACTIVE', replacedBy: null });
    expect(await keyIds(caller.projectId)).toHaveLength(2);
  });

  test('a project key can rotate a key whose scopes it holds', async () => {
    const caller = await projectKey(['keys:write', 'products:read']);
    const weak = await createKey(t, { projectId: caller.projectId, scopes: ['products:read'] });
    const res = await t.gql(RotateKey, { id: weak.id }, caller.secret);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.rotateKey?.key.scopes).toEqual(['products:read']);
  });
});

describe('admin keys are out of reach of project keys', () => {
  const Revoke = graphql(`
    mutation KeyGrantRevoke($id: ID!) {
      revokeKey(id: $id) {
        id
        status
      }
    }
  `);

  test('a project key can neither read, change, rotate nor revoke an admin key', async () => {
    // every project scope, reports:read included: a PRO project
    const caller = await projectKey(ALL_PROJECT_SCOPES, ALL_PROJECT_SCOPES, 'PRO');
    const admin = await create({ kind: 'ADMIN', scopes: ['keys:read'] }, t.adminKey);
    const adminId = admin.body.data?.createKey?.key.id as string;
    expect((await t.gql(GetKey, { id: adminId }, caller.secret)).body.data?.key).toBeNull();
    const update = await t.gql(
      UpdateKey,
      { id: adminId, input: { scopes: ['keys:read', 'keys:write'] } },
      caller.secret,
    );
    expect(codeOf(update)).toBe('NOT_FOUND');
    const rotate = await t.gql(RotateKey, { id: adminId }, caller.secret);
    expect(codeOf(rotate)).toBe('NOT_FOUND');
    expect(rotate.body.data?.rotateKey).toBeNull();
    const revoke = await t.gql(Revoke, { id: adminId }, caller.secret);
    expect(codeOf(revoke)).toBe('NOT_FOUND');
    const after = await t.gql(GetKey, { id: adminId }, t.adminKey);
    expect(after.body.data?.key).toMatchObject({
      scopes: ['keys:read'],
      status: 'ACTIVE',
      replacedBy: null,
    });
  });
});

describe('updateProject by a project key', () => {
  const POLICY = { maxKeyAgeDays: 90, enforce: true };

  async function projectWriter() {
    return projectKey(['projects:write', 'projects:read', 'products:read']);
  }

  test('may rename its own project and set its rotation policy', async () => {
    const caller = await projectWriter();
    const res = await t.gql(
      UpdateProject,
      { id: caller.projectId, input: { name: 'Renamed', rotationPolicy: POLICY } },
      caller.secret,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.updateProject).toEqual({
      id: caller.projectId,
      name: 'Renamed',
      plan: 'FREE',
      allowedScopes: [...ALL_PROJECT_SCOPES].sort(),
      rotationPolicy: POLICY,
    });
    const read = await t.gql(GetProject, { id: caller.projectId }, caller.secret);
    expect(read.body.data?.project).toEqual(res.body.data?.updateProject);
  });

  test('may clear the rotation policy with null', async () => {
    const caller = await projectWriter();
    await t.gql(
      UpdateProject,
      { id: caller.projectId, input: { rotationPolicy: POLICY } },
      caller.secret,
    );
    const res = await t.gql(
      UpdateProject,
      { id: caller.projectId, input: { rotationPolicy: null } },
      caller.secret,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.updateProject?.rotationPolicy).toBeNull();
  });

  test('changing the plan or allowedScopes is FORBIDDEN and changes nothing', async () => {
    const caller = await projectWriter();
    const before = await t.gql(GetProject, { id: caller.projectId }, t.adminKey);
    const inputs = [
      { plan: 'ENTERPRISE' as const },
      { allowedScopes: ['products:read'] },
      { allowedScopes: [...ALL_PROJECT_SCOPES] },
      { name: 'sneaky', plan: 'PRO' as const },
    ];
    for (const input of inputs) {
      const res = await t.gql(UpdateProject, { id: caller.projectId, input }, caller.secret);
      expect(res.status).toBe(200);
      expect(res.body.data?.updateProject).toBeNull();
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(res.body.errors?.[0]?.path).toEqual(['updateProject']);
    }
    const after = await t.gql(GetProject, { id: caller.projectId }, t.adminKey);
    expect(after.body.data?.project).toEqual(before.body.data?.project);
  });

  test('a rotation policy of 0 or 366 days is refused with BAD_USER_INPUT', async () => {
    const caller = await projectWriter();
    for (const maxKeyAgeDays of [0, 366, -1]) {
      const res = await t.gql(
        UpdateProject,
        { id: caller.projectId, input: { rotationPolicy: { maxKeyAgeDays, enforce: false } } },
        caller.secret,
      );
      expect(res.body.data?.updateProject).toBeNull();
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(messageOf(res)).toContain('maxKeyAgeDays');
    }
    for (const maxKeyAgeDays of [1, 365]) {
      const res = await t.gql(
        UpdateProject,
        { id: caller.projectId, input: { rotationPolicy: { maxKeyAgeDays, enforce: false } } },
        caller.secret,
      );
      expect(res.body.data?.updateProject?.rotationPolicy).toEqual({
        maxKeyAgeDays,
        enforce: false,
      });
    }
  });

  test('another project answers NOT_FOUND, like a missing one', async () => {
    const caller = await projectWriter();
    const other = await createProject(t, { name: 'Other' });
    const res = await t.gql(
      UpdateProject,
      { id: other, input: { name: 'Mine now' } },
      caller.secret,
    );
    expect(res.body.data?.updateProject).toBeNull();
    expect(codeOf(res)).toBe('NOT_FOUND');
    const read = await t.gql(GetProject, { id: other }, t.adminKey);
    expect(read.body.data?.project?.name).toBe('Other');
  });

  test('without projects:write the mutation is FORBIDDEN with requiredScopes', async () => {
    const caller = await projectKey(['projects:read', 'keys:write']);
    const res = await t.gql(
      UpdateProject,
      { id: caller.projectId, input: { name: 'x' } },
      caller.secret,
    );
    expect(res.body.data?.updateProject).toBeNull();
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.body.errors?.[0]?.extensions?.requiredScopes).toEqual(['projects:write']);
  });

  test('a project key cannot create projects, even with projects:write', async () => {
    const caller = await projectWriter();
    const res = await t.gql(
      CreateProject,
      { input: { name: 'Escape', allowedScopes: ['products:read'] } },
      caller.secret,
    );
    expect(res.body.data?.createProject).toBeNull();
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  test('the admin key may change plan and allowedScopes', async () => {
    const caller = await projectWriter();
    const res = await t.gql(
      UpdateProject,
      { id: caller.projectId, input: { plan: 'PRO', allowedScopes: ['products:read', 'foo:bar'] } },
      t.adminKey,
    );
    expectScopeRefused(res, 'updateProject', 'foo:bar');
    const ok = await t.gql(
      UpdateProject,
      { id: caller.projectId, input: { plan: 'PRO', allowedScopes: ['products:read'] } },
      t.adminKey,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data?.updateProject).toMatchObject({
      plan: 'PRO',
      allowedScopes: ['products:read'],
    });
  });
});
