import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { ledgerWriter, seedCustomer, seedInvoice, seedPayment } from './ledger-seed.js';

const LedgerCreateInvoice = graphql(`
  mutation AuthzLedgerCreateInvoice($input: CreateInvoiceInput!) {
    createInvoice(input: $input) {
      id
      number
      amountCents
      currency
      status
      issuedAt
      dueAt
    }
  }
`);

const LedgerRecordPayment = graphql(`
  mutation AuthzLedgerRecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
      amountCents
      method
      receivedAt
    }
  }
`);

const LedgerCreateProduct = graphql(`
  mutation AuthzLedgerCreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
    }
  }
`);

const LedgerInvoice = graphql(`
  query AuthzLedgerInvoice($id: ID!) {
    invoice(id: $id) {
      number
      status
      amountCents
      payments {
        edges {
          node {
            amountCents
          }
        }
      }
    }
  }
`);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

async function ledger() {
  const projectId = await createProject(t);
  const writer = await ledgerWriter(t, projectId);
  const { secret: reader } = await createKey(t, {
    projectId,
    scopes: ['invoices:read', 'payments:read'],
  });
  const customerId = await seedCustomer(t, writer, { name: 'Ada', country: 'DE' });
  return { projectId, writer, reader, customerId };
}

function expectBadInput(
  res: Awaited<ReturnType<TestServer['gql']>>,
  field: string,
  message: string | RegExp,
) {
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual({ [field]: null });
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors?.[0]?.path).toEqual([field]);
  expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  if (typeof message === 'string') expect(res.body.errors?.[0]?.message).toContain(message);
  else expect(res.body.errors?.[0]?.message).toMatch(message);
}

describe('ledger rules', () => {
  test('invoices are numbered INV-000001, INV-000002 within each project', async () => {
    const a = await ledger();
    const b = await ledger();

    const a1 = await seedInvoice(t, a.writer, { customerId: a.customerId, amountCents: 100 });
    const b1 = await seedInvoice(t, b.writer, { customerId: b.customerId, amountCents: 100 });
    const a2 = await seedInvoice(t, a.writer, { customerId: a.customerId, amountCents: 100 });
    const b2 = await seedInvoice(t, b.writer, { customerId: b.customerId, amountCents: 100 });

    expect([a1.number, a2.number]).toEqual(['INV-000001', 'INV-000002']);
    expect([b1.number, b2.number]).toEqual(['INV-000001', 'INV-000002']);
  });

  test('a new invoice is OPEN, issued now, in the currency given', async () => {
    const { writer, customerId } = await ledger();
    const dueAt = new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString();

    const res = await t.gql(
      LedgerCreateInvoice,
      { input: { customerId, amountCents: 12_345, currency: 'USD', dueAt } },
      writer,
    );

    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.createInvoice).toMatchObject({
      number: 'INV-000001',
      amountCents: 12_345,
      currency: 'USD',
      status: 'OPEN',
      issuedAt: t.clock.now().toISOString(),
      dueAt,
    });
  });

  test('recording the full outstanding amount marks the invoice PAID', async () => {
    const { writer, reader, customerId } = await ledger();
    const invoice = await seedInvoice(t, writer, { customerId, amountCents: 10_000 });

    await seedPayment(t, writer, { invoiceId: invoice.id, amountCents: 4_000 });
    const partly = await t.gql(LedgerInvoice, { id: invoice.id }, reader);
    expect(partly.body.data?.invoice?.status).toBe('OPEN');

    const rest = await t.gql(
      LedgerRecordPayment,
      { input: { invoiceId: invoice.id, amountCents: 6_000, method: 'sepa' } },
      writer,
    );
    expect(rest.body.errors).toBeUndefined();
    expect(rest.body.data?.recordPayment).toMatchObject({
      amountCents: 6_000,
      method: 'sepa',
      receivedAt: t.clock.now().toISOString(),
    });

    const paid = await t.gql(LedgerInvoice, { id: invoice.id }, reader);
    expect(paid.body.errors).toBeUndefined();
    expect(paid.body.data?.invoice).toEqual({
      number: 'INV-000001',
      status: 'PAID',
      amountCents: 10_000,
      payments: {
        edges: expect.arrayContaining([
          { node: { amountCents: 4_000 } },
          { node: { amountCents: 6_000 } },
        ]),
      },
    });
    expect(paid.body.data?.invoice?.payments?.edges).toHaveLength(2);
  });

  test('a payment over the outstanding amount is BAD_USER_INPUT and records nothing', async () => {
    const { writer, reader, customerId } = await ledger();
    const invoice = await seedInvoice(t, writer, { customerId, amountCents: 10_000 });
    await seedPayment(t, writer, { invoiceId: invoice.id, amountCents: 7_000 });

    const res = await t.gql(
      LedgerRecordPayment,
      { input: { invoiceId: invoice.id, amountCents: 3_001 } },
      writer,
    );

    expectBadInput(res, 'recordPayment', 'amountCents 3001 exceeds the 3000 outstanding');
    const after = await t.gql(LedgerInvoice, { id: invoice.id }, reader);
    expect(after.body.data?.invoice?.status).toBe('OPEN');
    expect(after.body.data?.invoice?.payments?.edges).toEqual([{ node: { amountCents: 7_000 } }]);
  });

  test('a payment on a PAID invoice is BAD_USER_INPUT', async () => {
    const { writer, reader, customerId } = await ledger();
    const invoice = await seedInvoice(t, writer, { customerId, amountCents: 500 });
    await seedPayment(t, writer, { invoiceId: invoice.id, amountCents: 500 });

    const res = await t.gql(
      LedgerRecordPayment,
      { input: { invoiceId: invoice.id, amountCents: 1 } },
      writer,
    );

    expectBadInput(res, 'recordPayment', 'is PAID');
    const after = await t.gql(LedgerInvoice, { id: invoice.id }, reader);
    expect(after.body.data?.invoice?.payments?.edges).toHaveLength(1);
  });

  test.each([0, -100])('a payment of %i cents is BAD_USER_INPUT', async (amountCents) => {
    const { writer, customerId } = await ledger();
    const invoice = await seedInvoice(t, writer, { customerId, amountCents: 500 });

    const res = await t.gql(
      LedgerRecordPayment,
      { input: { invoiceId: invoice.id, amountCents } },
      writer,
    );

    expectBadInput(res, 'recordPayment', 'amountCents must be positive');
  });

  test.each(['eur', 'EURO', 'E1R', ''])(
    'currency %j is BAD_USER_INPUT for invoices and products',
    async (currency) => {
      const { writer, reader, customerId } = await ledger();

      const invoice = await t.gql(
        LedgerCreateInvoice,
        { input: { customerId, amountCents: 100, currency } },
        writer,
      );
      expectBadInput(invoice, 'createInvoice', 'currency must be a three-letter ISO 4217 code');

      const product = await t.gql(
        LedgerCreateProduct,
        { input: { name: 'Widget', priceCents: 100, currency } },
        writer,
      );
      expectBadInput(product, 'createProduct', 'currency must be a three-letter ISO 4217 code');

      // A refused invoice uses no number.
      const next = await seedInvoice(t, writer, { customerId, amountCents: 100 });
      expect(next.number).toBe('INV-000001');
      expect((await t.gql(LedgerInvoice, { id: next.id }, reader)).body.data?.invoice?.number).toBe(
        'INV-000001',
      );
    },
  );

  test('an invoice due in the past or for a non-positive amount is BAD_USER_INPUT', async () => {
    const { writer, customerId } = await ledger();
    const yesterday = new Date(t.clock.now().getTime() - 86_400_000).toISOString();

    const past = await t.gql(
      LedgerCreateInvoice,
      { input: { customerId, amountCents: 100, currency: 'EUR', dueAt: yesterday } },
      writer,
    );
    expectBadInput(past, 'createInvoice', 'dueAt must not be in the past');

    const zero = await t.gql(
      LedgerCreateInvoice,
      { input: { customerId, amountCents: 0, currency: 'EUR' } },
      writer,
    );
    expectBadInput(zero, 'createInvoice', 'amountCents must be positive');
  });

  test("an invoice for another project's customer is NOT_FOUND", async () => {
    const mine = await ledger();
    const theirs = await ledger();

    const res = await t.gql(
      LedgerCreateInvoice,
      { input: { customerId: theirs.customerId, amountCents: 100, currency: 'EUR' } },
      mine.writer,
    );

    expect(res.body.data).toEqual({ createInvoice: null });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.body.errors?.[0]?.message).toBe(`no customer with id "${theirs.customerId}"`);
  });

  test("a payment on another project's invoice is NOT_FOUND and leaves it unpaid", async () => {
    const mine = await ledger();
    const theirs = await ledger();
    const invoice = await seedInvoice(t, theirs.writer, {
      customerId: theirs.customerId,
      amountCents: 100,
    });

    const res = await t.gql(
      LedgerRecordPayment,
      { input: { invoiceId: invoice.id, amountCents: 100 } },
      mine.writer,
    );

    expect(res.body.data).toEqual({ recordPayment: null });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const after = await t.gql(LedgerInvoice, { id: invoice.id }, theirs.reader);
    expect(after.body.data?.invoice?.status).toBe('OPEN');
  });
});

const LedgerInvoiceList = graphql(`
  query AuthzLedgerInvoiceList {
    invoices {
      edges {
        node {
          number
        }
      }
    }
  }
`);

describe('ledger lists', () => {
  test('invoices created within the same millisecond are still listed newest first', async () => {
    // The fake clock does not move here, as two requests can share a millisecond in production.
    const { writer, reader, customerId } = await ledger();
    for (let i = 0; i < 8; i++) await seedInvoice(t, writer, { customerId, amountCents: 100 });

    const res = await t.gql(LedgerInvoiceList, {}, reader);

    expect(res.body.data?.invoices?.edges.map((e) => e.node.number)).toEqual([
      'INV-000008',
      'INV-000007',
      'INV-000006',
      'INV-000005',
      'INV-000004',
      'INV-000003',
      'INV-000002',
      'INV-000001',
    ]);
  });
});
