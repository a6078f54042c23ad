import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeClock } from '../../src/lib/clock.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Ping = graphql(`
  query QuotaPing {
    __typename
  }
`);

const QuotaStatus = graphql(`
  query QuotaStatus {
    rateLimit {
      quotaPerMonth
      quotaRemaining
      quotaResetAt
      usageLimit
      usageRemaining
    }
  }
`);

const CreateLimitedKey = graphql(`
  mutation QuotaCreateLimitedKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      secret
      key {
        id
        usageLimit
        remaining
      }
    }
  }
`);

const KeyRemaining = graphql(`
  query QuotaKeyRemaining($id: ID!) {
    key(id: $id) {
      usageLimit
      remaining
    }
  }
`);

const ViewerRemaining = graphql(`
  query QuotaViewerRemaining {
    viewer {
      key {
        remaining
      }
    }
  }
`);

const SetUsageLimit = graphql(`
  mutation QuotaSetUsageLimit($id: ID!, $limit: Int) {
    updateKey(id: $id, input: { usageLimit: $limit }) {
      usageLimit
      remaining
    }
  }
`);

const dir = mkdtempSync(join(tmpdir(), 'keygate-plans-'));
const plansFile = join(dir, 'plans.json');
writeFileSync(
  plansFile,
  JSON.stringify({ FREE: { monthlyQuota: 5 }, PRO: { monthlyQuota: 1000 } }),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function statuses(t: TestServer, key: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await t.gql(Ping, {}, key)).status);
  return out;
}

describe('the monthly quota of a project (calendar month, UTC)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      env: { KEYGATE_PLANS_FILE: plansFile },
      clock: new FakeClock('2026-11-30T23:50:00.000Z'),
    });
  });
  afterAll(() => t.close());

  test('is shared by the keys of a project; past it, 429 QUOTA_EXCEEDED with Retry-After to the next month', async () => {
    const projectId = await createProject(t, { plan: 'FREE' });
    const a = await createKey(t, { projectId, scopes: ['products:read'] });
    const b = await createKey(t, { projectId, scopes: ['products:read'] });
    expect(await statuses(t, a.secret, 3)).toEqual([200, 200, 200]);
    expect(await statuses(t, b.secret, 2)).toEqual([200, 200]);
    const refused = await t.gql(Ping, {}, b.secret);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('QUOTA_EXCEEDED');
    expect(refused.body.errors?.[0]?.message).toBe(
      `monthly quota exceeded: project "${projectId}" has used all 5 requests of its FREE plan this month; it resets on 2026-12-01T00:00:00.000Z`,
    );
    expect(refused.headers.get('retry-after')).toBe(String(10 * 60));
    // Reading the budget is still possible, and spends nothing.
    const status = await t.gql(QuotaStatus, {}, a.secret);
    expect(status.status).toBe(200);
    expect(status.body.data?.rateLimit).toEqual({
      quotaPerMonth: 5,
      quotaRemaining: 0,
      quotaResetAt: '2026-12-01T00:00:00.000Z',
      usageLimit: null,
      usageRemaining: null,
    });
    // A project on another plan is not affected.
    const other = await createProject(t, { plan: 'PRO' });
    const c = await createKey(t, { projectId: other, scopes: ['products:read'] });
    expect(await statuses(t, c.secret, 6)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  test('rolls over at the start of the month', async () => {
    const projectId = await createProject(t, { plan: 'FREE' });
    const { secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    t.clock.set('2026-12-31T23:59:00.000Z');
    expect(await statuses(t, secret, 6)).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await t.gql(Ping, {}, secret);
    expect(refused.headers.get('retry-after')).toBe('60');
    t.clock.set('2027-01-01T00:00:00.000Z');
    expect(await statuses(t, secret, 6)).toEqual([200, 200, 200, 200, 200, 429]);
    const status = await t.gql(QuotaStatus, {}, secret);
    expect(status.body.data?.rateLimit?.quotaResetAt).toBe('2027-02-01T00:00:00.000Z');
  });

  test('upgrading the plan lifts a spent quota on the next request', async () => {
    t.clock.set('2027-02-10T00:00:00.000Z');
    const projectId = await createProject(t, { plan: 'FREE' });
    const { secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    expect((await statuses(t, secret, 6))[5]).toBe(429);
    const up = await t.gql(
      `mutation QuotaUpgrade($id: ID!) { updateProject(id: $id, input: { plan: PRO }) { plan } }`,
      { id: projectId },
      t.adminKey,
    );
    expect(up.body.errors).toBeUndefined();
    const status = await t.gql(QuotaStatus, {}, secret);
    expect(status.body.data?.rateLimit?.quotaRemaining).toBe(995);
    expect((await t.gql(Ping, {}, secret)).status).toBe(200);
  });
});

describe('a restarted server', () => {
  test('counts the month from what the usage log holds: the quota is not reset by a restart', async () => {
    const clock = new FakeClock('2026-11-15T12:00:00.000Z');
    const t = await startTestServer({ env: { KEYGATE_PLANS_FILE: plansFile }, clock });
    const projectId = await createProject(t, { plan: 'FREE' });
    const { secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    expect(await statuses(t, secret, 3)).toEqual([200, 200, 200]);
    // Shut down (buffered usage is written), then start again on the same database.
    await t.server.close();
    const again = await startTestServer({
      database: t.database,
      env: { KEYGATE_PLANS_FILE: plansFile },
      clock,
    });
    try {
      expect(await statuses(again, secret, 3)).toEqual([200, 200, 429]);
    } finally {
      await again.close();
      await t.database.drop();
    }
  });
});

describe("a key's usageLimit (total requests it may ever make)", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  test('counts down in ApiKey.remaining; past it, 429 QUOTA_EXCEEDED without Retry-After; raising it grants more', async () => {
    const projectId = await createProject(t, { plan: 'PRO' });
    const created = await t.gql(
      CreateLimitedKey,
      { input: { projectId, name: 'trial', scopes: ['products:read'], usageLimit: 3 } },
      t.adminKey,
    );
    expect(created.body.data?.createKey?.key).toMatchObject({ usageLimit: 3, remaining: 3 });
    const id = created.body.data?.createKey?.key.id as string;
    const secret = created.body.data?.createKey?.secret as string;

    const first = await t.gql(ViewerRemaining, {}, secret);
    expect(first.body.data?.viewer.key.remaining).toBe(2);
    expect(await statuses(t, secret, 2)).toEqual([200, 200]);
    expect((await t.gql(KeyRemaining, { id }, t.adminKey)).body.data?.key).toEqual({
      usageLimit: 3,
      remaining: 0,
    });
    const refused = await t.gql(Ping, {}, secret);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('QUOTA_EXCEEDED');
    expect(refused.body.errors?.[0]?.message).toBe(
      'usage limit reached: this API key may make 3 requests in all and has made them; raise its usageLimit or use another key',
    );
    expect(refused.headers.get('retry-after')).toBeNull();
    const status = await t.gql(QuotaStatus, {}, secret);
    expect(status.body.data?.rateLimit).toMatchObject({ usageLimit: 3, usageRemaining: 0 });

    const raised = await t.gql(SetUsageLimit, { id, limit: 5 }, t.adminKey);
    expect(raised.body.data?.updateKey).toEqual({ usageLimit: 5, remaining: 2 });
    expect(await statuses(t, secret, 3)).toEqual([200, 200, 429]);
    const removed = await t.gql(SetUsageLimit, { id, limit: null }, t.adminKey);
    expect(removed.body.data?.updateKey).toEqual({ usageLimit: null, remaining: null });
    expect(await statuses(t, secret, 2)).toEqual([200, 200]);
  });

  test('a refusal by the usageLimit does not spend the project quota', async () => {
    const projectId = await createProject(t, { plan: 'FREE' });
    const created = await t.gql(
      CreateLimitedKey,
      { input: { projectId, name: 'trial', scopes: ['products:read'], usageLimit: 1 } },
      t.adminKey,
    );
    const secret = created.body.data?.createKey?.secret as string;
    expect(await statuses(t, secret, 4)).toEqual([200, 429, 429, 429]);
    const other = await createKey(t, { projectId, scopes: ['products:read'] });
    const status = await t.gql(QuotaStatus, {}, other.secret);
    expect(status.body.data?.rateLimit?.quotaRemaining).toBe(9999);
  });

  test('bad usageLimit values are refused with BAD_USER_INPUT', async () => {
    const projectId = await createProject(t, { plan: 'PRO' });
    for (const usageLimit of [0, -1]) {
      const res = await t.gql(
        CreateLimitedKey,
        { input: { projectId, name: 'bad', scopes: ['products:read'], usageLimit } },
        t.adminKey,
      );
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.message).toBe(
        'usageLimit must be an integer from 1 to 1000000000',
      );
    }
  });
});
