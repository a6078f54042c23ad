import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Ping = graphql(`
  query LimitsPing {
    __typename
  }
`);

const Status = graphql(`
  query LimitsStatus {
    rateLimit {
      limitPerMinute
      remaining
      resetAt
      unlimited
      quotaPerMonth
      quotaRemaining
      quotaResetAt
      maxCost
      maxDepth
    }
  }
`);

const StatusAndViewer = graphql(`
  query LimitsStatusAndViewer {
    rateLimit {
      remaining
    }
    viewer {
      scopes
    }
  }
`);

const SetKeyLimit = graphql(`
  mutation LimitsSetKeyLimit($id: ID!, $limit: Int) {
    updateKey(id: $id, input: { rateLimitPerMinute: $limit }) {
      rateLimitPerMinute
    }
  }
`);

const SetPlan = graphql(`
  mutation LimitsSetPlan($id: ID!, $plan: Plan!) {
    updateProject(id: $id, input: { plan: $plan }) {
      plan
    }
  }
`);

const Requests = graphql(`
  query LimitsRequests($filter: RequestLogFilter) {
    requestLogs(filter: $filter, first: 100) {
      edges {
        node {
          outcome
          httpStatus
        }
      }
    }
  }
`);

/** Sends `n` pings one after the other; returns their statuses. */
async function ping(t: TestServer, key: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await t.gql(Ping, {}, key)).status);
  return statuses;
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe('the per-key rate limit (sliding minute)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  test('a FREE key is admitted exactly 60 times in a minute, then gets 429 RATE_LIMITED with Retry-After and the IETF headers', async () => {
    const projectId = await createProject(t, { plan: 'FREE' });
    const { secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    const first = await t.gql(Ping, {}, secret);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"minute";q=60;w=60');
    expect(first.headers.get('ratelimit')).toBe('"minute";r=59;t=60');
    t.clock.advance(10_000);
    expect(count(await ping(t, secret, 58), 200)).toBe(58);
    const last = await t.gql(Ping, {}, secret);
    expect(last.status).toBe(200);
    expect(last.headers.get('ratelimit')).toBe('"minute";r=0;t=50');

    const refused = await t.gql(Ping, {}, secret);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.body.errors?.[0]?.message).toBe(
      'rate limit exceeded: this API key may make 60 requests per minute; retry in 50 s',
    );
    expect(refused.body.data).toBeUndefined();
    // Retry-After is an integer ≥ 1 and never earlier than the RateLimit reset.
    expect(refused.headers.get('retry-after')).toBe('50');
    expect(refused.headers.get('ratelimit')).toBe('"minute";r=0;t=50');
    expect(refused.headers.get('ratelimit-policy')).toBe('"minute";q=60;w=60');

    // The first request leaves the window 60 s after it: exactly one slot frees.
    t.clock.advance(50_000);
    expect(await ping(t, secret, 2)).toEqual([200, 429]);
  });

  test('no 2× burst across a boundary: 60 requests at second 59 keep the key refused until second 119', async () => {
    const projectId = await createProject(t, { plan: 'FREE' });
    const { secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    t.clock.advance(59_000);
    expect(count(await ping(t, secret, 60), 200)).toBe(60);
    t.clock.advance(2_000); // a fixed minute window would start over here
    const refused = await t.gql(Ping, {}, secret);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('58');
    t.clock.advance(57_000);
    expect((await t.gql(Ping, {}, secret)).status).toBe(429);
    t.clock.advance(1_000);
    expect(count(await ping(t, secret, 61), 200)).toBe(60);
  });

  test('requests spread over the window free their slots one second at a time', async () => {
    const projectId = await createProject(t, { plan: 'FREE' });
    const { secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    expect(count(await ping(t, secret, 30), 200)).toBe(30);
    t.clock.advance(30_000);
    expect(count(await ping(t, secret, 31), 200)).toBe(30);
    t.clock.advance(30_000); // the first 30 leave the window
    const statuses = await ping(t, secret, 31);
    expect(count(statuses, 200)).toBe(30);
    expect(statuses[30]).toBe(429);
  });

  test('200 concurrent requests at a limit of 100 admit exactly 100', async () => {
    const projectId = await createProject(t, { plan: 'PRO' });
    const { id, secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    const set = await t.gql(SetKeyLimit, { id, limit: 100 }, t.adminKey);
    expect(set.body.data?.updateKey?.rateLimitPerMinute).toBe(100);
    const results = await Promise.all(Array.from({ length: 200 }, () => t.gql(Ping, {}, secret)));
    const statuses = results.map((r) => r.status);
    expect(count(statuses, 200)).toBe(100);
    expect(count(statuses, 429)).toBe(100);
    for (const r of results.filter((x) => x.status === 429)) {
      expect(r.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });

  test("a key's rateLimitPerMinute overrides its plan, and a change applies to the very next request", async () => {
    const projectId = await createProject(t, { plan: 'FREE' });
    const { id, secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    await t.gql(SetKeyLimit, { id, limit: 3 }, t.adminKey);
    expect(await ping(t, secret, 4)).toEqual([200, 200, 200, 429]);
    await t.gql(SetKeyLimit, { id, limit: 5 }, t.adminKey);
    const next = await t.gql(Ping, {}, secret);
    expect(next.status).toBe(200);
    expect(next.headers.get('ratelimit-policy')).toBe('"minute";q=5;w=60');
    expect(next.headers.get('ratelimit')).toBe('"minute";r=1;t=60');
    await t.gql(SetKeyLimit, { id, limit: null }, t.adminKey);
    const planDefault = await t.gql(Ping, {}, secret);
    expect(planDefault.headers.get('ratelimit-policy')).toBe('"minute";q=60;w=60');
  });

  test('upgrading a FREE project to PRO raises its keys to 600 a minute on the next request, without a restart', async () => {
    const projectId = await createProject(t, { plan: 'FREE' });
    const { secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    expect(count(await ping(t, secret, 61), 429)).toBe(1);
    const upgraded = await t.gql(SetPlan, { id: projectId, plan: 'PRO' }, t.adminKey);
    expect(upgraded.body.data?.updateProject?.plan).toBe('PRO');
    const next = await t.gql(Ping, {}, secret);
    expect(next.status).toBe(200);
    expect(next.headers.get('ratelimit-policy')).toBe('"minute";q=600;w=60');
    expect(next.headers.get('ratelimit')).toBe('"minute";r=539;t=60');
  });

  test('admin keys are not limited and carry no RateLimit headers, unless their own rateLimitPerMinute is set', async () => {
    expect(count(await ping(t, t.adminKey, 150), 200)).toBe(150);
    const res = await t.gql(Ping, {}, t.adminKey);
    expect(res.headers.get('ratelimit')).toBeNull();
    expect(res.headers.get('ratelimit-policy')).toBeNull();
    const status = await t.gql(Status, {}, t.adminKey);
    expect(status.body.data?.rateLimit).toMatchObject({
      limitPerMinute: 2147483647,
      remaining: 2147483647,
      unlimited: true,
      quotaPerMonth: null,
      quotaRemaining: null,
      maxCost: 50000,
      maxDepth: 20,
    });

    const limited = await createKey(t, { kind: 'ADMIN', scopes: ['projects:read'] });
    await t.gql(SetKeyLimit, { id: limited.id, limit: 2 }, t.adminKey);
    const statuses = await ping(t, limited.secret, 3);
    expect(statuses).toEqual([200, 200, 429]);
  });

  test('Query.rateLimit shows the budget and spends none of it, even when the limit is reached', async () => {
    const projectId = await createProject(t, { plan: 'FREE' });
    const { secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    const start = t.clock.now().getTime();
    const fresh = await t.gql(Status, {}, secret);
    expect(fresh.status).toBe(200);
    expect(fresh.body.data?.rateLimit).toEqual({
      limitPerMinute: 60,
      remaining: 60,
      resetAt: new Date(start).toISOString(),
      unlimited: false,
      quotaPerMonth: 10000,
      quotaRemaining: 10000,
      quotaResetAt: '2026-12-01T00:00:00.000Z',
      maxCost: 500,
      maxDepth: 8,
    });
    expect(fresh.headers.get('ratelimit')).toBe('"minute";r=60;t=0');
    t.clock.advance(5_000);
    expect(count(await ping(t, secret, 60), 200)).toBe(60);
    for (let i = 0; i < 5; i++) {
      const res = await t.gql(Status, {}, secret);
      expect(res.status).toBe(200);
      expect(res.body.data?.rateLimit).toMatchObject({
        remaining: 0,
        resetAt: new Date(start + 65_000).toISOString(),
        quotaRemaining: 9940,
      });
      expect(res.headers.get('ratelimit')).toBe('"minute";r=0;t=60');
    }
    // Selected with anything else, the operation is an ordinary (here: refused) request.
    expect((await t.gql(StatusAndViewer, {}, secret)).status).toBe(429);
  });

  test('usage report downloads count against the same limit and carry the same headers', async () => {
    const projectId = await createProject(t, {
      plan: 'FREE',
      allowedScopes: ['usage:read', 'products:read'],
    });
    const { id, secret } = await createKey(t, { projectId, scopes: ['usage:read'] });
    await t.gql(SetKeyLimit, { id, limit: 2 }, t.adminKey);
    const url = new URL('/reports/usage.csv', t.url);
    url.searchParams.set('from', '2026-11-01T00:00:00Z');
    url.searchParams.set('to', '2026-11-02T00:00:00Z');
    const get = () => fetch(url, { headers: { 'x-api-key': secret } });
    const first = await get();
    expect(first.status).toBe(200);
    await first.text();
    expect(first.headers.get('ratelimit')).toBe('"minute";r=1;t=60');
    expect((await get()).status).toBe(200);
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('ratelimit')).toBe('"minute";r=0;t=60');
    const body = (await refused.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
  });

  test('every refusal is metered with its outcome', async () => {
    const projectId = await createProject(t, { plan: 'FREE' });
    const { id, secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    await t.gql(SetKeyLimit, { id, limit: 1 }, t.adminKey);
    expect(await ping(t, secret, 3)).toEqual([200, 429, 429]);
    await t.server.services.usage.flush();
    const logs = await t.gql(Requests, { filter: { keyId: id } }, t.adminKey);
    expect(logs.body.data?.requestLogs?.edges.map((e) => e.node)).toEqual([
      { outcome: 'RATE_LIMITED', httpStatus: 429 },
      { outcome: 'RATE_LIMITED', httpStatus: 429 },
      { outcome: 'OK', httpStatus: 200 },
    ]);
  });
});
