import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { killLeftovers } from '../cli/keygate-process.js';
import { graphql } from '../gql/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';
import type { GqlResponse } from '../helpers/test-server.js';
import {
  errorCode,
  type Instance,
  pollUntil,
  roundRobin,
  send,
  startCluster,
  startInstances,
} from './instances.js';

// Three real `keygate serve` processes on one PostgreSQL schema and one Redis prefix, as a
// deployment runs them behind a load balancer. Real time throughout: the children have no
// fake clock, so changes are awaited by polling with bounded waits.

const ScaleCreateProject = graphql(`
  mutation ScaleCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

const ScaleCreateKey = graphql(`
  mutation ScaleCreateKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      key {
        id
      }
      secret
    }
  }
`);

const ScaleRevokeKey = graphql(`
  mutation ScaleRevokeKey($id: ID!) {
    revokeKey(id: $id, reason: COMPROMISED) {
      id
      status
    }
  }
`);

const ScaleRotateKey = graphql(`
  mutation ScaleRotateKey($id: ID!) {
    rotateKey(id: $id, gracePeriodSeconds: 0) {
      key {
        id
      }
      secret
    }
  }
`);

const ScaleUpdateKey = graphql(`
  mutation ScaleUpdateKey($id: ID!, $input: UpdateKeyInput!) {
    updateKey(id: $id, input: $input) {
      id
      status
      scopes
    }
  }
`);

const ScaleKey = graphql(`
  query ScaleKey($id: ID!) {
    key(id: $id) {
      status
      revocationReason
      replacedBy {
        id
      }
    }
  }
`);

const ScaleViewer = graphql(`
  query ScaleViewer {
    viewer {
      key {
        id
      }
    }
  }
`);

const ScaleProducts = graphql(`
  query ScaleProducts {
    products(first: 1) {
      edges {
        cursor
      }
    }
  }
`);

const ScaleLedger = graphql(`
  query ScaleLedger {
    products(first: 1) {
      edges {
        cursor
      }
    }
    customers(first: 1) {
      edges {
        cursor
      }
    }
  }
`);

const ScaleRateLimit = graphql(`
  query ScaleRateLimit {
    rateLimit {
      limitPerMinute
      remaining
    }
  }
`);

const ScaleUsage = graphql(`
  query ScaleUsage($filter: UsageFilter!) {
    usage(filter: $filter) {
      total
      byOutcome {
        outcome
        count
      }
    }
  }
`);

/** What a change made through one instance may take to reach every other. */
const PROPAGATION_MS = 1_000;

const INSTANCE_ENV = {
  KEYGATE_LOG_LEVEL: 'warn',
  KEYGATE_DRAIN_DELAY_MS: '0',
  KEYGATE_INSTANCES: '3',
};

let database: TestDatabase;
let a: Instance;
let b: Instance;
let c: Instance;
let adminKey: string;
let projectId: string;
/** Measured propagation times, printed once at the end (they vary from run to run). */
const timings: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const cluster = await startCluster(database, ['A', 'B', 'C'], INSTANCE_ENV);
  [a, b, c] = cluster.instances as [Instance, Instance, Instance];
  adminKey = cluster.adminKey;
  projectId = await createProject(a, 'scale');
}, 60_000);

afterAll(async () => {
  killLeftovers();
  await database?.drop();
  if (timings.length > 0) console.log(`multi-instance timings:\n  ${timings.join('\n  ')}`);
});

async function createProject(through: Instance, name: string): Promise<string> {
  const res = await send(
    through,
    ScaleCreateProject,
    {
      input: {
        name,
        plan: 'ENTERPRISE',
        allowedScopes: ['products:read', 'customers:read', 'keys:read', 'usage:read'],
      },
    },
    adminKey,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.createProject?.id as string;
}

async function createKey(
  through: Instance,
  input: { name: string; scopes?: string[]; rateLimitPerMinute?: number; projectId?: string },
): Promise<{ id: string; secret: string }> {
  const res = await send(
    through,
    ScaleCreateKey,
    { input: { projectId, scopes: ['products:read', 'customers:read'], ...input } },
    adminKey,
  );
  expect(res.body.errors).toBeUndefined();
  const created = res.body.data?.createKey;
  return { id: created?.key.id as string, secret: created?.secret as string };
}

const viewer = (instance: Instance, secret: string) => send(instance, ScaleViewer, {}, secret);

/** Uses `secret` on each instance and expects it to work (so each has it cached). */
async function expectServed(instances: Instance[], secret: string, id: string): Promise<void> {
  for (const instance of instances) {
    const res = await viewer(instance, secret);
    expect({ on: instance.name, status: res.status, id: res.body.data?.viewer.key.id }).toEqual({
      on: instance.name,
      status: 200,
      id,
    });
  }
}

/**
 * Polls each instance (in parallel) with `probe` from `since` until `changed` holds, and
 * expects every instance to show the change within PROPAGATION_MS, answering as before (200)
 * until then. Returns the last answers.
 */
async function expectPropagated<T>(
  what: string,
  instances: Instance[],
  since: number,
  probe: (instance: Instance) => Promise<GqlResponse<T>>,
  changed: (res: GqlResponse<T>) => boolean,
): Promise<GqlResponse<T>[]> {
  const polled = await Promise.all(
    instances.map((instance) => pollUntil(() => probe(instance), changed, { since })),
  );
  timings.push(
    `${what}: ${polled.map((p, i) => `${instances[i]?.name} ${Math.round(p.elapsedMs)} ms (${p.seen.length} polls)`).join(', ')}`,
  );
  polled.forEach((p, i) => {
    const on = instances[i]?.name;
    const last = `${p.result.status} ${JSON.stringify(p.result.body.errors ?? p.result.body.data)}`;
    expect(p.done, `${what} not seen on ${on} after ${p.seen.length} polls; last: ${last}`).toBe(
      true,
    );
    expect(p.elapsedMs, `${what} on ${on}`).toBeLessThanOrEqual(PROPAGATION_MS);
    const before = p.seen.slice(0, -1).map((res) => res.status);
    expect(before, `answers on ${on} before the change`).toEqual(before.map(() => 200));
  });
  return polled.map((p) => p.result);
}

/** A response's data and errors, without `extensions` (the cost every priced response carries). */
const payload = <T>(res: GqlResponse<T>) => ({ data: res.body.data, errors: res.body.errors });

const refusedWith = (code: string) => (res: GqlResponse<unknown>) =>
  res.status === 401 && errorCode(res) === code;

describe('key changes made through one instance reach every instance', () => {
  test('a key created through A works on B and C at its very first request', async () => {
    const key = await createKey(a, { name: 'fresh', scopes: ['products:read'] });
    const answers = await Promise.all([b, c].map((instance) => viewer(instance, key.secret)));
    expect(answers.map((res) => [res.status, payload(res)])).toEqual([
      [200, { data: { viewer: { key: { id: key.id } } } }],
      [200, { data: { viewer: { key: { id: key.id } } } }],
    ]);
  });

  test('a key revoked through A is refused by B and C with KEY_REVOKED within 1 s, though they had it cached', async () => {
    const key = await createKey(a, { name: 'to revoke' });
    await expectServed([a, b, c], key.secret, key.id);

    const revoked = await send(a, ScaleRevokeKey, { id: key.id }, adminKey);
    const since = performance.now();
    expect(payload(revoked)).toEqual({ data: { revokeKey: { id: key.id, status: 'REVOKED' } } });
    // The instance that made the change refuses it on the very next request.
    const onA = await viewer(a, key.secret);
    expect([onA.status, errorCode(onA), onA.body.data]).toEqual([401, 'KEY_REVOKED', undefined]);

    const last = await expectPropagated(
      'revoke',
      [b, c],
      since,
      (instance) => viewer(instance, key.secret),
      refusedWith('KEY_REVOKED'),
    );
    for (const res of last) {
      expect(res.headers.get('www-authenticate')).not.toBeNull();
      expect(res.body.data).toBeUndefined();
    }
    // And it stays refused.
    for (const instance of [b, c]) {
      expect(refusedWith('KEY_REVOKED')(await viewer(instance, key.secret))).toBe(true);
    }
  });

  test('a key disabled through A is refused by B and C with KEY_DISABLED within 1 s', async () => {
    const key = await createKey(a, { name: 'to disable' });
    await expectServed([b, c], key.secret, key.id);

    const disabled = await send(
      a,
      ScaleUpdateKey,
      { id: key.id, input: { enabled: false } },
      adminKey,
    );
    const since = performance.now();
    expect(disabled.body.data?.updateKey?.status).toBe('DISABLED');

    await expectPropagated(
      'disable',
      [b, c],
      since,
      (instance) => viewer(instance, key.secret),
      refusedWith('KEY_DISABLED'),
    );
  });

  test('scopes narrowed through A make B and C refuse the dropped scope with FORBIDDEN within 1 s', async () => {
    const key = await createKey(a, { name: 'to narrow' });
    for (const instance of [b, c]) {
      const res = await send(instance, ScaleLedger, {}, key.secret);
      expect({ on: instance.name, body: payload(res) }).toEqual({
        on: instance.name,
        body: { data: { products: { edges: [] }, customers: { edges: [] } } },
      });
    }

    const narrowed = await send(
      a,
      ScaleUpdateKey,
      { id: key.id, input: { scopes: ['products:read'] } },
      adminKey,
    );
    const since = performance.now();
    expect(narrowed.body.data?.updateKey?.scopes).toEqual(['products:read']);

    const last = await expectPropagated(
      'scope narrowing',
      [b, c],
      since,
      (instance) => send(instance, ScaleLedger, {}, key.secret),
      (res) => res.body.errors !== undefined,
    );
    for (const res of last) {
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ products: { edges: [] }, customers: null });
      expect(res.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['customers'], 'FORBIDDEN'],
      ]);
    }
  });
});

describe('limits are shared by every instance', () => {
  test('a limit of 30 per minute spread round-robin over three instances admits 30 in all; the rest get 429 RATE_LIMITED', async () => {
    const limit = 30;
    const key = await createKey(a, { name: 'limited', rateLimitPerMinute: limit });
    const answers = await roundRobin([a, b, c], 2 * limit, (instance) =>
      viewer(instance, key.secret),
    );

    const admitted = answers.filter(({ result }) => result.status === 200);
    const perInstance = [a, b, c].map(
      (instance) => `${instance.name} ${admitted.filter((x) => x.instance === instance).length}`,
    );
    timings.push(
      `rate limit ${limit}/min over 60 requests: admitted ${admitted.length} (${perInstance.join(', ')})`,
    );
    expect(admitted.length).toBeGreaterThanOrEqual(limit);
    expect(admitted.length).toBeLessThanOrEqual(Math.ceil(limit * 1.1));
    for (const { instance, result } of answers) {
      expect(result.headers.get('ratelimit-policy')).toBe(`"minute";q=${limit};w=60`);
      if (result.status === 200) {
        expect(payload(result)).toEqual({ data: { viewer: { key: { id: key.id } } } });
        continue;
      }
      expect({ on: instance.name, status: result.status, code: errorCode(result) }).toEqual({
        on: instance.name,
        status: 429,
        code: 'RATE_LIMITED',
      });
      expect(Number(result.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Every instance sees the one budget spent (Query.rateLimit alone spends nothing).
    for (const instance of [a, b, c]) {
      const status = await send(instance, ScaleRateLimit, {}, key.secret);
      expect({ on: instance.name, body: payload(status) }).toEqual({
        on: instance.name,
        body: { data: { rateLimit: { limitPerMinute: limit, remaining: 0 } } },
      });
    }
  });
});

describe('usage is metered exactly across instances', () => {
  // Starting three more processes takes a few seconds (more on a busy machine).
  test('3 × 40 requests through three instances count exactly 120 once they drain on SIGTERM', {
    timeout: 60_000,
  }, async () => {
    const usageProjectId = await createProject(b, 'usage');
    const key = await createKey(b, {
      name: 'metered',
      projectId: usageProjectId,
      scopes: ['products:read'],
    });
    const from = new Date(Date.now() - 2 * 3_600_000).toISOString();
    // A flush interval far beyond the test: the events are written by the shutdown drain.
    const started = performance.now();
    const trio = await startInstances(database, ['D', 'E', 'F'], {
      ...INSTANCE_ENV,
      KEYGATE_USAGE_FLUSH_MS: '60000',
    });

    // Per instance 30 requests within the key's scopes and 10 that touch a field it lacks.
    const forbidden = (i: number) => Math.floor(i / 3) % 4 === 3;
    const answers = await roundRobin(trio, 120, (instance, i) =>
      send(instance, forbidden(i) ? ScaleLedger : ScaleProducts, {}, key.secret),
    );
    answers.forEach(({ result }, i) => {
      expect(result.status).toBe(200);
      expect(errorCode(result)).toBe(forbidden(i) ? 'FORBIDDEN' : undefined);
    });

    const stopping = performance.now();
    const exits = await Promise.all(trio.map((instance) => instance.stop('SIGTERM')));
    timings.push(
      `usage: 3 instances started and served 120 requests in ${Math.round(stopping - started)} ms, drained on SIGTERM in ${Math.round(performance.now() - stopping)} ms`,
    );
    expect(exits.map((e) => [e.code, e.signal])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
    const expected = [
      { outcome: 'OK', count: 90 },
      { outcome: 'FORBIDDEN', count: 30 },
    ];

    const db = database.open();
    try {
      const events = await db
        .selectFrom('usage_events')
        .select(['outcome', (eb) => eb.fn.countAll().as('count')])
        .where('key_id', '=', key.id)
        .groupBy('outcome')
        .orderBy('outcome', 'desc')
        .execute();
      expect(events.map((r) => ({ outcome: r.outcome, count: Number(r.count) }))).toEqual(expected);
      const hourly = await db
        .selectFrom('usage_hourly')
        .select(['outcome', (eb) => eb.fn.sum('requests').as('count')])
        .where('key_id', '=', key.id)
        .groupBy('outcome')
        .orderBy('outcome', 'desc')
        .execute();
      expect(hourly.map((r) => ({ outcome: r.outcome, count: Number(r.count) }))).toEqual(expected);
    } finally {
      await db.destroy();
    }

    // An instance that served none of them reports the same totals, by key and by project.
    const to = new Date(Date.now() + 2 * 3_600_000).toISOString();
    for (const filter of [
      { keyId: key.id, from, to },
      { projectId: usageProjectId, from, to },
    ]) {
      const report = await send(b, ScaleUsage, { filter }, adminKey);
      expect(payload(report)).toEqual({ data: { usage: { total: 120, byOutcome: expected } } });
    }
  });
});

describe('an instance killed without warning', () => {
  test('SIGKILL of A right after its key changes loses none of them, and B and C keep serving', async () => {
    const toRevoke = await createKey(a, { name: 'killed: revoke' });
    const toRotate = await createKey(a, { name: 'killed: rotate' });
    for (const key of [toRevoke, toRotate]) await expectServed([b, c], key.secret, key.id);

    const [created, revoked, rotated] = await Promise.all([
      send(
        a,
        ScaleCreateKey,
        { input: { projectId, name: 'killed: new', scopes: ['products:read'] } },
        adminKey,
      ),
      send(a, ScaleRevokeKey, { id: toRevoke.id }, adminKey),
      send(a, ScaleRotateKey, { id: toRotate.id }, adminKey),
    ]);
    const killed = await a.stop('SIGKILL');
    const since = performance.now();
    expect(killed.signal).toBe('SIGKILL');
    expect(created.body.errors).toBeUndefined();
    expect(payload(revoked)).toEqual({
      data: { revokeKey: { id: toRevoke.id, status: 'REVOKED' } },
    });
    expect(rotated.body.errors).toBeUndefined();
    const fresh = {
      id: created.body.data?.createKey?.key.id as string,
      secret: created.body.data?.createKey?.secret as string,
    };
    const replacement = {
      id: rotated.body.data?.rotateKey?.key.id as string,
      secret: rotated.body.data?.rotateKey?.secret as string,
    };

    // Keys they never saw work at their first request.
    for (const key of [fresh, replacement]) await expectServed([b, c], key.secret, key.id);
    // The keys they had cached are refused within the propagation bound.
    await expectPropagated(
      'revoke, then SIGKILL',
      [b, c],
      since,
      (instance) => viewer(instance, toRevoke.secret),
      refusedWith('KEY_REVOKED'),
    );
    await expectPropagated(
      'rotate (grace 0), then SIGKILL',
      [b, c],
      since,
      (instance) => viewer(instance, toRotate.secret),
      refusedWith('KEY_REVOKED'),
    );
    // The stored keys say so.
    for (const instance of [b, c]) {
      const [gone, old] = await Promise.all([
        send(instance, ScaleKey, { id: toRevoke.id }, adminKey),
        send(instance, ScaleKey, { id: toRotate.id }, adminKey),
      ]);
      expect(gone.body.data?.key).toEqual({
        status: 'REVOKED',
        revocationReason: 'COMPROMISED',
        replacedBy: null,
      });
      expect(old.body.data?.key?.replacedBy).toEqual({ id: replacement.id });
    }

    // B and C keep serving, reads and writes.
    const answers = await roundRobin([b, c], 40, (instance) => viewer(instance, fresh.secret));
    expect(answers.map(({ result }) => result.status)).toEqual(answers.map(() => 200));
    const later = await createKey(c, { name: 'after the kill', scopes: ['products:read'] });
    await expectServed([b, c], later.secret, later.id);
    for (const instance of [b, c]) {
      expect((await fetch(`${instance.origin}/ready`)).status).toBe(200);
    }
  });
});
