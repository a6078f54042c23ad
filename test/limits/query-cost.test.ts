import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Expensive = graphql(`
  query CostExpensive($first: Int) {
    invoices(first: $first) {
      edges {
        node {
          id
          customer {
            id
            name
          }
          payments(first: 10) {
            edges {
              node {
                id
              }
            }
          }
        }
      }
    }
  }
`);

const Cheap = graphql(`
  query CostCheap {
    invoices(first: 5) {
      edges {
        node {
          id
          number
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const TooDeep = graphql(`
  query CostTooDeep {
    invoices(first: 1) {
      edges {
        node {
          customer {
            invoices(first: 1) {
              edges {
                node {
                  customer {
                    id
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

const CreateCustomerDeep = graphql(`
  mutation CostCreateCustomerDeep($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
      invoices(first: 100) {
        edges {
          node {
            payments(first: 100) {
              edges {
                node {
                  id
                }
              }
            }
          }
        }
      }
    }
  }
`);

const Customers = graphql(`
  query CostCustomers {
    customers {
      edges {
        node {
          name
        }
      }
    }
  }
`);

const Logs = graphql(`
  query CostLogs($keyId: ID!) {
    requestLogs(filter: { keyId: $keyId }) {
      edges {
        node {
          operationName
          outcome
          httpStatus
          cost
        }
      }
    }
  }
`);

const SetPlan = graphql(`
  mutation CostSetPlan($id: ID!, $plan: Plan!) {
    updateProject(id: $id, input: { plan: $plan }) {
      plan
    }
  }
`);

const SCOPES = ['invoices:read', 'customers:read', 'customers:write', 'payments:read'];

describe('query cost and depth, priced before execution', () => {
  let t: TestServer;
  let projectId: string;
  let key: { id: string; secret: string };
  beforeAll(async () => {
    t = await startTestServer();
    projectId = await createProject(t, { plan: 'FREE' });
    key = await createKey(t, { projectId, scopes: SCOPES });
  });
  afterAll(() => t.close());

  test('every response says extensions.cost { requestedQueryCost, maxCost }', async () => {
    const res = await t.gql(Cheap, {}, key.secret);
    expect(res.status).toBe(200);
    // invoices 1 + 5 × node 1; scalars and pageInfo are free.
    expect(res.body).toEqual({
      data: { invoices: { edges: [], pageInfo: { hasNextPage: false } } },
      extensions: { cost: { requestedQueryCost: 6, maxCost: 500 } },
    });
  });

  test('over the plan maximum: COST_LIMIT_EXCEEDED naming the cost and the limit; the page size counts', async () => {
    // invoices 1 + 100 × (node 1 + customer 1 + payments (1 + 10 × node 1)) = 1301
    const res = await t.gql(Expensive, { first: 100 }, key.secret);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([
      {
        message:
          'query cost 1301 exceeds the maximum cost of 500 (FREE budget); ask for fewer items (first) or fewer fields',
        extensions: {
          code: 'COST_LIMIT_EXCEEDED',
          cost: { requestedQueryCost: 1301, maxCost: 500 },
          depth: { requestedDepth: 7, maxDepth: 8 },
        },
      },
    ]);
    expect((res.body as { extensions?: unknown }).extensions).toEqual({
      cost: { requestedQueryCost: 1301, maxCost: 500 },
    });
    // The same document with a smaller page is within budget: 1 + 30 × 13 = 391.
    const smaller = await t.gql(Expensive, { first: 30 }, key.secret);
    expect(smaller.status).toBe(200);
    expect((smaller.body as { extensions?: unknown }).extensions).toEqual({
      cost: { requestedQueryCost: 391, maxCost: 500 },
    });
  });

  test('deeper than the plan allows: COST_LIMIT_EXCEEDED naming the depth and the limit', async () => {
    const res = await t.gql(TooDeep, {}, key.secret);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toBe(
      'query depth 9 exceeds the maximum depth of 8 (FREE budget)',
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
  });

  test('a refused mutation executes nothing', async () => {
    const res = await t.gql(CreateCustomerDeep, { input: { name: 'Never' } }, key.secret);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
    const customers = await t.gql(Customers, {}, key.secret);
    expect(customers.body.data?.customers?.edges).toEqual([]);
  });

  test('the same document under a bigger plan is priced against that plan, on the next request', async () => {
    const up = await t.gql(SetPlan, { id: projectId, plan: 'PRO' }, t.adminKey);
    expect(up.body.data?.updateProject?.plan).toBe('PRO');
    const res = await t.gql(Expensive, { first: 100 }, key.secret);
    expect(res.status).toBe(200);
    expect((res.body as { extensions?: unknown }).extensions).toEqual({
      cost: { requestedQueryCost: 1301, maxCost: 5000 },
    });
    await t.gql(SetPlan, { id: projectId, plan: 'FREE' }, t.adminKey);
    expect((await t.gql(Expensive, { first: 100 }, key.secret)).status).toBe(400);
  });

  test('each request is metered with its cost and outcome', async () => {
    const own = await createKey(t, { projectId, scopes: SCOPES });
    await t.gql(Cheap, {}, own.secret);
    await t.gql(Expensive, { first: 100 }, own.secret);
    await t.server.services.usage.flush();
    const logs = await t.gql(Logs, { keyId: own.id }, t.adminKey);
    expect(logs.body.data?.requestLogs?.edges.map((e) => e.node)).toEqual([
      {
        operationName: 'CostExpensive',
        outcome: 'COST_LIMIT_EXCEEDED',
        httpStatus: 400,
        cost: 1301,
      },
      { operationName: 'CostCheap', outcome: 'OK', httpStatus: 200, cost: 6 },
    ]);
  });

  test('an astronomically expensive query is refused and metered at cost 2^31 − 1, and metering goes on', async () => {
    const own = await createKey(t, { projectId, scopes: SCOPES });
    // customers → invoices → customer → invoices …: 100 per level, about 100^6 in all.
    let selection = 'id';
    for (let i = 0; i < 5; i++) {
      selection = `invoices(first: 100) { edges { node { customer { ${selection} } } } }`;
    }
    const document = `query CostAstronomical { customers(first: 100) { edges { node { ${selection} } } } }`;
    const refused = await t.gql(document, {}, own.secret);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
    expect(refused.body.extensions?.cost?.requestedQueryCost).toBeGreaterThan(2 ** 31);
    await t.gql(Cheap, {}, own.secret);
    await t.server.services.usage.flush();
    expect(t.server.services.usage.stats()).toMatchObject({ buffered: 0, dropped: 0 });
    const logs = await t.gql(Logs, { keyId: own.id }, t.adminKey);
    expect(logs.body.data?.requestLogs?.edges.map((e) => e.node)).toEqual([
      { operationName: 'CostCheap', outcome: 'OK', httpStatus: 200, cost: 6 },
      {
        operationName: 'CostAstronomical',
        outcome: 'COST_LIMIT_EXCEEDED',
        httpStatus: 400,
        cost: 2_147_483_647,
      },
    ]);
  });
});
