import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject, LEDGER_SCOPES } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import {
  adminUpdateProject,
  forbiddenAt,
  ledgerWriter,
  seedCustomer,
  seedInvoice,
  seedPayment,
} from './ledger-seed.js';

const InvoicesWithCustomer = graphql(`
  query AuthzInvoicesWithCustomer {
    invoices {
      edges {
        node {
          number
          amountCents
          customer {
            name
          }
        }
      }
    }
  }
`);

const CustomerEmail = graphql(`
  query AuthzCustomerEmail($id: ID!) {
    customer(id: $id) {
      id
      name
      email
      country
    }
  }
`);

const CustomersEmails = graphql(`
  query AuthzCustomersEmails {
    customers {
      edges {
        node {
          name
          email
        }
      }
    }
  }
`);

const ViewerScopes = graphql(`
  query AuthzViewerScopes {
    viewer {
      key {
        id
        kind
        scopes
      }
      project {
        id
      }
      scopes
    }
  }
`);

const InvoiceNumbers = graphql(`
  query AuthzInvoiceNumbers {
    invoices {
      edges {
        node {
          number
          amountCents
          status
        }
      }
    }
  }
`);

const InvoicePayments = graphql(`
  query AuthzInvoicePayments($id: ID!) {
    invoice(id: $id) {
      number
      payments {
        edges {
          node {
            amountCents
            method
          }
        }
      }
    }
  }
`);

const CustomersAndInvoices = graphql(`
  query AuthzCustomersAndInvoices {
    customers {
      edges {
        node {
          name
        }
      }
    }
    invoices {
      edges {
        node {
          number
        }
      }
    }
  }
`);

const CreateInvoiceOnly = graphql(`
  mutation AuthzCreateInvoiceOnly($input: CreateInvoiceInput!) {
    createInvoice(input: $input) {
      id
      number
    }
  }
`);

const KeysList = graphql(`
  query AuthzKeysList {
    keys {
      edges {
        node {
          id
        }
      }
    }
    viewer {
      key {
        id
      }
    }
  }
`);

const ViewerProjectKeys = graphql(`
  query AuthzViewerProjectKeys {
    viewer {
      project {
        id
        name
        keys {
          edges {
            node {
              id
            }
          }
        }
      }
    }
  }
`);

const CreateProjectAsKey = graphql(`
  mutation AuthzCreateProjectAsKey($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

const AllProjectNames = graphql(`
  query AuthzAllProjectNames {
    projects(first: 100) {
      edges {
        node {
          name
        }
      }
    }
  }
`);

const UpdateOwnProject = graphql(`
  mutation AuthzUpdateOwnProject($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      id
      name
      plan
    }
  }
`);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/**
 * A project with three invoices for two customers, and its writer key. The clock moves a
 * second before each row so that "newest first" has one answer.
 */
async function projectWithInvoices() {
  const projectId = await createProject(t, { name: 'Invoices' });
  const writer = await ledgerWriter(t, projectId);
  const later = () => t.clock.advance(1000);
  later();
  const ada = await seedCustomer(t, writer, { name: 'Ada', email: 'ada@example.com' });
  later();
  const bob = await seedCustomer(t, writer, { name: 'Bob' });
  later();
  await seedInvoice(t, writer, { customerId: ada, amountCents: 1000 });
  later();
  await seedInvoice(t, writer, { customerId: bob, amountCents: 2000 });
  later();
  await seedInvoice(t, writer, { customerId: ada, amountCents: 3000 });
  return { projectId, writer, ada, bob };
}

describe('field-level scopes', () => {
  test('a key without customers:read reads invoices with customer null and one FORBIDDEN per denied path', async () => {
    const { projectId } = await projectWithInvoices();
    const { secret } = await createKey(t, { projectId, scopes: ['invoices:read'] });

    const res = await t.gql(InvoicesWithCustomer, {}, secret);

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      invoices: {
        edges: [
          { node: { number: 'INV-000003', amountCents: 3000, customer: null } },
          { node: { number: 'INV-000002', amountCents: 2000, customer: null } },
          { node: { number: 'INV-000001', amountCents: 1000, customer: null } },
        ],
      },
    });
    expect(forbiddenAt(res.body.errors)).toEqual(
      [0, 1, 2].map((i) => ({
        path: ['invoices', 'edges', i, 'node', 'customer'],
        code: 'FORBIDDEN',
        requiredScopes: ['customers:read'],
      })),
    );
    for (const error of res.body.errors ?? []) {
      expect(error.message).toBe(
        'not allowed to access Invoice.customer: the key does not hold "customers:read"',
      );
    }
  });

  test('with customers:read the same query resolves every customer and answers no error', async () => {
    const { projectId } = await projectWithInvoices();
    const { secret } = await createKey(t, {
      projectId,
      scopes: ['invoices:read', 'customers:read'],
    });

    const res = await t.gql(InvoicesWithCustomer, {}, secret);

    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.invoices?.edges.map((e) => e.node.customer?.name)).toEqual([
      'Ada',
      'Bob',
      'Ada',
    ]);
  });

  test('Customer.email is null and FORBIDDEN without customers:pii, and readable with it', async () => {
    const { projectId, ada } = await projectWithInvoices();
    const plain = await createKey(t, { projectId, scopes: ['customers:read'] });
    const pii = await createKey(t, { projectId, scopes: ['customers:read', 'customers:pii'] });

    const denied = await t.gql(CustomerEmail, { id: ada }, plain.secret);
    expect(denied.status).toBe(200);
    expect(denied.body.data).toEqual({
      customer: { id: ada, name: 'Ada', email: null, country: null },
    });
    expect(forbiddenAt(denied.body.errors)).toEqual([
      { path: ['customer', 'email'], code: 'FORBIDDEN', requiredScopes: ['customers:pii'] },
    ]);
    expect(denied.body.errors?.[0]?.message).toContain('"customers:pii"');

    const allowed = await t.gql(CustomerEmail, { id: ada }, pii.secret);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data).toEqual({
      customer: { id: ada, name: 'Ada', email: 'ada@example.com', country: null },
    });
  });

  test('in a list, every email is denied at its own path without customers:pii', async () => {
    const { projectId } = await projectWithInvoices();
    const plain = await createKey(t, { projectId, scopes: ['customers:read'] });
    const pii = await createKey(t, { projectId, scopes: ['customers:read', 'customers:pii'] });

    const denied = await t.gql(CustomersEmails, {}, plain.secret);
    expect(denied.body.data).toEqual({
      customers: {
        edges: [{ node: { name: 'Bob', email: null } }, { node: { name: 'Ada', email: null } }],
      },
    });
    expect(forbiddenAt(denied.body.errors)).toEqual(
      [0, 1].map((i) => ({
        path: ['customers', 'edges', i, 'node', 'email'],
        code: 'FORBIDDEN',
        requiredScopes: ['customers:pii'],
      })),
    );

    // A customer without an email reads as null with no error when the key may see emails.
    const allowed = await t.gql(CustomersEmails, {}, pii.secret);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data).toEqual({
      customers: {
        edges: [
          { node: { name: 'Bob', email: null } },
          { node: { name: 'Ada', email: 'ada@example.com' } },
        ],
      },
    });
  });

  test('Invoice.payments needs payments:read: null and FORBIDDEN without it, the payments with it', async () => {
    const projectId = await createProject(t, { name: 'Payments' });
    const writer = await ledgerWriter(t, projectId);
    const customerId = await seedCustomer(t, writer, { name: 'Cleo' });
    const invoice = await seedInvoice(t, writer, { customerId, amountCents: 5000 });
    await seedPayment(t, writer, { invoiceId: invoice.id, amountCents: 1500, method: 'card' });
    const without = await createKey(t, { projectId, scopes: ['invoices:read'] });
    const withPayments = await createKey(t, {
      projectId,
      scopes: ['invoices:read', 'payments:read'],
    });

    const denied = await t.gql(InvoicePayments, { id: invoice.id }, without.secret);
    expect(denied.body.data).toEqual({ invoice: { number: 'INV-000001', payments: null } });
    expect(forbiddenAt(denied.body.errors)).toEqual([
      { path: ['invoice', 'payments'], code: 'FORBIDDEN', requiredScopes: ['payments:read'] },
    ]);

    const allowed = await t.gql(InvoicePayments, { id: invoice.id }, withPayments.secret);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data).toEqual({
      invoice: {
        number: 'INV-000001',
        payments: { edges: [{ node: { amountCents: 1500, method: 'card' } }] },
      },
    });
  });

  test('a denied root field is null while its sibling root field resolves', async () => {
    const { projectId } = await projectWithInvoices();
    const { secret } = await createKey(t, { projectId, scopes: ['invoices:read'] });

    const res = await t.gql(CustomersAndInvoices, {}, secret);

    expect(res.status).toBe(200);
    expect(res.body.data?.customers).toBeNull();
    expect(res.body.data?.invoices?.edges.map((e) => e.node.number)).toEqual([
      'INV-000003',
      'INV-000002',
      'INV-000001',
    ]);
    expect(forbiddenAt(res.body.errors)).toEqual([
      { path: ['customers'], code: 'FORBIDDEN', requiredScopes: ['customers:read'] },
    ]);
  });

  test('a mutation whose write scope the key lacks is FORBIDDEN and creates nothing', async () => {
    const { projectId, ada } = await projectWithInvoices();
    const reader = await createKey(t, { projectId, scopes: ['invoices:read'] });

    const res = await t.gql(
      CreateInvoiceOnly,
      { input: { customerId: ada, amountCents: 100, currency: 'EUR' } },
      reader.secret,
    );

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ createInvoice: null });
    expect(forbiddenAt(res.body.errors)).toEqual([
      { path: ['createInvoice'], code: 'FORBIDDEN', requiredScopes: ['invoices:write'] },
    ]);
    const after = await t.gql(InvoiceNumbers, {}, reader.secret);
    expect(after.body.data?.invoices?.edges).toHaveLength(3);
  });
});

describe('scope implications', () => {
  test('a key holding only invoices:write can read invoices, and viewer.scopes lists both', async () => {
    const { projectId } = await projectWithInvoices();
    const { id, secret } = await createKey(t, { projectId, scopes: ['invoices:write'] });

    const viewer = await t.gql(ViewerScopes, {}, secret);
    expect(viewer.body.errors).toBeUndefined();
    expect(viewer.body.data?.viewer).toEqual({
      key: { id, kind: 'SECRET', scopes: ['invoices:write'] },
      project: { id: projectId },
      scopes: ['invoices:read', 'invoices:write'],
    });

    const res = await t.gql(InvoiceNumbers, {}, secret);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.invoices?.edges.map((e) => e.node)).toEqual([
      { number: 'INV-000003', amountCents: 3000, status: 'OPEN' },
      { number: 'INV-000002', amountCents: 2000, status: 'OPEN' },
      { number: 'INV-000001', amountCents: 1000, status: 'OPEN' },
    ]);
  });

  test('a ceiling that allows only invoices:write still lets a key use invoices:read', async () => {
    const projectId = await createProject(t, { allowedScopes: ['invoices:write'] });
    const { secret } = await createKey(t, { projectId, scopes: ['invoices:read'] });

    const viewer = await t.gql(ViewerScopes, {}, secret);
    expect(viewer.body.data?.viewer.scopes).toEqual(['invoices:read']);

    const res = await t.gql(InvoiceNumbers, {}, secret);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ invoices: { edges: [] } });
  });

  test('a read scope does not imply the write scope', async () => {
    const { projectId, ada } = await projectWithInvoices();
    const { secret } = await createKey(t, { projectId, scopes: ['invoices:read'] });

    const viewer = await t.gql(ViewerScopes, {}, secret);
    expect(viewer.body.data?.viewer.scopes).toEqual(['invoices:read']);

    const res = await t.gql(
      CreateInvoiceOnly,
      { input: { customerId: ada, amountCents: 100, currency: 'EUR' } },
      secret,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the project ceiling', () => {
  test("narrowing a project's allowedScopes removes the scope from an existing key on the next request", async () => {
    const { projectId } = await projectWithInvoices();
    const { secret } = await createKey(t, {
      projectId,
      scopes: ['customers:read', 'invoices:read'],
    });

    // Warm the verified-key cache, then narrow the ceiling.
    const before = await t.gql(ViewerScopes, {}, secret);
    expect(before.body.data?.viewer.scopes).toEqual(['customers:read', 'invoices:read']);
    const beforeCustomers = await t.gql(CustomersAndInvoices, {}, secret);
    expect(beforeCustomers.body.errors).toBeUndefined();
    expect(beforeCustomers.body.data?.customers?.edges).toHaveLength(2);

    await adminUpdateProject(t, projectId, {
      allowedScopes: LEDGER_SCOPES.filter((s) => !s.startsWith('customers:')),
    });

    const after = await t.gql(ViewerScopes, {}, secret);
    expect(after.body.data?.viewer.scopes).toEqual(['invoices:read']);
    // The key itself still lists the scope: the ceiling, not the key, was changed.
    expect(after.body.data?.viewer.key.scopes).toEqual(['customers:read', 'invoices:read']);

    const res = await t.gql(CustomersAndInvoices, {}, secret);
    expect(res.body.data?.customers).toBeNull();
    expect(res.body.data?.invoices?.edges).toHaveLength(3);
    expect(forbiddenAt(res.body.errors)).toEqual([
      { path: ['customers'], code: 'FORBIDDEN', requiredScopes: ['customers:read'] },
    ]);
    expect(res.body.errors?.[0]?.message).toContain('outside the allowedScopes');
  });

  test('widening the ceiling again gives the scope back on the next request', async () => {
    const projectId = await createProject(t, {
      allowedScopes: ['invoices:read'],
    });
    const { secret } = await createKey(t, { projectId, scopes: ['invoices:read'] });
    expect((await t.gql(ViewerScopes, {}, secret)).body.data?.viewer.scopes).toEqual([
      'invoices:read',
    ]);

    await adminUpdateProject(t, projectId, { allowedScopes: [] });
    expect((await t.gql(ViewerScopes, {}, secret)).body.data?.viewer.scopes).toEqual([]);
    const denied = await t.gql(InvoiceNumbers, {}, secret);
    expect(denied.body.data).toEqual({ invoices: null });
    expect(forbiddenAt(denied.body.errors)).toEqual([
      { path: ['invoices'], code: 'FORBIDDEN', requiredScopes: ['invoices:read'] },
    ]);

    await adminUpdateProject(t, projectId, { allowedScopes: ['invoices:read'] });
    const restored = await t.gql(InvoiceNumbers, {}, secret);
    expect(restored.body.errors).toBeUndefined();
    expect(restored.body.data).toEqual({ invoices: { edges: [] } });
  });
});

describe('management fields for project keys', () => {
  test('a SECRET key without keys:read gets keys FORBIDDEN with requiredScopes keys:read', async () => {
    const projectId = await createProject(t);
    const { id, secret } = await createKey(t, {
      projectId,
      scopes: ['products:read', 'projects:read'],
    });

    const res = await t.gql(KeysList, {}, secret);

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ keys: null, viewer: { key: { id } } });
    expect(forbiddenAt(res.body.errors)).toEqual([
      { path: ['keys'], code: 'FORBIDDEN', requiredScopes: ['keys:read'] },
    ]);
  });

  test('Project.keys is FORBIDDEN too, while the rest of the project resolves', async () => {
    const projectId = await createProject(t, { name: 'No keys for you' });
    const { secret } = await createKey(t, { projectId, scopes: ['projects:read'] });

    const res = await t.gql(ViewerProjectKeys, {}, secret);

    expect(res.body.data).toEqual({
      viewer: { project: { id: projectId, name: 'No keys for you', keys: null } },
    });
    expect(forbiddenAt(res.body.errors)).toEqual([
      { path: ['viewer', 'project', 'keys'], code: 'FORBIDDEN', requiredScopes: ['keys:read'] },
    ]);
  });

  test('a key with keys:read lists only the keys of its own project', async () => {
    const projectId = await createProject(t);
    const other = await createProject(t);
    const reader = await createKey(t, { projectId, scopes: ['keys:read'] });
    t.clock.advance(1000);
    const sibling = await createKey(t, { projectId, scopes: ['products:read'] });
    await createKey(t, { projectId: other, scopes: ['products:read'] });

    const res = await t.gql(KeysList, {}, reader.secret);

    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.keys?.edges.map((e) => e.node.id)).toEqual([sibling.id, reader.id]);
  });

  test('createProject with a project key that holds projects:write is FORBIDDEN: admin keys only', async () => {
    const projectId = await createProject(t);
    const { secret } = await createKey(t, {
      projectId,
      scopes: ['projects:read', 'projects:write'],
    });

    const res = await t.gql(
      CreateProjectAsKey,
      { input: { name: 'Sneaky', allowedScopes: ['products:read'] } },
      secret,
    );

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ createProject: null });
    // The key holds projects:write: no scope is missing, the kind of key is.
    expect(forbiddenAt(res.body.errors)).toEqual([
      { path: ['createProject'], code: 'FORBIDDEN', requiredScopes: [] },
    ]);
    expect(res.body.errors?.[0]?.message).toBe(
      'not allowed to access Mutation.createProject: it needs an admin key',
    );
    const all = await t.gql(AllProjectNames, {}, t.adminKey);
    expect(all.body.data?.projects?.edges.map((e) => e.node.name)).not.toContain('Sneaky');
  });

  test('a project key with projects:write renames its project but cannot change its plan', async () => {
    const projectId = await createProject(t, { name: 'Before' });
    const { secret } = await createKey(t, {
      projectId,
      scopes: ['projects:read', 'projects:write'],
    });

    const renamed = await t.gql(
      UpdateOwnProject,
      { id: projectId, input: { name: 'After' } },
      secret,
    );
    expect(renamed.body.errors).toBeUndefined();
    expect(renamed.body.data?.updateProject).toEqual({
      id: projectId,
      name: 'After',
      plan: 'FREE',
    });

    const upgraded = await t.gql(
      UpdateOwnProject,
      { id: projectId, input: { plan: 'PRO' } },
      secret,
    );
    expect(upgraded.body.data).toEqual({ updateProject: null });
    expect(upgraded.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(upgraded.body.errors?.[0]?.message).toContain('admin key');
  });
});
