import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AuthResult, createAuthenticate } from '../../src/http/authenticate.js';
import { KeyCache } from '../../src/keys/key-cache.js';
import { KnownDigests } from '../../src/keys/known-digests.js';
import type { VerifiedKey } from '../../src/keys/verified-key.js';
import { isPromise, type MaybePromise } from '../../src/lib/maybe-promise.js';
import { AuthFailureGuard } from '../../src/limits/auth-failure-guard.js';
import type { AdmitResult } from '../../src/limits/request-limits.js';
import { SlidingWindowLimiter } from '../../src/limits/sliding-window-limiter.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// The request path's key check and limit checks answer a warm request at once (no promise,
// so no asynchronous step in the request), and wait only where they must: a key not cached
// yet, a key with a usageLimit (counted in the database), limits shared in Redis.

const CreateLimitedKey = graphql(`
  mutation AnsweredAtOnceLimitedKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      secret
    }
  }
`);

const FROM = { ip: '203.0.113.7', origin: null, referer: null };
/** On PostgreSQL the suite runs with REDIS_URL: limits are shared, and Redis answers later. */
const inMemoryLimits = process.env.KEYGATE_TEST_DIALECT !== 'postgres';

let t: TestServer;
let projectId: string;
let secret: string;

beforeAll(async () => {
  t = await startTestServer();
  projectId = await createProject(t, { plan: 'PRO' });
  ({ secret } = await createKey(t, { projectId, scopes: ['invoices:read'] }));
});
afterAll(() => t?.close());

function authenticator() {
  const { db, clock, plans } = t.server.services;
  return createAuthenticate({
    db,
    clock,
    plans,
    cache: new KeyCache({ ttlMs: 60_000 }),
    known: new KnownDigests(),
    guard: new AuthFailureGuard({ limiter: new SlidingWindowLimiter(), perMinute: 30 }),
  });
}

async function settled<T>(value: MaybePromise<T>): Promise<T> {
  return isPromise(value) ? await value : value;
}

describe('authenticate', () => {
  test('a cached key is answered at once; the first lookup and an unknown key wait', async () => {
    const authenticate = authenticator();
    const first = authenticate(secret, FROM);
    expect(isPromise(first)).toBe(true);
    expect((await first).ok).toBe(true);

    const second = authenticate(secret, FROM);
    expect(isPromise(second)).toBe(false);
    expect(second).toMatchObject({ ok: true, key: { key: { kind: 'SECRET' } } });

    const unknown = authenticate(`${secret.slice(0, -4)}AAAA`, FROM);
    expect(isPromise(unknown)).toBe(true);
    expect((await unknown).ok).toBe(false);
  });
});

describe('RequestLimits.admit', () => {
  async function verified(key: string): Promise<VerifiedKey> {
    const result: AuthResult = await settled(authenticator()(key, FROM));
    if (!result.ok) throw new Error(`the key does not verify: ${result.code}`);
    return result.key;
  }

  test('counts a warm key at once with in-memory limits, and later with Redis', async () => {
    const key = await verified(secret);
    const { limits, clock } = t.server.services;
    const now = clock.now().getTime();
    // The first request of the month seeds its count from the database.
    const seeded: AdmitResult = await settled(limits.admit(key, now));
    expect(seeded.ok).toBe(true);
    const limit = seeded.status.rate?.limit as number;

    const warm = limits.admit(key, now);
    expect(isPromise(warm)).toBe(!inMemoryLimits);
    const admitted = await settled(warm);
    expect(admitted.ok).toBe(true);
    expect(admitted.status.rate).toMatchObject({ allowed: true, limit, remaining: limit - 2 });
    expect(admitted.status.quota?.used).toBe((seeded.status.quota?.used as number) + 1);
  });

  test('a key with a usageLimit waits for the database, and is refused once it is spent', async () => {
    const res = await t.gql(
      CreateLimitedKey,
      { input: { projectId, name: 'two requests', scopes: ['invoices:read'], usageLimit: 2 } },
      t.adminKey,
    );
    expect(res.body.errors).toBeUndefined();
    const key = await verified(res.body.data?.createKey?.secret as string);
    const { limits, clock } = t.server.services;
    const now = clock.now().getTime();

    const answers: AdmitResult[] = [];
    for (let i = 0; i < 3; i++) {
      const pending = limits.admit(key, now);
      expect(isPromise(pending)).toBe(true);
      answers.push(await pending);
    }
    expect(answers.map((a) => [a.ok, a.status.usageRemaining])).toEqual([
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(answers[2]).toMatchObject({ code: 'QUOTA_EXCEEDED', retryAfter: null });
  });
});
