import { format } from 'node:util';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Logger } from '../../src/lib/logger.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { testRedisUrl } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// One real server on PostgreSQL whose Redis connection runs through a TCP proxy: pausing
// the proxy is Redis going away (connections reset, then refused), resuming it Redis coming
// back. The server's clock is fake; Redis's reconnects happen in real time (bounded polls).

const OutagePing = graphql(`
  query OutagePing {
    __typename
  }
`);

const OutageSetLimit = graphql(`
  mutation OutageSetLimit($id: ID!, $limit: Int!) {
    updateKey(id: $id, input: { rateLimitPerMinute: $limit }) {
      rateLimitPerMinute
    }
  }
`);

interface Line {
  level: 'debug' | 'info' | 'warn' | 'error';
  text: string;
}

function capturingLogger(lines: Line[]): Logger {
  const at =
    (level: Line['level']) =>
    (...args: unknown[]) => {
      const [first] = args;
      const text =
        typeof first === 'object' && first !== null && 'msg' in first
          ? String((first as { msg: unknown }).msg)
          : format(...args);
      lines.push({ level, text });
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

let proxy: TcpProxy;
let t: TestServer;
const lines: Line[] = [];

const ready = async () => {
  const response = await fetch(new URL('/ready', t.url));
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};
/** Waits (real time, bounded) until /ready reports Redis as `state`. */
const redisBecomes = (state: 'ok' | 'unreachable') =>
  vi.waitFor(async () => expect((await ready()).body.redis).toBe(state), {
    timeout: 10_000,
    interval: 25,
  });
const ping = (secret: string) => t.gql(OutagePing, {}, secret);
const warnings = (pattern: RegExp) =>
  lines.filter((l) => l.level === 'warn' && pattern.test(l.text));

beforeAll(async () => {
  const redis = new URL(testRedisUrl());
  proxy = await startTcpProxy(Number(redis.port || 6379), redis.hostname);
  redis.port = String(proxy.port);
  t = await startTestServer({
    env: { REDIS_URL: redis.toString(), KEYGATE_INSTANCES: '3' },
    logger: capturingLogger(lines),
  });
});

afterAll(async () => {
  await t?.close();
  await proxy?.close();
});

afterEach(async () => {
  await proxy.resume();
  await redisBecomes('ok');
});

describe('Redis unreachable', () => {
  test('requests are still served with per-instance limits (limit ÷ KEYGATE_INSTANCES), one warning is logged, /ready says so, and shared limiting resumes by itself', async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready', redis: 'ok' } });
    const projectId = await createProject(t, { plan: 'PRO' });
    const key = await createKey(t, { projectId, scopes: ['products:read'] });
    const set = await t.gql(OutageSetLimit, { id: key.id, limit: 9 }, t.adminKey);
    expect(set.body.data?.updateKey?.rateLimitPerMinute).toBe(9);
    const shared = [await ping(key.secret), await ping(key.secret)];
    expect(shared.map((r) => r.status)).toEqual([200, 200]);
    expect(shared[1]?.headers.get('ratelimit')).toBe('"minute";r=7;t=60');

    await proxy.pause();
    const before = warnings(/per instance/).length;
    // This instance's share of 9 over 3 instances: 3 more, counted here alone.
    const started = performance.now();
    const local = [];
    for (let i = 0; i < 4; i++) local.push(await ping(key.secret));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(local.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(local[0]?.headers.get('ratelimit-policy')).toBe('"minute";q=3;w=60');
    expect(local[3]?.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready', redis: 'unreachable' } });
    expect(warnings(/per instance/)).toHaveLength(before + 1);

    await proxy.resume();
    await redisBecomes('ok');
    expect(lines.some((l) => l.level === 'info' && /redis is back/i.test(l.text))).toBe(true);
    // Counting continues in Redis where it was: 7 left before the outage, one taken now.
    const again = await ping(key.secret);
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit')).toBe('"minute";r=6;t=60');
    expect(warnings(/per instance/)).toHaveLength(before + 1);
  });

  test('a cached key is re-read within a second while key changes may be missed, and the whole cache is dropped when the bus is back', async () => {
    const projectId = await createProject(t, { plan: 'PRO' });
    const first = await createKey(t, { projectId, scopes: ['products:read'] });
    const second = await createKey(t, { projectId, scopes: ['products:read'] });
    expect((await ping(first.secret)).status).toBe(200); // cached
    expect((await ping(second.secret)).status).toBe(200); // cached
    const db = t.database.open();
    // Another instance revoking a key while this one cannot hear it: only the database knows.
    const revokeBehindItsBack = (id: string) =>
      sql`update api_keys set revoked_at = ${t.clock.now().toISOString()}, revocation_reason = 'UNSPECIFIED' where id = ${id}`.execute(
        db,
      );
    try {
      await proxy.pause();
      await redisBecomes('unreachable');
      await revokeBehindItsBack(first.id);
      t.clock.advance(1_000);
      const refused = await ping(first.secret);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('KEY_REVOKED');

      expect((await ping(second.secret)).status).toBe(200); // cached again, now
      await revokeBehindItsBack(second.id);
      await proxy.resume();
      await redisBecomes('ok');
      // No time passed: the entry is fresh, yet the reconnect dropped every cached key.
      const dropped = await ping(second.secret);
      expect(dropped.status).toBe(401);
      expect(dropped.body.errors?.[0]?.extensions?.code).toBe('KEY_REVOKED');
    } finally {
      await db.destroy();
    }
  });

  test('a Redis that hangs without closing the connection is noticed by the heartbeat: cached keys are re-read within a second until it answers again', async () => {
    const projectId = await createProject(t, { plan: 'PRO' });
    const key = await createKey(t, { projectId, scopes: ['products:read'] });
    expect((await ping(key.secret)).status).toBe(200); // cached
    await proxy.stall();
    // Real time: one missed ping (1 s timeout) of the bus's heartbeat, bounded here.
    await redisBecomes('unreachable');
    const db = t.database.open();
    try {
      await sql`update api_keys set disabled_at = ${t.clock.now().toISOString()} where id = ${key.id}`.execute(
        db,
      );
    } finally {
      await db.destroy();
    }
    t.clock.advance(1_000);
    const refused = await ping(key.secret);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('KEY_DISABLED');
  });
});
