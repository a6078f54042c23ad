import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import {
  adminUpdateProject,
  forbiddenAt,
  ledgerWriter,
  seedCustomer,
  seedInvoice,
} from './ledger-seed.js';

const CreateProduct = graphql(`
  mutation AuthzPubCreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
    }
  }
`);

const ProductsAndInvoices = graphql(`
  query AuthzPubProductsAndInvoices {
    products {
      edges {
        node {
          name
          priceCents
          currency
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

const PubViewer = graphql(`
  query AuthzPubViewer {
    viewer {
      key {
        kind
        scopes
      }
      scopes
    }
  }
`);

const PubCreateKey = graphql(`
  mutation AuthzPubCreateKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      key {
        id
        kind
        scopes
      }
      secret
    }
  }
`);

const PubUpdateKey = graphql(`
  mutation AuthzPubUpdateKey($id: ID!, $input: UpdateKeyInput!) {
    updateKey(id: $id, input: $input) {
      id
      scopes
    }
  }
`);

const AgedReceivables = graphql(`
  query AuthzPremiumAged {
    agedReceivables {
      buckets {
        label
        amountCents
        invoiceCount
      }
    }
    viewer {
      scopes
    }
  }
`);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('publishable keys', () => {
  test('a publishable key with products:read gets products, and invoices null with FORBIDDEN at its path', async () => {
    const projectId = await createProject(t);
    const writer = await ledgerWriter(t, projectId);
    const product = await t.gql(
      CreateProduct,
      { input: { name: 'Widget', priceCents: 999, currency: 'EUR' } },
      writer,
    );
    expect(product.body.errors).toBeUndefined();
    const customerId = await seedCustomer(t, writer, { name: 'Ada' });
    await seedInvoice(t, writer, { customerId, amountCents: 100 });
    const { secret } = await createKey(t, {
      projectId,
      kind: 'PUBLISHABLE',
      scopes: ['products:read'],
    });

    const res = await t.gql(ProductsAndInvoices, {}, secret);

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      products: { edges: [{ node: { name: 'Widget', priceCents: 999, currency: 'EUR' } }] },
      invoices: null,
    });
    expect(forbiddenAt(res.body.errors)).toEqual([
      { path: ['invoices'], code: 'FORBIDDEN', requiredScopes: ['invoices:read'] },
    ]);
  });

  test('a publishable key is created with products:read and says so in its secret and viewer', async () => {
    const projectId = await createProject(t);

    const res = await t.gql(
      PubCreateKey,
      { input: { projectId, name: 'storefront', kind: 'PUBLISHABLE', scopes: ['products:read'] } },
      t.adminKey,
    );

    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.createKey?.key.kind).toBe('PUBLISHABLE');
    expect(res.body.data?.createKey?.key.scopes).toEqual(['products:read']);
    const secret = res.body.data?.createKey?.secret as string;
    expect(secret.startsWith('kg_pk_live_')).toBe(true);
    const viewer = await t.gql(PubViewer, {}, secret);
    expect(viewer.body.data?.viewer).toEqual({
      key: { kind: 'PUBLISHABLE', scopes: ['products:read'] },
      scopes: ['products:read'],
    });
  });

  test.each([
    [['invoices:read'], 'invoices:read'],
    [['products:read', 'customers:read'], 'customers:read'],
    [['products:write'], 'products:write'],
    [['keys:read'], 'keys:read'],
  ])('creating a PUBLISHABLE key with %j is BAD_USER_INPUT naming "%s"', async (scopes, named) => {
    const projectId = await createProject(t);

    const res = await t.gql(
      PubCreateKey,
      { input: { projectId, name: 'storefront', kind: 'PUBLISHABLE', scopes } },
      t.adminKey,
    );

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ createKey: null });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0]?.path).toEqual(['createKey']);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toContain(`"${named}"`);
  });

  test('a publishable key cannot be widened to a secret scope by updateKey', async () => {
    const projectId = await createProject(t);
    const { id, secret } = await createKey(t, {
      projectId,
      kind: 'PUBLISHABLE',
      scopes: ['products:read'],
    });

    const res = await t.gql(
      PubUpdateKey,
      { id, input: { scopes: ['products:read', 'invoices:read'] } },
      t.adminKey,
    );

    expect(res.body.data).toEqual({ updateKey: null });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toContain('"invoices:read"');
    const viewer = await t.gql(PubViewer, {}, secret);
    expect(viewer.body.data?.viewer.scopes).toEqual(['products:read']);
  });
});

describe('premium scopes', () => {
  test('reports:read cannot be granted to a key of a FREE project: createKey and updateKey are BAD_USER_INPUT', async () => {
    const projectId = await createProject(t, { plan: 'FREE' });
    const message = `scope "reports:read" is premium and project "${projectId}" is on the FREE plan, which does not include it`;

    const created = await t.gql(
      PubCreateKey,
      { input: { projectId, name: 'reporter', scopes: ['reports:read', 'invoices:read'] } },
      t.adminKey,
    );

    expect(created.status).toBe(200);
    expect(created.body.data).toEqual({ createKey: null });
    expect(created.body.errors).toHaveLength(1);
    expect(created.body.errors?.[0]?.path).toEqual(['createKey']);
    expect(created.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(created.body.errors?.[0]?.message).toBe(message);

    const { id, secret } = await createKey(t, { projectId, scopes: ['invoices:read'] });
    const updated = await t.gql(
      PubUpdateKey,
      { id, input: { scopes: ['invoices:read', 'reports:read'] } },
      t.adminKey,
    );

    expect(updated.body.data).toEqual({ updateKey: null });
    expect(updated.body.errors).toHaveLength(1);
    expect(updated.body.errors?.[0]?.path).toEqual(['updateKey']);
    expect(updated.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(updated.body.errors?.[0]?.message).toBe(message);
    const viewer = await t.gql(PubViewer, {}, secret);
    expect(viewer.body.data?.viewer.key.scopes).toEqual(['invoices:read']);
  });

  test('a FREE project key holding reports:read gets agedReceivables FORBIDDEN: the plan does not include it', async () => {
    // The key can only hold reports:read if it got it on PRO before the project was downgraded.
    const projectId = await createProject(t, { plan: 'PRO' });
    const { secret } = await createKey(t, { projectId, scopes: ['reports:read', 'invoices:read'] });
    await adminUpdateProject(t, projectId, { plan: 'FREE' });

    const res = await t.gql(AgedReceivables, {}, secret);

    expect(res.status).toBe(200);
    // agedReceivables 1 + buckets 1 + viewer 1; the FREE plan's budget
    expect(res.body.extensions).toEqual({ cost: { requestedQueryCost: 3, maxCost: 500 } });
    expect(res.body.data).toEqual({ agedReceivables: null, viewer: { scopes: ['invoices:read'] } });
    expect(forbiddenAt(res.body.errors)).toEqual([
      { path: ['agedReceivables'], code: 'FORBIDDEN', requiredScopes: ['reports:read'] },
    ]);
    expect(res.body.errors?.[0]?.message).toContain('the FREE plan does not include');
  });

  test('a PRO project key without reports:read gets agedReceivables FORBIDDEN for the missing scope', async () => {
    const projectId = await createProject(t, { plan: 'PRO' });
    const { secret } = await createKey(t, { projectId, scopes: ['invoices:read'] });

    const res = await t.gql(AgedReceivables, {}, secret);

    expect(res.body.data?.agedReceivables).toBeNull();
    expect(forbiddenAt(res.body.errors)).toEqual([
      { path: ['agedReceivables'], code: 'FORBIDDEN', requiredScopes: ['reports:read'] },
    ]);
    expect(res.body.errors?.[0]?.message).toContain('the key does not hold "reports:read"');
  });

  test.each(['PRO', 'ENTERPRISE'] as const)(
    'a %s project key holding reports:read reads agedReceivables',
    async (plan) => {
      const projectId = await createProject(t, { plan });
      const { secret } = await createKey(t, { projectId, scopes: ['reports:read'] });

      const res = await t.gql(AgedReceivables, {}, secret);

      expect(res.body.errors).toBeUndefined();
      expect(res.body.data).toEqual({
        agedReceivables: {
          buckets: ['current', '1-30', '31-60', '61-90', '90+'].map((label) => ({
            label,
            amountCents: 0,
            invoiceCount: 0,
          })),
        },
        viewer: { scopes: ['reports:read'] },
      });
    },
  );

  test('upgrading a project from FREE to PRO makes reports:read usable on the very next request', async () => {
    // A FREE project's key holding reports:read: granted on PRO, then the project downgraded.
    const projectId = await createProject(t, { plan: 'PRO' });
    const writer = await ledgerWriter(t, projectId);
    const customerId = await seedCustomer(t, writer, { name: 'Ada' });
    await seedInvoice(t, writer, { customerId, amountCents: 4200 });
    const { secret } = await createKey(t, { projectId, scopes: ['reports:read'] });
    await adminUpdateProject(t, projectId, { plan: 'FREE' });

    // The denial is served from a warm verified-key cache…
    const denied = await t.gql(AgedReceivables, {}, secret);
    expect(denied.body.data?.agedReceivables).toBeNull();
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(denied.body.errors?.[0]?.message).toContain('the FREE plan does not include');
    expect((await t.gql(AgedReceivables, {}, secret)).body.data?.agedReceivables).toBeNull();

    await adminUpdateProject(t, projectId, { plan: 'PRO' });

    // …and the upgrade must not wait for it to expire.
    const upgraded = await t.gql(AgedReceivables, {}, secret);
    expect(upgraded.body.errors).toBeUndefined();
    expect(upgraded.body.data?.viewer.scopes).toEqual(['reports:read']);
    expect(upgraded.body.data?.agedReceivables?.buckets[0]).toEqual({
      label: 'current',
      amountCents: 4200,
      invoiceCount: 1,
    });
  });

  test('downgrading a project from PRO to FREE takes reports:read away on the very next request', async () => {
    const projectId = await createProject(t, { plan: 'PRO' });
    const { secret } = await createKey(t, { projectId, scopes: ['reports:read'] });
    expect((await t.gql(AgedReceivables, {}, secret)).body.errors).toBeUndefined();

    await adminUpdateProject(t, projectId, { plan: 'FREE' });

    const res = await t.gql(AgedReceivables, {}, secret);
    expect(res.body.data).toEqual({ agedReceivables: null, viewer: { scopes: [] } });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.body.errors?.[0]?.message).toContain('the FREE plan does not include');
  });
});
