import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Invoices = graphql(`
  query JourneyInvoices($first: Int) {
    invoices(first: $first) {
      edges {
        node {
          id
          customer {
            name
          }
          payments(first: 10) {
            edges {
              node {
                amountCents
              }
            }
          }
        }
      }
    }
  }
`);

const Aged = graphql(`
  query JourneyAged {
    agedReceivables {
      buckets {
        label
      }
    }
  }
`);

const Grant = graphql(`
  mutation JourneyGrant($input: CreateKeyInput!) {
    createKey(input: $input) {
      key {
        id
      }
    }
  }
`);

const Upgrade = graphql(`
  mutation JourneyUpgrade($id: ID!) {
    updateProject(id: $id, input: { plan: PRO }) {
      plan
    }
  }
`);

const SCOPES = ['invoices:read', 'customers:read', 'payments:read'];

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('a new user on FREE: 60 requests a minute, no agedReceivables, a clear cost refusal — and all of it lifted by PRO without a restart', async () => {
  const projectId = await createProject(t, { plan: 'FREE' });
  const { secret } = await createKey(t, { projectId, scopes: SCOPES });

  // The premium scope cannot be granted on FREE…
  const grant = await t.gql(
    Grant,
    { input: { projectId, name: 'reports', scopes: ['reports:read'] } },
    t.adminKey,
  );
  expect(grant.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(grant.body.errors?.[0]?.message).toBe(
    `scope "reports:read" is premium and project "${projectId}" is on the FREE plan, which does not include it`,
  );
  // …and the field is refused to this key.
  const aged = await t.gql(Aged, {}, secret);
  expect(aged.body.data).toEqual({ agedReceivables: null });
  expect(aged.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  // An expensive query: refused before it runs, with the cost and the limit.
  const expensive = await t.gql(Invoices, { first: 100 }, secret);
  expect(expensive.body.errors?.[0]?.message).toBe(
    'query cost 1301 exceeds the maximum cost of 500 (FREE budget); ask for fewer items (first) or fewer fields',
  );

  // Exactly 60 requests in the minute (2 were made above).
  const statuses: number[] = [];
  for (let i = 0; i < 59; i++) statuses.push((await t.gql(Invoices, { first: 10 }, secret)).status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(58);
  expect(statuses.at(-1)).toBe(429);
  const limited = await t.gql(Invoices, { first: 10 }, secret);
  expect(limited.status).toBe(429);
  expect(limited.headers.get('ratelimit')).toBe('"minute";r=0;t=60');

  // Upgraded to PRO: every limit moves on the next request.
  const up = await t.gql(Upgrade, { id: projectId }, t.adminKey);
  expect(up.body.data?.updateProject?.plan).toBe('PRO');
  const now = await t.gql(Invoices, { first: 100 }, secret);
  expect(now.status).toBe(200);
  expect(now.headers.get('ratelimit-policy')).toBe('"minute";q=600;w=60');
  expect((now.body as { extensions?: unknown }).extensions).toEqual({
    cost: { requestedQueryCost: 1301, maxCost: 5000 },
  });
  const granted = await t.gql(
    Grant,
    { input: { projectId, name: 'reports', scopes: ['reports:read'] } },
    t.adminKey,
  );
  expect(granted.body.errors).toBeUndefined();
});
