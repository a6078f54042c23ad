import { readFileSync } from 'node:fs';
import { type FieldDefinitionNode, Kind, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { forbiddenAt, ledgerWriter, seedCustomer } from './ledger-seed.js';

const AdminViewer = graphql(`
  query AuthzAdminViewer {
    viewer {
      key {
        kind
        project {
          id
        }
      }
      project {
        id
      }
      scopes
    }
  }
`);

const AdminLedger = graphql(`
  query AuthzAdminLedger {
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
    invoices {
      edges {
        node {
          id
        }
      }
    }
    agedReceivables {
      asOf
    }
    projects(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const AdminCustomerById = graphql(`
  query AuthzAdminCustomerById($id: ID!) {
    customer(id: $id) {
      id
      name
    }
  }
`);

const AdminCreateCustomer = graphql(`
  mutation AuthzAdminCreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
    }
  }
`);

const ScopeCatalog = graphql(`
  query AuthzScopeCatalog {
    scopes {
      name
      description
      publishable
      premium
    }
  }
`);

const DirectiveIntrospection = graphql(`
  query AuthzDirectiveIntrospection {
    __schema {
      directives {
        name
        locations
        args {
          name
          type {
            kind
            ofType {
              kind
              ofType {
                kind
                ofType {
                  kind
                  ofType {
                    kind
                    name
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

const CATALOG = [
  'projects:read',
  'projects:write',
  'keys:read',
  'keys:write',
  'usage:read',
  'audit:read',
  'webhooks:read',
  'webhooks:write',
  'products:read',
  'products:write',
  'customers:read',
  'customers:write',
  'customers:pii',
  'invoices:read',
  'invoices:write',
  'payments:read',
  'payments:write',
  'reports:read',
];

const MANAGEMENT = [
  'audit:read',
  'keys:read',
  'keys:write',
  'projects:read',
  'projects:write',
  'usage:read',
  'webhooks:read',
  'webhooks:write',
];

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('admin keys', () => {
  test('an admin key has no project and only the management scopes in viewer.scopes', async () => {
    const res = await t.gql(AdminViewer, {}, t.adminKey);

    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.viewer).toEqual({
      key: { kind: 'ADMIN', project: null },
      project: null,
      scopes: MANAGEMENT,
    });
  });

  test('ledger queries answer FORBIDDEN to an admin key and tell it to use a project key', async () => {
    const projectId = await createProject(t);
    const writer = await ledgerWriter(t, projectId);
    await seedCustomer(t, writer, { name: 'Ada' });

    const res = await t.gql(AdminLedger, {}, t.adminKey);

    expect(res.status).toBe(200);
    expect(res.body.data?.products).toBeNull();
    expect(res.body.data?.customers).toBeNull();
    expect(res.body.data?.invoices).toBeNull();
    expect(res.body.data?.agedReceivables).toBeNull();
    // Management fields still resolve in the same request.
    expect(res.body.data?.projects?.edges).toHaveLength(1);
    expect(forbiddenAt(res.body.errors)).toEqual([
      { path: ['agedReceivables'], code: 'FORBIDDEN', requiredScopes: ['reports:read'] },
      { path: ['customers'], code: 'FORBIDDEN', requiredScopes: ['customers:read'] },
      { path: ['invoices'], code: 'FORBIDDEN', requiredScopes: ['invoices:read'] },
      { path: ['products'], code: 'FORBIDDEN', requiredScopes: ['products:read'] },
    ]);
    for (const error of res.body.errors ?? []) {
      expect(error.message).toContain('use a key of that project, not an admin key');
    }
  });

  test('an admin key cannot read a customer by id nor write to a ledger', async () => {
    const projectId = await createProject(t);
    const writer = await ledgerWriter(t, projectId);
    const customerId = await seedCustomer(t, writer, { name: 'Ada' });

    const read = await t.gql(AdminCustomerById, { id: customerId }, t.adminKey);
    expect(read.body.data).toEqual({ customer: null });
    expect(forbiddenAt(read.body.errors)).toEqual([
      { path: ['customer'], code: 'FORBIDDEN', requiredScopes: ['customers:read'] },
    ]);

    const write = await t.gql(AdminCreateCustomer, { input: { name: 'Eve' } }, t.adminKey);
    expect(write.body.data).toEqual({ createCustomer: null });
    expect(forbiddenAt(write.body.errors)).toEqual([
      { path: ['createCustomer'], code: 'FORBIDDEN', requiredScopes: ['customers:write'] },
    ]);
    expect(write.body.errors?.[0]?.message).toContain('use a key of that project');
  });
});

describe('the scope catalog', () => {
  test('Query.scopes lists all 18 scopes with description, publishable and premium', async () => {
    const projectId = await createProject(t);
    const { secret } = await createKey(t, {
      projectId,
      kind: 'PUBLISHABLE',
      scopes: ['products:read'],
    });

    const res = await t.gql(ScopeCatalog, {}, secret);

    expect(res.body.errors).toBeUndefined();
    const scopes = res.body.data?.scopes ?? [];
    expect(scopes).toHaveLength(18);
    expect(scopes.map((s) => s.name).sort()).toEqual([...CATALOG].sort());
    expect(scopes.find((s) => s.name === 'products:read')).toEqual({
      name: 'products:read',
      description: 'Read the product catalog',
      publishable: true,
      premium: false,
    });
    expect(scopes.find((s) => s.name === 'reports:read')).toMatchObject({
      name: 'reports:read',
      publishable: false,
      premium: true,
    });
    expect(scopes.filter((s) => s.publishable).map((s) => s.name)).toEqual(['products:read']);
    expect(scopes.filter((s) => s.premium).map((s) => s.name)).toEqual(['reports:read']);
    for (const scope of scopes) expect(scope.description.length).toBeGreaterThan(0);
  });

  test('Query.scopes answers the same catalog to an admin key', async () => {
    const res = await t.gql(ScopeCatalog, {}, t.adminKey);
    expect(res.body.data?.scopes.map((s) => s.name).sort()).toEqual([...CATALOG].sort());
  });
});

describe('@requiresScopes in the schema', () => {
  const sdl = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
  const document = parse(sdl);

  /** The printed `@requiresScopes` argument of `Type.field`, or null when it has none. */
  function requiredScopesOf(typeName: string, fieldName: string): string | null {
    for (const def of document.definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION || def.name.value !== typeName) continue;
      const field = def.fields?.find((f: FieldDefinitionNode) => f.name.value === fieldName);
      const directive = field?.directives?.find((d) => d.name.value === 'requiresScopes');
      const arg = directive?.arguments?.find((a) => a.name.value === 'scopes');
      return arg ? print(arg.value) : null;
    }
    throw new Error(`no type ${typeName} in the SDL`);
  }

  test('the printed SDL carries @requiresScopes on the gated fields', () => {
    expect(sdl).toContain('directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION');
    expect(sdl).toContain('email: String @requiresScopes(scopes: [["customers:pii"]])');
    expect(requiredScopesOf('Customer', 'email')).toBe('[["customers:pii"]]');
    expect(requiredScopesOf('Query', 'agedReceivables')).toBe('[["reports:read"]]');
    expect(requiredScopesOf('Query', 'invoices')).toBe('[["invoices:read"]]');
    expect(requiredScopesOf('Invoice', 'customer')).toBe('[["customers:read"]]');
    expect(requiredScopesOf('Invoice', 'payments')).toBe('[["payments:read"]]');
    expect(requiredScopesOf('Query', 'keys')).toBe('[["keys:read"]]');
  });

  test('ungated fields carry no @requiresScopes', () => {
    expect(requiredScopesOf('Customer', 'name')).toBeNull();
    expect(requiredScopesOf('Invoice', 'amountCents')).toBeNull();
    expect(requiredScopesOf('Query', 'scopes')).toBeNull();
    expect(requiredScopesOf('Query', 'viewer')).toBeNull();
  });

  test('introspection with a valid key shows the requiresScopes directive definition', async () => {
    const projectId = await createProject(t);
    const { secret } = await createKey(t, { projectId, scopes: ['products:read'] });

    const res = await t.gql(DirectiveIntrospection, {}, secret);

    expect(res.body.errors).toBeUndefined();
    const directive = res.body.data?.__schema.directives.find((d) => d.name === 'requiresScopes');
    expect(directive).toEqual({
      name: 'requiresScopes',
      locations: ['FIELD_DEFINITION', 'OBJECT'],
      args: [
        {
          name: 'scopes',
          type: {
            kind: 'NON_NULL',
            ofType: {
              kind: 'LIST',
              ofType: {
                kind: 'NON_NULL',
                ofType: { kind: 'LIST', ofType: { kind: 'NON_NULL', name: null } },
              },
            },
          },
        },
      ],
    });
  });

  test('introspection without a key is refused with 401', async () => {
    const res = await t.gql(DirectiveIntrospection, {}, null);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
  });
});
