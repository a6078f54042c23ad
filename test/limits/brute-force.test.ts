import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashKey } from '../../src/keys/hash-key.js';
import { generateKey } from '../../src/keys/key-format.js';
import { KnownDigests } from '../../src/keys/known-digests.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Ping = graphql(`
  query BruteForcePing {
    __typename
  }
`);

const Logs = graphql(`
  query BruteForceLogs($from: DateTime!) {
    requestLogs(filter: { from: $from, outcome: RATE_LIMITED }, first: 100) {
      edges {
        node {
          ip
          keyId
          httpStatus
        }
      }
    }
  }
`);

/** A request from `ip` (through a trusted proxy) with `key`. */
function from(t: TestServer, ip: string, key: string) {
  return t.gql(Ping, {}, key, { 'x-forwarded-for': ip });
}

describe('the brute-force limiter: failed authentications per client ip', () => {
  let t: TestServer;
  let valid: string;
  beforeAll(async () => {
    t = await startTestServer({ env: { KEYGATE_TRUST_PROXY: 'true' } });
    const projectId = await createProject(t, { plan: 'PRO' });
    valid = (await createKey(t, { projectId, scopes: ['products:read'] })).secret;
  });
  afterAll(() => t.close());

  test('after 30 failures in a minute an ip gets 429 for further failures, while its valid keys keep working', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 30; i++) {
      const res = await from(t, ip, generateKey('SECRET', 'LIVE'));
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    t.clock.advance(20_000);
    const guessed = await from(t, ip, generateKey('SECRET', 'LIVE'));
    expect(guessed.status).toBe(429);
    expect(guessed.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(guessed.body.errors?.[0]?.message).toBe(
      'too many failed authentication attempts from this address; retry in 40 s',
    );
    expect(guessed.headers.get('retry-after')).toBe('40');
    // Malformed keys and keys with a bad checksum are failures too.
    expect((await from(t, ip, 'kg_sk_live_nope')).status).toBe(429);
    // A valid key never used before from this ip is not caught by it.
    const ok = await from(t, ip, valid);
    expect(ok.status).toBe(200);
    // Another ip is not affected.
    expect((await from(t, '198.51.100.1', generateKey('SECRET', 'LIVE'))).status).toBe(401);
    // Once the failures leave the minute, the ip is answered 401 again.
    t.clock.advance(40_000);
    expect((await from(t, ip, generateKey('SECRET', 'LIVE'))).status).toBe(401);
  });

  test('refusals of the limiter are metered as RATE_LIMITED with the client ip and no key', async () => {
    const since = t.clock.now().toISOString();
    const ip = '203.0.113.99';
    for (let i = 0; i < 32; i++) await from(t, ip, generateKey('PUBLISHABLE', 'TEST'));
    await t.server.services.usage.flush();
    const logs = await t.gql(Logs, { from: since }, t.adminKey);
    expect(logs.body.data?.requestLogs?.edges.map((e) => e.node)).toEqual([
      { ip, keyId: null, httpStatus: 429 },
      { ip, keyId: null, httpStatus: 429 },
    ]);
  });

  test('without KEYGATE_TRUST_PROXY, X-Forwarded-For is not believed', async () => {
    const plain = await startTestServer();
    try {
      for (let i = 0; i < 30; i++) {
        await plain.gql(Ping, {}, generateKey('SECRET', 'LIVE'), {
          'x-forwarded-for': `10.0.0.${i}`,
        });
      }
      const res = await plain.gql(Ping, {}, generateKey('SECRET', 'LIVE'), {
        'x-forwarded-for': '10.0.1.1',
      });
      expect(res.status).toBe(429);
    } finally {
      await plain.close();
    }
  });
});

describe('KnownDigests', () => {
  test('answers "might exist" for every stored digest and rules out unknown ones', async () => {
    const t = await startTestServer();
    try {
      const projectId = await createProject(t);
      const created = await createKey(t, { projectId, scopes: ['products:read'] });
      const known = t.server.knownDigests;
      expect(known.ready).toBe(true);
      expect(known.mightExist(hashKey(t.adminKey))).toBe(true);
      expect(known.mightExist(hashKey(created.secret))).toBe(true);
      let ruledOut = 0;
      for (let i = 0; i < 1000; i++) {
        if (!known.mightExist(hashKey(generateKey('SECRET', 'LIVE')))) ruledOut++;
      }
      expect(ruledOut).toBe(1000);
    } finally {
      await t.close();
    }
  });

  test('says "might exist" for everything until it is loaded', () => {
    expect(new KnownDigests().mightExist(hashKey(generateKey('SECRET', 'LIVE')))).toBe(true);
  });
});
