import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newId } from '../../src/lib/ids.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject, LEDGER_SCOPES } from '../helpers/fixtures.js';
import { type GqlResponse, startTestServer, type TestServer } from '../helpers/test-server.js';

const TENANT_SCOPES = [
  ...LEDGER_SCOPES,
  'keys:read',
  'keys:write',
  'projects:read',
  'projects:write',
  'audit:read',
];

const CreateProduct = graphql(`
  mutation IsoCreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
    }
  }
`);

const CreateCustomer = graphql(`
  mutation IsoCreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
    }
  }
`);

const CreateInvoice = graphql(`
  mutation IsoCreateInvoice($input: CreateInvoiceInput!) {
    createInvoice(input: $input) {
      id
      number
      status
      customer {
        id
      }
    }
  }
`);

const RecordPayment = graphql(`
  mutation IsoRecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
      amountCents
      invoice {
        id
        status
      }
    }
  }
`);

const ProjectById = graphql(`
  query IsoProject($id: ID!) {
    project(id: $id) {
      id
      name
      plan
      region
      allowedScopes
      createdAt
      rotationPolicy {
        maxKeyAgeDays
        enforce
      }
      keys(first: 100) {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  }
`);

const KeyById = graphql(`
  query IsoKey($id: ID!) {
    key(id: $id) {
      id
      name
      hint
      kind
      status
      scopes
      rotatedFrom {
        id
      }
      replacedBy {
        id
      }
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

const CustomerById = graphql(`
  query IsoCustomer($id: ID!) {
    customer(id: $id) {
      id
      name
      email
      country
      invoices {
        edges {
          node {
            id
            number
          }
        }
      }
    }
  }
`);

const InvoiceById = graphql(`
  query IsoInvoice($id: ID!) {
    invoice(id: $id) {
      id
      number
      amountCents
      currency
      status
      customer {
        id
        name
      }
      payments {
        edges {
          node {
            id
            amountCents
          }
        }
      }
    }
  }
`);

const KeysByProject = graphql(`
  query IsoKeysByProject($projectId: ID!) {
    keys(filter: { projectId: $projectId }, first: 100) {
      edges {
        cursor
        node {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const AuditByFilter = graphql(`
  query IsoAuditLog($filter: AuditFilter) {
    auditLog(filter: $filter, first: 100) {
      edges {
        node {
          id
          action
          targetId
          projectId
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

const InvoicesByCustomer = graphql(`
  query IsoInvoicesByCustomer($customerId: ID!) {
    invoices(filter: { customerId: $customerId }, first: 100) {
      edges {
        node {
          id
          number
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const OwnProjectKeys = graphql(`
  query IsoOwnProjectKeys($projectId: ID!) {
    viewer {
      project {
        id
        keys(filter: { projectId: $projectId }, first: 100) {
          edges {
            node {
              id
              project {
                id
              }
            }
          }
        }
      }
    }
  }
`);

const Lists = graphql(`
  query IsoLists {
    products(first: 100) {
      edges {
        node {
          id
        }
      }
    }
    customers(first: 100) {
      edges {
        node {
          id
        }
      }
    }
    invoices(first: 100) {
      edges {
        node {
          id
          customer {
            id
          }
        }
      }
    }
    projects(first: 100) {
      edges {
        node {
          id
        }
      }
    }
    keys(first: 100) {
      edges {
        node {
          id
          project {
            id
          }
        }
      }
    }
    auditLog(first: 100) {
      edges {
        node {
          projectId
        }
      }
    }
  }
`);

const UpdateProject = graphql(`
  mutation IsoUpdateProject($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      id
      name
      plan
    }
  }
`);

const UpdateKey = graphql(`
  mutation IsoUpdateKey($id: ID!, $input: UpdateKeyInput!) {
    updateKey(id: $id, input: $input) {
      id
      name
      scopes
    }
  }
`);

const RevokeKey = graphql(`
  mutation IsoRevokeKey($id: ID!, $reason: RevocationReason) {
    revokeKey(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

const RotateKey = graphql(`
  mutation IsoRotateKey($id: ID!, $grace: Int) {
    rotateKey(id: $id, gracePeriodSeconds: $grace) {
      key {
        id
      }
      secret
    }
  }
`);

const CreateKey = graphql(`
  mutation IsoCreateKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      key {
        id
        project {
          id
        }
      }
      secret
    }
  }
`);

const TenantState = graphql(`
  query IsoTenantState {
    viewer {
      project {
        id
        name
        plan
        region
        allowedScopes
        rotationPolicy {
          maxKeyAgeDays
          enforce
        }
        keys(first: 100) {
          edges {
            node {
              id
              name
              status
              scopes
              revokedAt
              revocationReason
              graceEndsAt
              allowedIps
              expiresAt
              replacedBy {
                id
              }
            }
          }
        }
      }
    }
    products(first: 100) {
      edges {
        node {
          id
          name
          priceCents
          currency
        }
      }
    }
    customers(first: 100) {
      edges {
        node {
          id
          name
          email
          country
        }
      }
    }
    invoices(first: 100) {
      edges {
        node {
          id
          number
          status
          amountCents
          payments {
            edges {
              node {
                id
                amountCents
              }
            }
          }
        }
      }
    }
    auditLog(first: 100) {
      edges {
        node {
          id
          action
          targetId
        }
      }
    }
  }
`);

const ViewerStatus = graphql(`
  query IsoViewerStatus {
    viewer {
      key {
        id
        status
      }
      project {
        id
      }
    }
  }
`);

interface Tenant {
  name: string;
  projectId: string;
  /** Every ledger scope plus keys/projects read+write and audit:read. */
  key: { id: string; secret: string };
  /** A second key of the project, the target of the key mutations. */
  victim: { id: string; secret: string };
  productId: string;
  customerId: string;
  invoiceId: string;
  paymentId: string;
}

let t: TestServer;
let A: Tenant;
let B: Tenant;

async function seedTenant(name: string): Promise<Tenant> {
  const projectId = await createProject(t, { name, plan: 'PRO' });
  const key = await createKey(t, { projectId, scopes: TENANT_SCOPES, name: `${name} main` });
  const victim = await createKey(t, { projectId, scopes: ['products:read'], name: `${name} ci` });
  const product = await t.gql(
    CreateProduct,
    { input: { name: `${name} widget`, priceCents: 1999, currency: 'EUR' } },
    key.secret,
  );
  const customer = await t.gql(
    CreateCustomer,
    { input: { name: `${name} customer`, email: 'ap@example.com', country: 'DE' } },
    key.secret,
  );
  const customerId = customer.body.data?.createCustomer?.id as string;
  const invoice = await t.gql(
    CreateInvoice,
    { input: { customerId, amountCents: 10_000, currency: 'EUR' } },
    key.secret,
  );
  const invoiceId = invoice.body.data?.createInvoice?.id as string;
  const payment = await t.gql(
    RecordPayment,
    { input: { invoiceId, amountCents: 2_500, method: 'card' } },
    key.secret,
  );
  for (const res of [product, customer, invoice, payment]) {
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  }
  expect(payment.body.data?.recordPayment?.invoice?.status).toBe('OPEN');
  return {
    name,
    projectId,
    key,
    victim,
    productId: product.body.data?.createProduct?.id as string,
    customerId,
    invoiceId,
    paymentId: payment.body.data?.recordPayment?.id as string,
  };
}

beforeAll(async () => {
  t = await startTestServer();
  A = await seedTenant('Tenant A');
  B = await seedTenant('Tenant B');
});
afterAll(() => t.close());

/** The response body as JSON with `id` replaced by a placeholder, so two answers compare. */
function withoutId(body: unknown, id: string): unknown {
  return JSON.parse(JSON.stringify(body).replaceAll(id, '<id>'));
}

/**
 * Runs the same request with B's id and with a well-formed id that exists nowhere, and
 * asserts both answers are identical (status and body, the id itself aside).
 */
async function expectSameAsMissing<T>(
  run: (id: string) => Promise<GqlResponse<T>>,
  foreignId: string,
  missingId: string,
): Promise<GqlResponse<T>> {
  const foreign = await run(foreignId);
  const missing = await run(missingId);
  expect(foreign.status).toBe(missing.status);
  expect(withoutId(foreign.body, foreignId)).toEqual(withoutId(missing.body, missingId));
  return foreign;
}

/** Asserts a mutation answered NOT_FOUND at its own path with exactly `message`. */
function expectNotFound<T>(res: GqlResponse<T>, field: string, message: string): void {
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual({ [field]: null });
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors?.[0]?.message).toBe(message);
  expect(res.body.errors?.[0]?.path).toEqual([field]);
  expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
}

const missing = {
  project: () => newId('prj', t.clock.now()),
  key: () => newId('key', t.clock.now()),
  customer: () => newId('cus', t.clock.now()),
  invoice: () => newId('inv', t.clock.now()),
};

describe('queries by id answer null for another project, exactly as for a missing id', () => {
  test('project(id) of another project is null, like a project that does not exist', async () => {
    const own = await t.gql(ProjectById, { id: B.projectId }, B.key.secret);
    expect(own.body.data?.project?.id).toBe(B.projectId);

    const res = await expectSameAsMissing(
      (id) => t.gql(ProjectById, { id }, A.key.secret),
      B.projectId,
      missing.project(),
    );
    expect(res.status).toBe(200);
    // project 1 + rotationPolicy 1 + keys(first: 100) 1 + 100 × node 1; PRO's budget
    expect(res.body).toEqual({
      data: { project: null },
      extensions: { cost: { requestedQueryCost: 103, maxCost: 5000 } },
    });
  });

  test("key(id) of another project's key is null, like a key that does not exist", async () => {
    const own = await t.gql(KeyById, { id: B.victim.id }, B.key.secret);
    expect(own.body.data?.key?.id).toBe(B.victim.id);

    for (const foreignKey of [B.key.id, B.victim.id]) {
      const res = await expectSameAsMissing(
        (id) => t.gql(KeyById, { id }, A.key.secret),
        foreignKey,
        missing.key(),
      );
      expect(res.status).toBe(200);
      // key, rotatedFrom, replacedBy, project: 1 each + keys (default first 20) 1 + 20 × 1
      expect(res.body).toEqual({
        data: { key: null },
        extensions: { cost: { requestedQueryCost: 25, maxCost: 5000 } },
      });
    }
  });

  test("customer(id) of another project's customer is null, like a missing customer", async () => {
    const own = await t.gql(CustomerById, { id: B.customerId }, B.key.secret);
    expect(own.body.data?.customer?.id).toBe(B.customerId);

    const res = await expectSameAsMissing(
      (id) => t.gql(CustomerById, { id }, A.key.secret),
      B.customerId,
      missing.customer(),
    );
    expect(res.status).toBe(200);
    // customer 1 + invoices (default first 20) 1 + 20 × 1
    expect(res.body).toEqual({
      data: { customer: null },
      extensions: { cost: { requestedQueryCost: 22, maxCost: 5000 } },
    });
  });

  test("invoice(id) of another project's invoice is null, like a missing invoice", async () => {
    const own = await t.gql(InvoiceById, { id: B.invoiceId }, B.key.secret);
    expect(own.body.data?.invoice?.id).toBe(B.invoiceId);

    const res = await expectSameAsMissing(
      (id) => t.gql(InvoiceById, { id }, A.key.secret),
      B.invoiceId,
      missing.invoice(),
    );
    expect(res.status).toBe(200);
    // invoice 1 + customer 1 + payments (default first 20) 1 + 20 × 1
    expect(res.body).toEqual({
      data: { invoice: null },
      extensions: { cost: { requestedQueryCost: 23, maxCost: 5000 } },
    });
  });
});

describe('filters naming another project or its objects find nothing', () => {
  test("keys(filter: { projectId }) of another project is empty, like a missing project's", async () => {
    const own = await t.gql(KeysByProject, { projectId: B.projectId }, B.key.secret);
    expect(own.body.data?.keys?.edges.length).toBeGreaterThanOrEqual(2);

    const res = await expectSameAsMissing(
      (projectId) => t.gql(KeysByProject, { projectId }, A.key.secret),
      B.projectId,
      missing.project(),
    );
    expect(res.status).toBe(200);
    // keys(first: 100) 1 + 100 × node 1 (pageInfo is free)
    expect(res.body).toEqual({
      data: { keys: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } },
      extensions: { cost: { requestedQueryCost: 101, maxCost: 5000 } },
    });
  });

  test("auditLog(filter: { projectId }) of another project is empty, like a missing project's", async () => {
    const own = await t.gql(AuditByFilter, { filter: { projectId: B.projectId } }, t.adminKey);
    expect(own.body.data?.auditLog?.edges.length).toBeGreaterThan(0);

    const res = await expectSameAsMissing(
      (projectId) => t.gql(AuditByFilter, { filter: { projectId } }, A.key.secret),
      B.projectId,
      missing.project(),
    );
    expect(res.status).toBe(200);
    // auditLog(first: 100) 1 + 100 × node 1 (pageInfo is free)
    expect(res.body).toEqual({
      data: { auditLog: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } },
      extensions: { cost: { requestedQueryCost: 101, maxCost: 5000 } },
    });
  });

  test("auditLog filtered by another project's key as target or actor is empty", async () => {
    const own = await t.gql(AuditByFilter, { filter: { targetId: B.victim.id } }, t.adminKey);
    expect(own.body.data?.auditLog?.edges.length).toBeGreaterThan(0);

    for (const field of ['targetId', 'actorKeyId'] as const) {
      const res = await expectSameAsMissing(
        (id) => t.gql(AuditByFilter, { filter: { [field]: id } }, A.key.secret),
        field === 'targetId' ? B.victim.id : B.key.id,
        missing.key(),
      );
      expect(res.body).toEqual({
        data: { auditLog: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } },
        extensions: { cost: { requestedQueryCost: 101, maxCost: 5000 } },
      });
    }
  });

  test("invoices(filter: { customerId }) with another project's customer is empty", async () => {
    const own = await t.gql(InvoicesByCustomer, { customerId: B.customerId }, B.key.secret);
    expect(own.body.data?.invoices?.edges.map((e) => e.node.id)).toEqual([B.invoiceId]);

    const res = await expectSameAsMissing(
      (customerId) => t.gql(InvoicesByCustomer, { customerId }, A.key.secret),
      B.customerId,
      missing.customer(),
    );
    // invoices(first: 100) 1 + 100 × node 1 (pageInfo is free)
    expect(res.body).toEqual({
      data: { invoices: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } },
      extensions: { cost: { requestedQueryCost: 101, maxCost: 5000 } },
    });
  });

  test("Project.keys never lists another project's keys, whatever its filter says", async () => {
    const res = await t.gql(OwnProjectKeys, { projectId: B.projectId }, A.key.secret);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data?.viewer.project?.keys?.edges.map((e) => e.node) ?? [];
    expect(nodes.map((n) => n.id).sort()).toEqual([A.key.id, A.victim.id].sort());
    for (const node of nodes) expect(node.project?.id).toBe(A.projectId);
  });
});

describe('mutations on another project answer NOT_FOUND, exactly as for a missing id', () => {
  test('updateProject on another project is NOT_FOUND, whatever the input', async () => {
    const inputs = [
      { name: 'pwned' },
      { region: 'evil' },
      { plan: 'ENTERPRISE' as const },
      { allowedScopes: ['usage:read'] },
      { rotationPolicy: { maxKeyAgeDays: 1, enforce: true } },
    ];
    for (const input of inputs) {
      const res = await expectSameAsMissing(
        (id) => t.gql(UpdateProject, { id, input }, A.key.secret),
        B.projectId,
        missing.project(),
      );
      expectNotFound(res, 'updateProject', `no project with id "${B.projectId}"`);
    }
  });

  test("updateKey on another project's key is NOT_FOUND, whatever the input", async () => {
    const inputs = [
      { name: 'pwned' },
      { scopes: ['products:read', 'products:write'] },
      { scopes: ['not:a-scope'] },
      { allowedIps: ['203.0.113.0/24'] },
      { rateLimitPerMinute: -1 },
    ];
    for (const input of inputs) {
      const res = await expectSameAsMissing(
        (id) => t.gql(UpdateKey, { id, input }, A.key.secret),
        B.victim.id,
        missing.key(),
      );
      expectNotFound(res, 'updateKey', `no API key with id "${B.victim.id}"`);
    }
  });

  test("revokeKey on another project's key is NOT_FOUND", async () => {
    for (const reason of [undefined, 'COMPROMISED' as const]) {
      const res = await expectSameAsMissing(
        (id) => t.gql(RevokeKey, { id, reason }, A.key.secret),
        B.victim.id,
        missing.key(),
      );
      expectNotFound(res, 'revokeKey', `no API key with id "${B.victim.id}"`);
    }
  });

  test("rotateKey on another project's key is NOT_FOUND, even with an invalid grace period", async () => {
    for (const grace of [undefined, 0, -5]) {
      const res = await expectSameAsMissing(
        (id) => t.gql(RotateKey, { id, grace }, A.key.secret),
        B.victim.id,
        missing.key(),
      );
      expectNotFound(res, 'rotateKey', `no API key with id "${B.victim.id}"`);
    }
  });

  test('createKey in another project is NOT_FOUND, like in a project that does not exist', async () => {
    const inputs = [
      { name: 'backdoor', scopes: ['products:read'] },
      { name: 'backdoor', kind: 'PUBLISHABLE' as const, scopes: ['products:read'] },
      { name: 'backdoor', scopes: ['keys:write', 'projects:write'] },
      { name: 'backdoor', scopes: ['not:a-scope'] },
    ];
    for (const input of inputs) {
      const res = await expectSameAsMissing(
        (projectId) => t.gql(CreateKey, { input: { ...input, projectId } }, A.key.secret),
        B.projectId,
        missing.project(),
      );
      expectNotFound(res, 'createKey', `no project with id "${B.projectId}"`);
    }
  });

  test("createInvoice for another project's customer is NOT_FOUND", async () => {
    const res = await expectSameAsMissing(
      (customerId) =>
        t.gql(
          CreateInvoice,
          { input: { customerId, amountCents: 500, currency: 'EUR' } },
          A.key.secret,
        ),
      B.customerId,
      missing.customer(),
    );
    expectNotFound(res, 'createInvoice', `no customer with id "${B.customerId}"`);
  });

  test("recordPayment on another project's invoice is NOT_FOUND, whatever the amount", async () => {
    for (const amountCents of [100, 7_500, 1_000_000]) {
      const res = await expectSameAsMissing(
        (invoiceId) => t.gql(RecordPayment, { input: { invoiceId, amountCents } }, A.key.secret),
        B.invoiceId,
        missing.invoice(),
      );
      expectNotFound(res, 'recordPayment', `no invoice with id "${B.invoiceId}"`);
    }
  });
});

describe('lists contain only the caller project', () => {
  test("products, customers, invoices, projects, keys and auditLog hold only project A's rows", async () => {
    const res = await t.gql(Lists, {}, A.key.secret);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data;
    expect(data?.products?.edges.map((e) => e.node.id)).toEqual([A.productId]);
    expect(data?.customers?.edges.map((e) => e.node.id)).toEqual([A.customerId]);
    expect(data?.invoices?.edges.map((e) => e.node)).toEqual([
      { id: A.invoiceId, customer: { id: A.customerId } },
    ]);
    expect(data?.projects?.edges.map((e) => e.node.id)).toEqual([A.projectId]);
    const keys = data?.keys?.edges.map((e) => e.node) ?? [];
    expect(keys.map((k) => k.id).sort()).toEqual([A.key.id, A.victim.id].sort());
    for (const key of keys) expect(key.project?.id).toBe(A.projectId);
    const audit = data?.auditLog?.edges.map((e) => e.node.projectId) ?? [];
    expect(audit.length).toBeGreaterThan(0);
    for (const projectId of audit) expect(projectId).toBe(A.projectId);
  });

  test("project B's own key sees only project B's rows", async () => {
    const res = await t.gql(Lists, {}, B.key.secret);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.products?.edges.map((e) => e.node.id)).toEqual([B.productId]);
    expect(res.body.data?.customers?.edges.map((e) => e.node.id)).toEqual([B.customerId]);
    expect(res.body.data?.invoices?.edges.map((e) => e.node.id)).toEqual([B.invoiceId]);
    expect(res.body.data?.projects?.edges.map((e) => e.node.id)).toEqual([B.projectId]);
  });
});

describe("another project's data survives every attempt", () => {
  /** Every mutation of the contract that takes an id, aimed at project B with A's key. */
  async function attackB(): Promise<GqlResponse<unknown>[]> {
    const a = A.key.secret;
    return [
      await t.gql(UpdateProject, { id: B.projectId, input: { name: 'pwned' } }, a),
      await t.gql(UpdateProject, { id: B.projectId, input: { plan: 'FREE' } }, a),
      await t.gql(UpdateKey, { id: B.victim.id, input: { name: 'pwned' } }, a),
      await t.gql(UpdateKey, { id: B.key.id, input: { scopes: ['products:read'] } }, a),
      await t.gql(RevokeKey, { id: B.victim.id, reason: 'COMPROMISED' }, a),
      await t.gql(RevokeKey, { id: B.key.id }, a),
      await t.gql(RotateKey, { id: B.victim.id, grace: 0 }, a),
      await t.gql(RotateKey, { id: B.key.id }, a),
      await t.gql(
        CreateKey,
        { input: { projectId: B.projectId, name: 'backdoor', scopes: ['products:read'] } },
        a,
      ),
      await t.gql(
        CreateInvoice,
        { input: { customerId: B.customerId, amountCents: 1, currency: 'EUR' } },
        a,
      ),
      await t.gql(RecordPayment, { input: { invoiceId: B.invoiceId, amountCents: 7_500 } }, a),
    ];
  }

  test("after every attempt by project A, project B's keys, ledger and audit log are unchanged", async () => {
    const before = await t.gql(TenantState, {}, B.key.secret);
    expect(before.status).toBe(200);
    expect(before.body.errors).toBeUndefined();

    for (const res of await attackB()) {
      expect(res.status).toBe(200);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }

    const after = await t.gql(TenantState, {}, B.key.secret);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);

    const project = after.body.data?.viewer.project;
    expect(project?.name).toBe('Tenant B');
    expect(project?.plan).toBe('PRO');
    const keys = project?.keys?.edges.map((e) => e.node) ?? [];
    expect(keys.map((k) => k.id).sort()).toEqual([B.key.id, B.victim.id].sort());
    for (const key of keys) {
      expect(key.status).toBe('ACTIVE');
      expect(key.revokedAt).toBeNull();
      expect(key.replacedBy).toBeNull();
    }
    expect(keys.find((k) => k.id === B.victim.id)?.name).toBe('Tenant B ci');
    expect(after.body.data?.invoices?.edges.map((e) => e.node)).toEqual([
      {
        id: B.invoiceId,
        number: 'INV-000001',
        status: 'OPEN',
        amountCents: 10_000,
        payments: { edges: [{ node: { id: B.paymentId, amountCents: 2_500 } }] },
      },
    ]);
    expect(after.body.data?.customers?.edges.map((e) => e.node.id)).toEqual([B.customerId]);
    expect(after.body.data?.products?.edges.map((e) => e.node.id)).toEqual([B.productId]);
  });

  test("after every attempt, project B's keys still authenticate", async () => {
    await attackB();
    for (const key of [B.key, B.victim]) {
      const res = await t.gql(ViewerStatus, {}, key.secret);
      expect(res.status).toBe(200);
      expect(res.body.data?.viewer).toEqual({
        key: { id: key.id, status: 'ACTIVE' },
        project: { id: B.projectId },
      });
    }
  });

  test('failed attempts on project B write no audit event anywhere', async () => {
    const count = async () => {
      const res = await t.gql(AuditByFilter, {}, t.adminKey);
      return res.body.data?.auditLog?.edges.length;
    };
    const before = await count();
    await attackB();
    expect(await count()).toBe(before);
  });
});
