import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RequestLogFilter } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { createKey } from '../helpers/fixtures.js';
import { type GqlResponse, startTestServer, type TestServer } from '../helpers/test-server.js';

const CreateProject = graphql(`
  mutation UsageLogsCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

const RevokeKey = graphql(`
  mutation UsageLogsRevokeKey($id: ID!) {
    revokeKey(id: $id) {
      id
    }
  }
`);

const Products = graphql(`
  query UsageLogsProducts {
    products {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const ProductsAndCustomers = graphql(`
  query UsageLogsProductsAndCustomers {
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
  }
`);

const INVALID_DOCUMENT = 'query UsageLogsInvalid { products { nope } }';

const RequestLogs = graphql(`
  query UsageLogsList($filter: RequestLogFilter, $first: Int, $after: String) {
    requestLogs(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          at
          keyId
          projectId
          operationName
          operationType
          outcome
          httpStatus
          durationMs
          cost
          ip
          region
          userAgent
          fields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const T1 = '2026-11-29T08:00:00.000Z';
const T2 = '2026-11-30T10:00:00.000Z';
const WINDOW_END = '2026-12-01T00:00:00.000Z';
const QUERY_TIME = '2026-12-10T00:00:00.000Z';
const USER_AGENT = 'usage-logs-test/1.0';
const BAD_KEY = 'kg_sk_live_7Hq2wZbX3mR7yLp2Nc8Vd4Hs6Jk1Fg0AeQuIoWp';

const PRODUCT_FIELDS = [
  'Product.id',
  'ProductConnection.edges',
  'ProductEdge.node',
  'Query.products',
];
const BOTH_FIELDS = [
  'Customer.id',
  'CustomerConnection.edges',
  'CustomerEdge.node',
  'Query.customers',
  ...PRODUCT_FIELDS,
].sort();

let t: TestServer;
let projectP: string;
let projectQ: string;
const keys: Record<
  'p1' | 'p2' | 'pRevoked' | 'q1' | 'readerP' | 'readerQ' | 'plain',
  { id: string; secret: string }
> = {} as never;
/** Request ids (Keygate-Request-Id) of the traffic, r[1]…r[10]. */
const r: string[] = [];

async function send<T, V>(
  document: TypedDocumentNode<T, V> | string,
  key: string | null,
  headers: Record<string, string>,
  status: number,
): Promise<GqlResponse<T>> {
  const res = await t.gql(document, undefined, key, { 'user-agent': USER_AGENT, ...headers });
  expect(res.status).toBe(status);
  const id = res.headers.get('keygate-request-id');
  expect(id).toMatch(/^req_/);
  r.push(id as string);
  t.clock.advance(60_000);
  return res;
}

async function logs(filter: RequestLogFilter | null, key: string, first = 100, after?: string) {
  const res = await t.gql(
    RequestLogs,
    { filter, first, ...(after === undefined ? {} : { after }) },
    key,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.requestLogs;
}

async function ids(filter: RequestLogFilter | null, key: string) {
  const connection = await logs(filter, key);
  expect(connection?.pageInfo.hasNextPage).toBe(false);
  return connection?.edges.map((e) => e.node.id);
}

/** The request ids of these traffic numbers, newest first. */
const newest = (...numbers: number[]) => numbers.map((n) => r[n] as string);

beforeAll(async () => {
  t = await startTestServer({ env: { KEYGATE_REGION_HEADER: 'cf-ipcountry' } });
  const create = async (name: string, region: string | null) => {
    const res = await t.gql(
      CreateProject,
      {
        input: { name, region, allowedScopes: ['products:read', 'customers:read', 'usage:read'] },
      },
      t.adminKey,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data?.createProject?.id as string;
  };
  projectP = await create('Logs P', 'SE');
  projectQ = await create('Logs Q', null);
  keys.p1 = await createKey(t, { projectId: projectP, scopes: ['products:read'] });
  keys.p2 = await createKey(t, {
    projectId: projectP,
    scopes: ['products:read', 'customers:read'],
  });
  keys.pRevoked = await createKey(t, { projectId: projectP, scopes: ['products:read'] });
  keys.q1 = await createKey(t, { projectId: projectQ, scopes: ['products:read'] });
  keys.readerP = await createKey(t, { projectId: projectP, scopes: ['usage:read'] });
  keys.readerQ = await createKey(t, { projectId: projectQ, scopes: ['usage:read'] });
  keys.plain = await createKey(t, { projectId: projectP, scopes: ['products:read'] });
  expect(
    (await t.gql(RevokeKey, { id: keys.pRevoked.id }, t.adminKey)).body.errors,
  ).toBeUndefined();

  r.push(''); // numbering starts at 1
  t.clock.set(T1); // one minute apart from 08:00
  const first = await send(Products, keys.p1.secret, { 'cf-ipcountry': 'NO' }, 200); // 1 OK
  // products (default first 20): 1 + 20 × node 1, on the FREE plan's budget
  expect(first.body.extensions).toEqual({ cost: { requestedQueryCost: 21, maxCost: 500 } });
  await send(ProductsAndCustomers, keys.p1.secret, {}, 200); // 2 FORBIDDEN, region SE
  await send(ProductsAndCustomers, keys.p2.secret, { 'cf-ipcountry': 'NO' }, 200); // 3 OK
  await send(Products, BAD_KEY, { 'cf-ipcountry': 'NO' }, 401); // 4 UNAUTHENTICATED
  await send(Products, keys.pRevoked.secret, {}, 401); // 5 KEY_REVOKED
  await send(Products, keys.q1.secret, { 'cf-ipcountry': 'US' }, 200); // 6 OK (Q)
  await send(INVALID_DOCUMENT, keys.p1.secret, {}, 400); // 7 ERROR
  t.clock.set(T2); // one minute apart from 10:00 the next day
  await send(Products, keys.p2.secret, {}, 200); // 8 OK
  await send(Products, null, { authorization: `Bearer ${keys.p1.secret}` }, 200); // 9 OK
  await send(ProductsAndCustomers, keys.q1.secret, {}, 200); // 10 FORBIDDEN (Q)

  await t.server.services.usage.flush();
  t.clock.set(QUERY_TIME);
});

afterAll(async () => {
  await t?.close();
});

describe('requestLogs', () => {
  test("lists a project's requests newest first with everything recorded about each", async () => {
    const connection = await logs({ to: WINDOW_END }, keys.readerP.secret);
    const nodes = connection?.edges.map((e) => e.node) ?? [];
    expect(nodes.map((n) => n.id)).toEqual(newest(9, 8, 7, 5, 3, 2, 1));
    expect(connection?.pageInfo.hasNextPage).toBe(false);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const common = { ip: '127.0.0.1', userAgent: USER_AGENT, projectId: projectP };
    expect(byId.get(r[2] as string)).toEqual({
      ...common,
      // products and customers (default first 20): 2 × (1 + 20 × node 1), priced even when denied
      cost: 42,
      id: r[2],
      at: '2026-11-29T08:01:00.000Z',
      keyId: keys.p1.id,
      operationName: 'UsageLogsProductsAndCustomers',
      operationType: 'query',
      outcome: 'FORBIDDEN',
      httpStatus: 200,
      durationMs: expect.any(Number),
      region: 'SE',
      fields: BOTH_FIELDS,
    });
    expect(byId.get(r[5] as string)).toEqual({
      ...common,
      // refused before parsing: never priced
      cost: 0,
      id: r[5],
      at: '2026-11-29T08:04:00.000Z',
      keyId: keys.pRevoked.id,
      operationName: null,
      operationType: null,
      outcome: 'KEY_REVOKED',
      httpStatus: 401,
      durationMs: expect.any(Number),
      region: 'SE',
      fields: [],
    });
    expect(byId.get(r[7] as string)).toMatchObject({
      at: '2026-11-29T08:06:00.000Z',
      keyId: keys.p1.id,
      outcome: 'ERROR',
      httpStatus: 400,
      // failed validation: never priced
      cost: 0,
      fields: [],
    });
    expect(byId.get(r[9] as string)).toMatchObject({
      at: '2026-11-30T10:01:00.000Z',
      keyId: keys.p1.id,
      operationName: 'UsageLogsProducts',
      operationType: 'query',
      outcome: 'OK',
      httpStatus: 200,
      cost: 21,
      region: 'SE',
      fields: PRODUCT_FIELDS,
    });
    for (const n of nodes) expect(n.durationMs).toBeGreaterThanOrEqual(0);
  });

  test('a request that fails validation is logged under the operation name of its document', async () => {
    expect(await ids({ operationName: 'UsageLogsInvalid' }, keys.readerP.secret)).toEqual(
      newest(7),
    );
  });

  test('pages newest first with cursors, alone and under a filter', async () => {
    const reader = keys.readerP.secret;
    const page1 = await logs({ to: WINDOW_END }, reader, 3);
    expect(page1?.edges.map((e) => e.node.id)).toEqual(newest(9, 8, 7));
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    const page2 = await logs({ to: WINDOW_END }, reader, 3, page1?.pageInfo.endCursor as string);
    expect(page2?.edges.map((e) => e.node.id)).toEqual(newest(5, 3, 2));
    expect(page2?.pageInfo.hasNextPage).toBe(true);
    const page3 = await logs({ to: WINDOW_END }, reader, 3, page2?.pageInfo.endCursor as string);
    expect(page3?.edges.map((e) => e.node.id)).toEqual(newest(1));
    expect(page3?.pageInfo).toEqual({ hasNextPage: false, endCursor: page3?.edges[0]?.cursor });

    const key1 = await logs({ keyId: keys.p1.id }, reader, 2);
    expect(key1?.edges.map((e) => e.node.id)).toEqual(newest(9, 7));
    expect(key1?.pageInfo.hasNextPage).toBe(true);
    const key2 = await logs({ keyId: keys.p1.id }, reader, 2, key1?.pageInfo.endCursor as string);
    expect(key2?.edges.map((e) => e.node.id)).toEqual(newest(2, 1));
    expect(key2?.pageInfo.hasNextPage).toBe(false);

    const none = await logs({ to: WINDOW_END }, reader, 0);
    expect(none?.edges).toEqual([]);
    expect(none?.pageInfo.hasNextPage).toBe(true);
  });

  test('every filter narrows the list and filters combine', async () => {
    const reader = keys.readerP.secret;
    const cases: [RequestLogFilter, string[]][] = [
      [{ keyId: keys.p1.id }, newest(9, 7, 2, 1)],
      [{ keyId: keys.p2.id }, newest(8, 3)],
      [{ outcome: 'FORBIDDEN', to: WINDOW_END }, newest(2)],
      [{ outcome: 'KEY_REVOKED' }, newest(5)],
      [{ outcome: 'OK', to: WINDOW_END }, newest(9, 8, 3, 1)],
      [{ requestId: r[3] as string }, newest(3)],
      [{ operationName: 'UsageLogsProducts' }, newest(9, 8, 1)],
      [{ from: T2, to: WINDOW_END }, newest(9, 8)],
      [{ to: T2 }, newest(7, 5, 3, 2, 1)],
      // from is inclusive, to exclusive
      [{ from: '2026-11-29T08:01:00.000Z', to: '2026-11-29T08:04:00.000Z' }, newest(3, 2)],
      [{ keyId: keys.p1.id, outcome: 'OK' }, newest(9, 1)],
      [{ keyId: keys.p1.id, from: T2 }, newest(9)],
      [{ keyId: keys.p2.id, operationName: 'UsageLogsProducts' }, newest(8)],
      [{ projectId: projectP, keyId: keys.p1.id, outcome: 'FORBIDDEN' }, newest(2)],
      [{ requestId: r[3] as string, outcome: 'OK', keyId: keys.p2.id }, newest(3)],
      [{ requestId: r[3] as string, keyId: keys.p1.id }, []],
      [{ keyId: keys.p1.id, operationName: 'UsageLogsProductsAndCustomers', to: T2 }, newest(2)],
      [{ outcome: 'UNAUTHENTICATED' }, []],
    ];
    for (const [filter, expected] of cases) {
      expect(await ids(filter, reader), JSON.stringify(filter)).toEqual(expected);
    }
  });

  test('a project key sees only its own project; a foreign id answers like a missing one', async () => {
    const reader = keys.readerP.secret;
    expect(await ids({ projectId: projectQ }, reader)).toEqual([]);
    expect(await ids({ projectId: 'prj_0000000000000000000000' }, reader)).toEqual([]);
    expect(await ids({ requestId: r[6] as string }, reader)).toEqual([]);
    expect(await ids({ keyId: keys.q1.id }, reader)).toEqual([]);
    expect(await ids({ to: WINDOW_END }, keys.readerQ.secret)).toEqual(newest(10, 6));
    expect(await ids({ to: WINDOW_END, projectId: projectQ }, keys.readerQ.secret)).toEqual(
      newest(10, 6),
    );
  });

  test('an admin key sees every project and the requests that had no key', async () => {
    expect(await ids({ to: WINDOW_END, from: T1 }, t.adminKey)).toEqual(
      newest(10, 9, 8, 7, 6, 5, 4, 3, 2, 1),
    );
    expect(await ids({ projectId: projectQ }, t.adminKey)).toEqual(newest(10, 6));
    const keyless = await logs({ outcome: 'UNAUTHENTICATED' }, t.adminKey);
    expect(keyless?.edges.map((e) => e.node)).toEqual([
      {
        id: r[4],
        at: '2026-11-29T08:03:00.000Z',
        keyId: null,
        projectId: null,
        operationName: null,
        operationType: null,
        outcome: 'UNAUTHENTICATED',
        httpStatus: 401,
        durationMs: expect.any(Number),
        cost: 0,
        ip: '127.0.0.1',
        region: 'NO',
        userAgent: USER_AGENT,
        fields: [],
      },
    ]);
  });

  test('a bad page size or cursor is refused with BAD_USER_INPUT', async () => {
    const bad = async (first: number, after: string | undefined, message: string) => {
      const res = await t.gql(
        RequestLogs,
        { first, ...(after === undefined ? {} : { after }) },
        t.adminKey,
      );
      expect(res.body.data?.requestLogs).toBeNull();
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.message).toContain(message);
    };
    await bad(101, undefined, '"first" must be between 0 and 100');
    await bad(-1, undefined, '"first" must be between 0 and 100');
    await bad(10, 'not-a-cursor', '"after" is not a cursor');
    // A cursor naming an id of another list (a key id) is not a request-log cursor.
    const keyCursor = Buffer.from(`c1:${keys.p1.id}`).toString('base64url');
    await bad(10, keyCursor, '"after" is not a cursor');
  });

  test('no request log contains a key secret, whichever header carried it', async () => {
    const all = await logs({ to: WINDOW_END }, t.adminKey);
    const text = JSON.stringify(all);
    // 10 setup mutations with the admin key, then the 10 requests of the traffic
    expect(all?.edges).toHaveLength(20);
    expect(text).toContain(keys.p1.id);
    for (const secret of [...Object.values(keys).map((k) => k.secret), BAD_KEY, t.adminKey]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(-12));
    }
  });

  test('a key without usage:read gets FORBIDDEN for requestLogs', async () => {
    const res = await t.gql(RequestLogs, { first: 1 }, keys.plain.secret);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ requestLogs: null });
    expect(res.body.errors?.[0]?.path).toEqual(['requestLogs']);
    expect(res.body.errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      requiredScopes: ['usage:read'],
    });
  });
});
