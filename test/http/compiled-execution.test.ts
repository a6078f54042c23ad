import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// Compiled execution (graphql-jit, KEYGATE_JIT=true, the default) must answer exactly as
// graphql-js's interpreter does: two servers on one database, one of each, get the same
// requests and must return byte-identical bodies and the same status.

let jit: TestServer;
let interpreted: TestServer;
let reader: string;
let narrow: string;
let customerId: string;
let invoiceId: string;

async function post(t: TestServer, key: string, body: unknown) {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      'x-api-key': key,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  jit = await startTestServer({ env: { KEYGATE_JIT: 'true' } });
  interpreted = await startTestServer({
    database: jit.database,
    env: { KEYGATE_JIT: 'false' },
  });
  const projectId = await createProject(jit, { plan: 'PRO' });
  const writer = await createKey(jit, {
    projectId,
    scopes: ['customers:write', 'invoices:write', 'payments:write', 'customers:read'],
  });
  const write = async (query: string, variables: Record<string, unknown>) => {
    const { text } = await post(jit, writer.secret, { query, variables });
    const body = JSON.parse(text) as { data?: Record<string, { id: string }> };
    const id = Object.values(body.data ?? {})[0]?.id;
    expect(id, text).toBeTypeOf('string');
    return id as string;
  };
  customerId = await write(
    'mutation JitCustomer($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
    { input: { name: 'Ada "Quoted" \\ Lovelace', email: 'ada@example.com', country: 'GB' } },
  );
  invoiceId = await write(
    'mutation JitInvoice($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }',
    { input: { customerId, amountCents: 12_345, currency: 'EUR' } },
  );
  await write(
    'mutation JitPayment($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
    { input: { invoiceId, amountCents: 345, method: 'card' } },
  );
  reader = (
    await createKey(jit, {
      projectId,
      scopes: ['customers:read', 'customers:pii', 'invoices:read', 'payments:read'],
    })
  ).secret;
  // Without customers:pii: emails are FORBIDDEN, the rest is data.
  narrow = (await createKey(jit, { projectId, scopes: ['customers:read', 'invoices:read'] }))
    .secret;
});
afterAll(async () => {
  await interpreted?.close();
  await jit?.close();
});

const LEDGER = `
  query JitLedger($first: Int, $status: InvoiceStatus) {
    __typename
    invoices(first: $first, filter: { status: $status }) {
      edges { cursor node { ...Inv } }
      pageInfo { hasNextPage endCursor }
    }
    again: invoices(first: 1) { edges { node { id number } } }
  }
  fragment Inv on Invoice {
    __typename id number amountCents currency status issuedAt dueAt
    customer { id name email country }
    payments(first: 5) { edges { node { id amountCents method } } }
  }
`;

describe('compiled execution answers exactly as the interpreter', () => {
  const cases: [name: string, key: () => string, body: () => unknown][] = [
    [
      'a ledger query with fragments, aliases and variables',
      () => reader,
      () => ({ query: LEDGER, variables: { first: 5, status: 'OPEN' } }),
    ],
    [
      'a field the key may not read: partial data and FORBIDDEN at its path',
      () => narrow,
      () => ({ query: LEDGER, variables: { first: 5 } }),
    ],
    [
      'a variable of the wrong type',
      () => reader,
      () => ({ query: LEDGER, variables: { first: 'five' } }),
    ],
    [
      'an enum variable that does not exist',
      () => reader,
      () => ({ query: LEDGER, variables: { status: 'LOST' } }),
    ],
    [
      'a missing required variable',
      () => reader,
      () => ({ query: 'query JitOne($id: ID!) { invoice(id: $id) { id } }' }),
    ],
    [
      'a node by id, and one that does not exist',
      () => reader,
      () => ({
        query: `query JitNodes { a: invoice(id: "${invoiceId}") { id amountCents } b: invoice(id: "inv_0000000000000000000000") { id } c: customer(id: "${customerId}") { name } }`,
      }),
    ],
    [
      'the viewer',
      () => reader,
      () => ({ query: '{ viewer { scopes key { name kind status } project { plan } } }' }),
    ],
  ];
  for (const [name, key, body] of cases) {
    test(name, async () => {
      const compiled = await post(jit, key(), body());
      const interpretedAnswer = await post(interpreted, key(), body());
      expect(compiled.text).toBe(interpretedAnswer.text);
      expect(compiled.status).toBe(interpretedAnswer.status);
      expect(compiled.text).not.toContain('"code":"INTERNAL_SERVER_ERROR"');
    });
  }

  test('the answers are the data stored', async () => {
    const { status, text } = await post(jit, reader, { query: LEDGER, variables: { first: 5 } });
    expect(status).toBe(200);
    const body = JSON.parse(text);
    expect(body.errors).toBeUndefined();
    const node = body.data.invoices.edges[0].node;
    expect(node).toMatchObject({
      __typename: 'Invoice',
      id: invoiceId,
      amountCents: 12_345,
      currency: 'EUR',
      customer: { id: customerId, name: 'Ada "Quoted" \\ Lovelace', email: 'ada@example.com' },
    });
    expect(node.payments.edges).toEqual([{ node: expect.objectContaining({ amountCents: 345 }) }]);
  });
});
