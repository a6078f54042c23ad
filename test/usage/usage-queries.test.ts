import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UsageEvent } from '../../src/usage/usage-event.js';
import { writeUsageBatch } from '../../src/usage/usage-repository.js';
import type { Granularity, UsageFilter } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { createKey } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const CreateProject = graphql(`
  mutation UsageQCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

const RevokeKey = graphql(`
  mutation UsageQRevokeKey($id: ID!) {
    revokeKey(id: $id) {
      id
    }
  }
`);

const Products = graphql(`
  query UsageQProducts {
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
  query UsageQProductsAndCustomers {
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

const ViewerScopes = graphql(`
  query UsageQViewerScopes {
    viewer {
      scopes
    }
  }
`);

/** Fails validation (unknown field): metered as ERROR. */
const INVALID_DOCUMENT = 'query UsageQInvalid { products { nope } }';

const Usage = graphql(`
  query UsageQReport($filter: UsageFilter!, $granularity: Granularity) {
    usage(filter: $filter, granularity: $granularity) {
      total
      byOutcome {
        outcome
        count
      }
      series {
        bucket
        requests
        denied
        cost
      }
    }
  }
`);

const FieldUsage = graphql(`
  query UsageQFieldUsage($filter: UsageFilter!, $first: Int, $byRegion: Boolean) {
    fieldUsage(filter: $filter, first: $first, byRegion: $byRegion) {
      coordinate
      region
      count
    }
  }
`);

const RequestLogIds = graphql(`
  query UsageQRequestLogIds($filter: RequestLogFilter, $first: Int) {
    requestLogs(filter: $filter, first: $first) {
      edges {
        node {
          id
          projectId
          keyId
          outcome
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const AllUsageFields = graphql(`
  query UsageQAllFields($filter: UsageFilter!, $logFilter: RequestLogFilter) {
    viewer {
      scopes
    }
    usage(filter: $filter) {
      total
    }
    fieldUsage(filter: $filter) {
      coordinate
    }
    requestLogs(filter: $logFilter) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const MeteringStatus = graphql(`
  query UsageQMeteringStatus {
    viewer {
      scopes
    }
    meteringStatus {
      buffered
      written
      dropped
      failedFlushes
      lastFlushAt
    }
  }
`);

const KeyLastUsed = graphql(`
  query UsageQKeyLastUsed($id: ID!) {
    key(id: $id) {
      id
      lastUsedAt
    }
  }
`);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// The metered traffic happens on 2026-11-29 and 2026-11-30 (UTC); setup before, queries after.
const WINDOW = { from: '2026-11-29T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
const T1 = '2026-11-29T09:15:00.000Z';
const T2 = '2026-11-29T10:40:00.000Z';
const T3 = '2026-11-30T06:05:00.000Z';
const QUERY_TIME = '2026-12-10T00:00:00.000Z';

let t: TestServer;
let projectA: string;
let projectB: string;
const keys: Record<
  'a1' | 'a2' | 'aRevoked' | 'aExpiring' | 'b1' | 'readerA' | 'readerB' | 'noUsage',
  { id: string; secret: string }
> = {} as never;
/** A well-formed-looking key that does not parse (bad checksum): UNAUTHENTICATED. */
const BAD_KEY = 'kg_sk_live_5Tq9wZbX3mR7yLp2Nc8Vd4Hs6Jk1Fg0AeQuIoWt';

interface Point {
  bucket: string;
  requests: number;
  denied: number;
  cost: number;
}

/**
 * `count` zero points from `from`, one per `step`, with `hits` (bucket → [requests, denied,
 * cost]) set.
 */
function series(
  from: string,
  count: number,
  step: number,
  hits: Record<string, [number, number, number]> = {},
): Point[] {
  const start = new Date(from).getTime();
  return Array.from({ length: count }, (_, i) => {
    const bucket = new Date(start + i * step).toISOString();
    const [requests, denied, cost] = hits[bucket] ?? [0, 0, 0];
    return { bucket, requests, denied, cost };
  });
}

async function usage(filter: UsageFilter, key: string, granularity?: Granularity) {
  const res = await t.gql(Usage, { filter, ...(granularity ? { granularity } : {}) }, key);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.usage;
}

async function usageTotals(filter: UsageFilter, key: string) {
  const report = await usage(filter, key, 'DAY');
  return { total: report?.total, byOutcome: report?.byOutcome };
}

async function fieldUsage(
  filter: UsageFilter,
  key: string,
  options: { first?: number; byRegion?: boolean } = {},
) {
  const res = await t.gql(FieldUsage, { filter, ...options }, key);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.fieldUsage;
}

/** Sends one request at the current fake time and checks it ended as planned. */
async function send<T, V>(
  document: TypedDocumentNode<T, V> | string,
  key: string | null,
  region: string | null,
  expected: { status: number; code?: string },
) {
  const res = await t.gql(document, undefined, key, region ? { 'cf-ipcountry': region } : {});
  expect(res.status).toBe(expected.status);
  expect(res.body.errors?.[0]?.extensions?.code).toBe(expected.code);
  return res;
}

const ok = { status: 200 };
const forbidden = { status: 200, code: 'FORBIDDEN' };

beforeAll(async () => {
  t = await startTestServer({ env: { KEYGATE_REGION_HEADER: 'cf-ipcountry' } });
  const create = async (name: string, region: string | null) => {
    const res = await t.gql(
      CreateProject,
      {
        input: {
          name,
          region,
          allowedScopes: ['products:read', 'customers:read', 'usage:read', 'keys:read'],
        },
      },
      t.adminKey,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data?.createProject?.id as string;
  };
  projectA = await create('Usage A', 'DE');
  projectB = await create('Usage B', null);
  const products = ['products:read'];
  keys.a1 = await createKey(t, { projectId: projectA, scopes: products, name: 'a1' });
  keys.a2 = await createKey(t, {
    projectId: projectA,
    scopes: ['products:read', 'customers:read'],
    name: 'a2',
  });
  keys.aRevoked = await createKey(t, { projectId: projectA, scopes: products, name: 'revoked' });
  keys.aExpiring = await createKey(t, {
    projectId: projectA,
    scopes: products,
    name: 'expiring',
    expiresAt: '2026-11-30T00:00:00.000Z',
  });
  keys.b1 = await createKey(t, {
    projectId: projectB,
    scopes: ['products:read', 'customers:read'],
    name: 'b1',
  });
  keys.readerA = await createKey(t, { projectId: projectA, scopes: ['usage:read'], name: 'rA' });
  keys.readerB = await createKey(t, { projectId: projectB, scopes: ['usage:read'], name: 'rB' });
  keys.noUsage = await createKey(t, { projectId: projectA, scopes: products, name: 'no usage' });
  expect(
    (await t.gql(RevokeKey, { id: keys.aRevoked.id }, t.adminKey)).body.errors,
  ).toBeUndefined();

  // 16 metered requests: A 10 (6 OK, 2 FORBIDDEN, 1 KEY_REVOKED, 1 KEY_EXPIRED), B 4 (3 OK,
  // 1 ERROR), none 2 (UNAUTHENTICATED). Without the header, A's region is DE and B has none.
  // Costs: Products 21 (products, default first 20: 1 + 20 × node 1), ProductsAndCustomers 42
  // (FORBIDDEN ones too: priced before execution), ViewerScopes 1; refused before parsing (401)
  // or invalid (400): 0.
  t.clock.set(T1);
  const first = await send(Products, keys.a1.secret, 'FR', ok); // 1
  expect(first.body.extensions).toEqual({ cost: { requestedQueryCost: 21, maxCost: 500 } });
  await send(Products, keys.a1.secret, 'FR', ok); // 2
  await send(Products, keys.a1.secret, null, ok); // 3
  await send(ProductsAndCustomers, keys.a1.secret, 'FR', forbidden); // 4
  await send(Products, keys.b1.secret, 'US', ok); // 5
  await send(Products, BAD_KEY, 'US', { status: 401, code: 'UNAUTHENTICATED' }); // 6
  t.clock.set(T2);
  await send(ProductsAndCustomers, keys.a2.secret, 'FR', ok); // 7
  await send(Products, keys.aExpiring.secret, null, ok); // 8
  await send(Products, keys.aRevoked.secret, 'FR', { status: 401, code: 'KEY_REVOKED' }); // 9
  await send(ProductsAndCustomers, keys.b1.secret, null, ok); // 10
  await send(INVALID_DOCUMENT, keys.b1.secret, 'US', {
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  }); // 11
  await send(Products, null, null, { status: 401, code: 'UNAUTHENTICATED' }); // 12
  t.clock.set(T3);
  await send(ProductsAndCustomers, keys.a1.secret, 'FR', forbidden); // 13
  const viewer = await send(ViewerScopes, keys.a2.secret, null, ok); // 14
  expect(viewer.body.extensions).toEqual({ cost: { requestedQueryCost: 1, maxCost: 500 } });
  await send(Products, keys.aExpiring.secret, 'FR', { status: 401, code: 'KEY_EXPIRED' }); // 15
  await send(Products, keys.b1.secret, 'US', ok); // 16

  await t.server.services.usage.flush();
  // Queries from here on are metered at QUERY_TIME, outside WINDOW.
  t.clock.set(QUERY_TIME);
});

afterAll(async () => {
  await t?.close();
});

const A_BY_OUTCOME = [
  { outcome: 'OK', count: 6 },
  { outcome: 'FORBIDDEN', count: 2 },
  { outcome: 'KEY_EXPIRED', count: 1 },
  { outcome: 'KEY_REVOKED', count: 1 },
];

describe('usage', () => {
  test('an admin key counts every request of every project, refused and keyless ones included', async () => {
    expect(await usage(WINDOW, t.adminKey, 'DAY')).toEqual({
      total: 16,
      byOutcome: [
        { outcome: 'OK', count: 9 },
        { outcome: 'FORBIDDEN', count: 2 },
        { outcome: 'UNAUTHENTICATED', count: 2 },
        { outcome: 'ERROR', count: 1 },
        { outcome: 'KEY_EXPIRED', count: 1 },
        { outcome: 'KEY_REVOKED', count: 1 },
      ],
      series: series(WINDOW.from, 2, DAY, {
        '2026-11-29T00:00:00.000Z': [12, 4, 231],
        '2026-11-30T00:00:00.000Z': [4, 2, 64],
      }),
    });
  });

  test('a project key sees its own project by hour, every empty hour as zero', async () => {
    expect(await usage(WINDOW, keys.readerA.secret)).toEqual({
      total: 10,
      byOutcome: A_BY_OUTCOME,
      series: series(WINDOW.from, 48, HOUR, {
        '2026-11-29T09:00:00.000Z': [4, 1, 105],
        '2026-11-29T10:00:00.000Z': [3, 1, 63],
        '2026-11-30T06:00:00.000Z': [3, 2, 43],
      }),
    });
  });

  test('HOUR is the default granularity and DAY sums whole UTC days', async () => {
    const byDefault = await t.gql(Usage, { filter: WINDOW }, keys.readerA.secret);
    expect(byDefault.body.data?.usage?.series).toHaveLength(48);
    expect(await usage(WINDOW, keys.readerA.secret, 'DAY')).toEqual({
      total: 10,
      byOutcome: A_BY_OUTCOME,
      series: series(WINDOW.from, 2, DAY, {
        '2026-11-29T00:00:00.000Z': [7, 2, 168],
        '2026-11-30T00:00:00.000Z': [3, 2, 43],
      }),
    });
  });

  test('from is truncated to the start of its hour or day and to is exclusive', async () => {
    const hourly = await usage(
      { from: '2026-11-29T09:30:00.000Z', to: '2026-11-29T11:00:00.000Z' },
      keys.readerA.secret,
    );
    expect(hourly?.series).toEqual(
      series('2026-11-29T09:00:00.000Z', 2, HOUR, {
        '2026-11-29T09:00:00.000Z': [4, 1, 105],
        '2026-11-29T10:00:00.000Z': [3, 1, 63],
      }),
    );
    expect(hourly?.total).toBe(7);

    const upToTen = await usage(
      { from: '2026-11-29T09:00:00.000Z', to: '2026-11-29T10:00:00.000Z' },
      keys.readerA.secret,
    );
    expect(upToTen?.total).toBe(4);
    expect(upToTen?.series).toEqual(
      series('2026-11-29T09:00:00.000Z', 1, HOUR, { '2026-11-29T09:00:00.000Z': [4, 1, 105] }),
    );

    const daily = await usage(
      { from: '2026-11-29T15:00:00.000Z', to: '2026-11-30T00:00:00.000Z' },
      keys.readerA.secret,
      'DAY',
    );
    expect(daily?.total).toBe(7);
    expect(daily?.series).toEqual(
      series('2026-11-29T00:00:00.000Z', 1, DAY, { '2026-11-29T00:00:00.000Z': [7, 2, 168] }),
    );
  });

  test('filters by key, outcome, region and operation name, alone and combined', async () => {
    const r = keys.readerA.secret;
    expect(await usageTotals({ ...WINDOW, keyId: keys.a1.id }, r)).toEqual({
      total: 5,
      byOutcome: [
        { outcome: 'OK', count: 3 },
        { outcome: 'FORBIDDEN', count: 2 },
      ],
    });
    expect(await usageTotals({ ...WINDOW, outcome: 'FORBIDDEN' }, r)).toEqual({
      total: 2,
      byOutcome: [{ outcome: 'FORBIDDEN', count: 2 }],
    });
    expect(await usageTotals({ ...WINDOW, region: 'FR' }, r)).toEqual({
      total: 7,
      byOutcome: [
        { outcome: 'OK', count: 3 },
        { outcome: 'FORBIDDEN', count: 2 },
        { outcome: 'KEY_EXPIRED', count: 1 },
        { outcome: 'KEY_REVOKED', count: 1 },
      ],
    });
    // Without the header a request takes its project's region.
    expect(await usageTotals({ ...WINDOW, region: 'DE' }, r)).toEqual({
      total: 3,
      byOutcome: [{ outcome: 'OK', count: 3 }],
    });
    expect(await usageTotals({ ...WINDOW, operationName: 'UsageQProducts' }, r)).toEqual({
      total: 4,
      byOutcome: [{ outcome: 'OK', count: 4 }],
    });
    expect(
      await usageTotals({ ...WINDOW, keyId: keys.a1.id, region: 'FR', outcome: 'OK' }, r),
    ).toEqual({ total: 2, byOutcome: [{ outcome: 'OK', count: 2 }] });
    expect(
      await usageTotals(
        { ...WINDOW, keyId: keys.a1.id, operationName: 'UsageQProductsAndCustomers' },
        r,
      ),
    ).toEqual({ total: 2, byOutcome: [{ outcome: 'FORBIDDEN', count: 2 }] });
    expect(await usageTotals({ ...WINDOW, region: 'US' }, t.adminKey)).toEqual({
      total: 4,
      byOutcome: [
        { outcome: 'OK', count: 2 },
        { outcome: 'ERROR', count: 1 },
        { outcome: 'UNAUTHENTICATED', count: 1 },
      ],
    });
  });

  test('the denied series counts refusals by hour and leaves errors out', async () => {
    const report = await usage({ ...WINDOW, projectId: projectB }, t.adminKey);
    expect(report).toEqual({
      total: 4,
      byOutcome: [
        { outcome: 'OK', count: 3 },
        { outcome: 'ERROR', count: 1 },
      ],
      series: series(WINDOW.from, 48, HOUR, {
        '2026-11-29T09:00:00.000Z': [1, 0, 21],
        '2026-11-29T10:00:00.000Z': [2, 0, 42],
        '2026-11-30T06:00:00.000Z': [1, 0, 21],
      }),
    });
    const keyless = await usage({ ...WINDOW, outcome: 'UNAUTHENTICATED' }, t.adminKey);
    expect(keyless?.series.filter((p) => p.requests > 0)).toEqual([
      { bucket: '2026-11-29T09:00:00.000Z', requests: 1, denied: 1, cost: 0 },
      { bucket: '2026-11-29T10:00:00.000Z', requests: 1, denied: 1, cost: 0 },
    ]);
  });

  test('requests of a revoked and an expired key are counted against that key', async () => {
    expect(await usageTotals({ ...WINDOW, keyId: keys.aRevoked.id }, keys.readerA.secret)).toEqual({
      total: 1,
      byOutcome: [{ outcome: 'KEY_REVOKED', count: 1 }],
    });
    expect(await usageTotals({ ...WINDOW, keyId: keys.aExpiring.id }, keys.readerA.secret)).toEqual(
      {
        total: 2,
        byOutcome: [
          { outcome: 'KEY_EXPIRED', count: 1 },
          { outcome: 'OK', count: 1 },
        ],
      },
    );
  });

  test('a time range with no traffic is all zeros', async () => {
    expect(
      await usage(
        { from: '2026-11-28T18:00:00.000Z', to: '2026-11-28T21:00:00.000Z' },
        keys.readerA.secret,
      ),
    ).toEqual({ total: 0, byOutcome: [], series: series('2026-11-28T18:00:00.000Z', 3, HOUR) });
  });

  test('to must follow from, within 31 days by HOUR and 366 days by DAY', async () => {
    const bad = async (filter: UsageFilter, granularity: Granularity, message: string) => {
      const res = await t.gql(Usage, { filter, granularity }, t.adminKey);
      expect(res.status).toBe(200);
      expect(res.body.data?.usage).toBeNull();
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.path).toEqual(['usage']);
      expect(res.body.errors?.[0]?.message).toContain(message);
    };
    const from = '2026-11-01T00:00:00.000Z';
    await bad({ from, to: from }, 'HOUR', 'must be later than');
    await bad({ from, to: '2026-10-31T00:00:00.000Z' }, 'DAY', 'must be later than');
    await bad({ from, to: '2026-12-02T00:00:00.001Z' }, 'HOUR', 'at most 31 days');
    await bad({ from, to: '2027-11-02T00:00:00.001Z' }, 'DAY', 'at most 366 days');

    const longestHourly = await usage({ from, to: '2026-12-02T00:00:00.000Z' }, t.adminKey, 'HOUR');
    expect(longestHourly?.series).toHaveLength(31 * 24);
    const longestDaily = await usage({ from, to: '2027-11-02T00:00:00.000Z' }, t.adminKey, 'DAY');
    expect(longestDaily?.series).toHaveLength(366);
    expect(longestDaily?.total).toBeGreaterThanOrEqual(16);
  });
});

const PRODUCT_FIELDS = [
  'Product.id',
  'ProductConnection.edges',
  'ProductEdge.node',
  'Query.products',
];
const CUSTOMER_FIELDS = [
  'Customer.id',
  'CustomerConnection.edges',
  'CustomerEdge.node',
  'Query.customers',
];
const rows = (coordinates: string[], count: number, region: string | null = null) =>
  coordinates.map((coordinate) => ({ coordinate, region, count }));

describe('fieldUsage', () => {
  test('lists the most-used coordinates first, ties by name, introspection and refusals excluded', async () => {
    expect(await fieldUsage(WINDOW, keys.readerA.secret)).toEqual([
      ...rows(PRODUCT_FIELDS, 7),
      ...rows(CUSTOMER_FIELDS, 3),
      ...rows(['Query.viewer', 'Viewer.scopes'], 1),
    ]);
    expect(await fieldUsage(WINDOW, keys.readerA.secret, { first: 2 })).toEqual(
      rows(['Product.id', 'ProductConnection.edges'], 7),
    );
    // Admin keys sum every project.
    expect(await fieldUsage(WINDOW, t.adminKey)).toEqual([
      ...rows(PRODUCT_FIELDS, 10),
      ...rows(CUSTOMER_FIELDS, 4),
      ...rows(['Query.viewer', 'Viewer.scopes'], 1),
    ]);
  });

  test('byRegion gives one row per coordinate and region, a missing region as null', async () => {
    expect(await fieldUsage(WINDOW, keys.readerA.secret, { byRegion: true })).toEqual([
      ...rows(PRODUCT_FIELDS, 5, 'FR'),
      ...rows(CUSTOMER_FIELDS, 3, 'FR'),
      ...rows(PRODUCT_FIELDS, 2, 'DE'),
      ...rows(['Query.viewer', 'Viewer.scopes'], 1, 'DE'),
    ]);
    expect(await fieldUsage(WINDOW, keys.readerB.secret, { byRegion: true })).toEqual([
      ...rows(PRODUCT_FIELDS, 2, 'US'),
      ...rows([...CUSTOMER_FIELDS, ...PRODUCT_FIELDS].sort(), 1, null),
    ]);
    expect(await fieldUsage(WINDOW, keys.readerB.secret, { byRegion: false })).toEqual([
      ...rows(PRODUCT_FIELDS, 3),
      ...rows(CUSTOMER_FIELDS, 1),
    ]);
  });

  test('filters by key, region and time range', async () => {
    const r = keys.readerA.secret;
    expect(await fieldUsage({ ...WINDOW, keyId: keys.a2.id }, r)).toEqual(
      rows([...PRODUCT_FIELDS, ...CUSTOMER_FIELDS, 'Query.viewer', 'Viewer.scopes'].sort(), 1),
    );
    expect(await fieldUsage({ ...WINDOW, region: 'DE' }, r)).toEqual([
      ...rows(PRODUCT_FIELDS, 2),
      ...rows(['Query.viewer', 'Viewer.scopes'], 1),
    ]);
    expect(
      await fieldUsage({ from: WINDOW.from, to: '2026-11-29T10:00:00.000Z' }, r, {
        byRegion: true,
      }),
    ).toEqual([
      ...rows(PRODUCT_FIELDS, 3, 'FR'),
      ...[...rows(PRODUCT_FIELDS, 1, 'DE'), ...rows(CUSTOMER_FIELDS, 1, 'FR')].sort((x, y) =>
        x.coordinate < y.coordinate ? -1 : 1,
      ),
    ]);
    expect(
      await fieldUsage({ ...WINDOW, keyId: keys.a1.id, region: 'FR' }, r, { first: 5 }),
    ).toEqual([...rows(PRODUCT_FIELDS, 4), ...rows(['Customer.id'], 2)]);
  });

  test('outcome, operationName, a bad first or an empty range are refused', async () => {
    const bad = async (variables: { filter: UsageFilter; first?: number }, message: string) => {
      const res = await t.gql(FieldUsage, variables, keys.readerA.secret);
      expect(res.body.data?.fieldUsage).toBeNull();
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.message).toContain(message);
    };
    const rolledUp = 'rolled up by project, key and region only';
    await bad({ filter: { ...WINDOW, outcome: 'OK' } }, rolledUp);
    await bad({ filter: { ...WINDOW, operationName: 'UsageQProducts' } }, rolledUp);
    await bad({ filter: WINDOW, first: 0 }, '"first" must be between 1 and 500');
    await bad({ filter: WINDOW, first: 501 }, '"first" must be between 1 and 500');
    await bad({ filter: { from: WINDOW.to, to: WINDOW.from } }, 'must be later than');
    expect(await fieldUsage(WINDOW, keys.readerA.secret, { first: 500 })).toHaveLength(10);
  });
});

describe('isolation', () => {
  test("a project key never sees another project's usage, whatever it filters on", async () => {
    expect(await usageTotals(WINDOW, keys.readerB.secret)).toEqual({
      total: 4,
      byOutcome: [
        { outcome: 'OK', count: 3 },
        { outcome: 'ERROR', count: 1 },
      ],
    });
    // B's key id through A's reader: A's project is forced, so nothing matches.
    expect(await usageTotals({ ...WINDOW, keyId: keys.b1.id }, keys.readerA.secret)).toEqual({
      total: 0,
      byOutcome: [],
    });
    expect(
      await usageTotals({ ...WINDOW, outcome: 'UNAUTHENTICATED' }, keys.readerA.secret),
    ).toEqual({ total: 0, byOutcome: [] });
    expect(await usageTotals({ ...WINDOW, projectId: projectA }, keys.readerA.secret)).toEqual({
      total: 10,
      byOutcome: A_BY_OUTCOME,
    });
    const logs = await t.gql(
      RequestLogIds,
      { filter: { to: WINDOW.to }, first: 100 },
      keys.readerA.secret,
    );
    const nodes = logs.body.data?.requestLogs?.edges.map((e) => e.node) ?? [];
    expect(nodes).toHaveLength(10);
    expect(new Set(nodes.map((n) => n.projectId))).toEqual(new Set([projectA]));
  });

  test('a foreign project id answers exactly like a missing one: zeros and empty lists', async () => {
    const ask = (projectId: string) =>
      t.gql(
        AllUsageFields,
        { filter: { ...WINDOW, projectId }, logFilter: { projectId } },
        keys.readerA.secret,
      );
    const foreign = await ask(projectB);
    const missing = await ask('prj_0000000000000000000000');
    expect(foreign.status).toBe(200);
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.body.errors).toBeUndefined();
    expect(foreign.body.data?.usage).toEqual({ total: 0 });
    expect(foreign.body.data?.fieldUsage).toEqual([]);
    expect(foreign.body.data?.requestLogs?.edges).toEqual([]);
    expect(await usage({ ...WINDOW, projectId: projectB }, keys.readerA.secret, 'DAY')).toEqual({
      total: 0,
      byOutcome: [],
      series: series(WINDOW.from, 2, DAY),
    });
  });

  test('without usage:read every usage field is FORBIDDEN and its siblings still resolve', async () => {
    const res = await t.gql(AllUsageFields, { filter: WINDOW, logFilter: {} }, keys.noUsage.secret);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      viewer: { scopes: ['products:read'] },
      usage: null,
      fieldUsage: null,
      requestLogs: null,
    });
    const denied = (res.body.errors ?? []).map((e) => ({
      path: e.path,
      code: e.extensions?.code,
      requiredScopes: e.extensions?.requiredScopes,
    }));
    expect(denied.sort((x, y) => String(x.path).localeCompare(String(y.path)))).toEqual(
      ['fieldUsage', 'requestLogs', 'usage'].map((field) => ({
        path: [field],
        code: 'FORBIDDEN',
        requiredScopes: ['usage:read'],
      })),
    );
  });
});

describe('meteringStatus', () => {
  test("an admin key reads the recorder's counters, and nothing was dropped", async () => {
    await t.gql(MeteringStatus, undefined, t.adminKey);
    await t.server.services.usage.flush();
    const res = await t.gql(MeteringStatus, undefined, t.adminKey);
    expect(res.body.errors).toBeUndefined();
    const status = res.body.data?.meteringStatus;
    expect(status).toEqual({
      buffered: 0,
      written: expect.any(Number),
      dropped: 0,
      failedFlushes: 0,
      lastFlushAt: QUERY_TIME,
    });
    // Everything written so far plus the status request itself, now flushed too.
    await t.server.services.usage.flush();
    const everything = await usage(
      { from: '2026-11-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' },
      t.adminKey,
      'DAY',
    );
    expect(everything?.total).toBe((status?.written ?? 0) + 1);
  });

  test('a project key is refused meteringStatus even with usage:read', async () => {
    const res = await t.gql(MeteringStatus, undefined, keys.readerA.secret);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ viewer: { scopes: ['usage:read'] }, meteringStatus: null });
    expect(res.body.errors?.[0]?.path).toEqual(['meteringStatus']);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.body.errors?.[0]?.message).toContain('admin key');
  });
});

test("a key's lastUsedAt is the time of its last request once usage is flushed", async () => {
  const lastUsed = async (id: string) =>
    (await t.gql(KeyLastUsed, { id }, t.adminKey)).body.data?.key?.lastUsedAt;
  expect(await lastUsed(keys.a1.id)).toBe(T3);
  expect(await lastUsed(keys.a2.id)).toBe(T3);
  expect(await lastUsed(keys.b1.id)).toBe(T3);
  const unused = await createKey(t, { projectId: projectB, scopes: ['products:read'] });
  expect(await lastUsed(unused.id)).toBeNull();
});

test('writing the same events twice (a retried flush) does not count them twice', async () => {
  const project = 'prj_RetriedFlushProject000';
  const event = (id: string, at: string, outcome: UsageEvent['outcome']): UsageEvent => ({
    id,
    at: new Date(at),
    projectId: project,
    keyId: 'key_RetriedFlushKey0000000',
    operationName: 'Retried',
    operationType: 'query',
    fields: ['Query.products', 'Product.id'],
    outcome,
    httpStatus: 200,
    durationMs: 1.5,
    cost: 2,
    ip: '127.0.0.1',
    region: 'NL',
    userAgent: 'retry-test',
  });
  const events = [
    event('req_RetriedFlushEvent00001', '2027-02-01T10:05:00.000Z', 'OK'),
    event('req_RetriedFlushEvent00002', '2027-02-01T10:45:00.000Z', 'FORBIDDEN'),
    event('req_RetriedFlushEvent00003', '2027-02-01T11:10:00.000Z', 'OK'),
  ];
  expect(await writeUsageBatch(t.server.services.db, events)).toBe(3);
  expect(await writeUsageBatch(t.server.services.db, events)).toBe(0);
  const range = {
    projectId: project,
    from: '2027-02-01T10:00:00.000Z',
    to: '2027-02-01T12:00:00.000Z',
  };
  expect(await usage(range, t.adminKey)).toEqual({
    total: 3,
    byOutcome: [
      { outcome: 'OK', count: 2 },
      { outcome: 'FORBIDDEN', count: 1 },
    ],
    series: [
      { bucket: '2027-02-01T10:00:00.000Z', requests: 2, denied: 1, cost: 4 },
      { bucket: '2027-02-01T11:00:00.000Z', requests: 1, denied: 0, cost: 2 },
    ],
  });
  expect(await fieldUsage(range, t.adminKey, { byRegion: true })).toEqual(
    rows(['Product.id', 'Query.products'], 3, 'NL'),
  );

  // A retry that carries one new event along counts only that one.
  const more = [...events, event('req_RetriedFlushEvent00004', '2027-02-01T11:20:00.000Z', 'OK')];
  expect(await writeUsageBatch(t.server.services.db, more)).toBe(1);
  expect((await usage(range, t.adminKey))?.total).toBe(4);
});

test('no usage answer contains a key secret', async () => {
  const answers = [
    await t.gql(Usage, { filter: WINDOW }, t.adminKey),
    await t.gql(FieldUsage, { filter: WINDOW, byRegion: true }, t.adminKey),
    await t.gql(RequestLogIds, { filter: { to: WINDOW.to }, first: 100 }, t.adminKey),
  ];
  const text = JSON.stringify(answers.map((a) => a.body));
  expect(text).toContain(keys.a1.id);
  for (const secret of [...Object.values(keys).map((k) => k.secret), BAD_KEY, t.adminKey]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(-12));
  }
});

test('fieldUsage over whole days and the hours around them counts exactly the hours that start within the range', async () => {
  const project = 'prj_SpanningDaysProject000';
  const keyA = 'key_SpanningDaysKeyA000000';
  const keyB = 'key_SpanningDaysKeyB000000';
  const event = (
    at: string,
    keyId: string,
    region: string | null,
    fields: string[],
  ): UsageEvent => ({
    id: `req_SpanningDays${at.replace(/\D/g, '')}`,
    at: new Date(at),
    projectId: project,
    keyId,
    operationName: 'Spanning',
    operationType: 'query',
    fields,
    outcome: 'OK',
    httpStatus: 200,
    durationMs: 1,
    cost: 0,
    ip: null,
    region,
    userAgent: null,
  });
  const products = ['Product.id', 'Query.products'];
  const viewer = ['Query.viewer'];
  // Separate batches, as separate flushes would write them.
  for (const batch of [
    [event('2027-03-01T21:59:59.999Z', keyA, 'NL', products)], // before the first hour
    [event('2027-03-01T22:00:00.000Z', keyA, 'NL', products)], // first hour
    [event('2027-03-01T23:30:00.000Z', keyB, null, products)], // edge hour before the days
    [event('2027-03-02T00:00:00.000Z', keyA, 'NL', viewer)], // the whole day
    [event('2027-03-02T13:00:00.000Z', keyB, 'NL', [...products, ...viewer].sort())],
    [event('2027-03-02T23:59:59.999Z', keyA, null, viewer)],
    [event('2027-03-03T01:45:00.000Z', keyB, 'NL', products)], // last hour (starts before `to`)
    [event('2027-03-03T02:00:00.000Z', keyA, 'NL', products)], // after it
  ]) {
    expect(await writeUsageBatch(t.server.services.db, batch)).toBe(1);
  }
  const range = {
    projectId: project,
    from: '2027-03-01T22:15:00.000Z',
    to: '2027-03-03T01:30:00.000Z',
  };
  expect(await fieldUsage(range, t.adminKey)).toEqual([
    { coordinate: 'Product.id', region: null, count: 4 },
    { coordinate: 'Query.products', region: null, count: 4 },
    { coordinate: 'Query.viewer', region: null, count: 3 },
  ]);
  expect(await fieldUsage(range, t.adminKey, { byRegion: true })).toEqual([
    { coordinate: 'Product.id', region: 'NL', count: 3 },
    { coordinate: 'Query.products', region: 'NL', count: 3 },
    { coordinate: 'Query.viewer', region: 'NL', count: 2 },
    { coordinate: 'Product.id', region: null, count: 1 },
    { coordinate: 'Query.products', region: null, count: 1 },
    { coordinate: 'Query.viewer', region: null, count: 1 },
  ]);
  expect(await fieldUsage({ ...range, keyId: keyB }, t.adminKey)).toEqual([
    ...rows(products, 3),
    ...rows(viewer, 1),
  ]);
  expect(await fieldUsage({ ...range, keyId: keyA, region: 'NL' }, t.adminKey)).toEqual([
    ...rows(products, 1),
    ...rows(viewer, 1),
  ]);
  expect(await fieldUsage({ ...range, to: '2027-03-03T00:00:00.000Z' }, t.adminKey)).toEqual([
    ...rows(products, 3),
    ...rows(viewer, 3),
  ]);
  const report = await usage(range, t.adminKey, 'DAY');
  expect(report?.total).toBe(7);
  expect((await usage({ ...range, keyId: keyB }, t.adminKey, 'DAY'))?.total).toBe(3);
});
