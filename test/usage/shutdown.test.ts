import { request as httpRequest } from 'node:http';
import { afterAll, describe, expect, test } from 'vitest';
import {
  CHILD_TIMEOUT_MS,
  killLeftovers,
  postGraphql,
  type ServeProcess,
  startServe,
} from '../cli/keygate-process.js';
import { graphql } from '../gql/index.js';
import { withDatabase } from '../helpers/db-contents.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';
import type { GqlResponse } from '../helpers/test-server.js';

const Viewer = graphql(`
  query ShutdownViewer {
    viewer {
      key {
        kind
        name
      }
    }
  }
`);

/** OK for a key holding products:read; FORBIDDEN for an admin key (ledger data is per project). */
const Products = graphql(`
  query ShutdownProducts {
    products(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const CreateProject = graphql(`
  mutation ShutdownCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

const CreateKey = graphql(`
  mutation ShutdownCreateKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      key {
        id
      }
      secret
    }
  }
`);

const RevokeKey = graphql(`
  mutation ShutdownRevokeKey($id: ID!) {
    revokeKey(id: $id) {
      status
    }
  }
`);

/** Requests sent and answered before the signal. */
const ANSWERED = 480;
/** Requests whose headers the server has read but whose body is sent only after the signal. */
const IN_FLIGHT = 20;
const CONCURRENCY = 16;

type Outcome = 'OK' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'KEY_REVOKED' | 'ERROR';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  killLeftovers();
  for (const cleanup of cleanups) await cleanup();
});

/** Rejects when `promise` has not settled within CHILD_TIMEOUT_MS. */
function bounded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), CHILD_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function requestIdOf(res: { headers: Headers }): string {
  const id = res.headers.get('keygate-request-id');
  expect(id).toMatch(/^req_/);
  return id as string;
}

interface Answer {
  status: number;
  requestId: string;
  body: unknown;
}

/**
 * Sends a POST whose headers go out at once (`Expect: 100-continue`) and resolves once the
 * server has read them and answered "100 Continue": from then on the request is in flight in
 * the server. The body is sent only when `release` is called.
 */
async function holdRequest(
  origin: string,
  key: string,
  query: string,
): Promise<{ release(): Promise<Answer> }> {
  const body = JSON.stringify({ query });
  const req = httpRequest(`${origin}/graphql`, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      'content-length': Buffer.byteLength(body),
      'x-api-key': key,
      expect: '100-continue',
    },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.once('error', reject);
      res.once('end', () => {
        const id = res.headers['keygate-request-id'];
        resolve({
          status: res.statusCode ?? 0,
          requestId: typeof id === 'string' ? id : '',
          body: JSON.parse(text),
        });
      });
    });
  });
  answer.catch(() => {}); // awaited by `release`; a failure before that surfaces there
  await bounded(
    Promise.race([
      new Promise<void>((resolve) => req.once('continue', () => resolve())),
      answer.then((a) => {
        throw new Error(`answered before its body was sent: ${JSON.stringify(a)}`);
      }),
    ]),
    'the server to read the held request',
  );
  return {
    release() {
      req.end(body);
      return bounded(answer, 'the answer to a held request');
    },
  };
}

/** Runs `tasks` with at most `limit` at once. */
async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>) {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

/** What the database holds of usage: raw event ids, and the hourly rollups' counts. */
function readUsage(database: TestDatabase) {
  return withDatabase(database, async (db) => {
    const ids = (await db.selectFrom('usage_events').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );
    const { total } = await db
      .selectFrom('usage_hourly')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('requests'), eb.lit(0)).as('total'))
      .executeTakeFirstOrThrow();
    const byOutcome = Object.fromEntries(
      (
        await db
          .selectFrom('usage_hourly')
          .select((eb) => ['outcome', eb.fn.sum<number>('requests').as('n')])
          .groupBy('outcome')
          .execute()
      ).map((r) => [r.outcome, r.n]),
    );
    return { ids, total, byOutcome };
  });
}

describe('graceful shutdown of keygate serve', { timeout: 120_000 }, () => {
  test.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s with every event still buffered and requests in flight, the server answers them, exits 0 and stores exactly one event per request',
    async (signal) => {
      const database = await createTestDatabase();
      cleanups.push(database.drop);
      // Nothing flushes by itself for a minute, and a batch (2000) is never full here:
      // every event of this test waits in memory until the signal. Its ~160 refused keys
      // within a real minute must stay 401s, not be slowed down by the brute-force guard.
      const serve: ServeProcess = await startServe(database, {
        KEYGATE_USAGE_FLUSH_MS: '60000',
        KEYGATE_LOG_LEVEL: 'silent',
        KEYGATE_AUTH_FAILURES_PER_MINUTE: '1000',
      });
      const adminKey = await serve.waitFor('stdout', /kg_ak_live_[0-9A-Za-z]{49}/);
      const origin = serve.origin;

      const sent: string[] = [];
      const expected: Record<Outcome, number> = {
        OK: 0,
        FORBIDDEN: 0,
        UNAUTHENTICATED: 0,
        KEY_REVOKED: 0,
        ERROR: 0,
      };
      const count = (outcome: Outcome, res: { headers: Headers }) => {
        sent.push(requestIdOf(res));
        expected[outcome]++;
      };
      const admin = { 'x-api-key': adminKey };

      // Set-up, metered like any request: a project, a live key and a revoked key. The live
      // key sends ~80 requests within a real minute: a PRO project (600 a minute, not 60).
      const project = await postGraphql(
        origin,
        CreateProject,
        { input: { name: 'Shutdown', plan: 'PRO', allowedScopes: ['products:read'] } },
        admin,
      );
      expect(project.body.errors).toBeUndefined();
      count('OK', project);
      const projectId = project.body.data?.createProject?.id as string;
      const live = await postGraphql(
        origin,
        CreateKey,
        { input: { projectId, name: 'live', scopes: ['products:read'] } },
        admin,
      );
      count('OK', live);
      const revoked = await postGraphql(
        origin,
        CreateKey,
        { input: { projectId, name: 'revoked', scopes: ['products:read'] } },
        admin,
      );
      count('OK', revoked);
      const revocation = await postGraphql(
        origin,
        RevokeKey,
        { id: revoked.body.data?.createKey?.key.id as string },
        admin,
      );
      expect(revocation.body.data).toEqual({ revokeKey: { status: 'REVOKED' } });
      count('OK', revocation);
      const liveKey = live.body.data?.createKey?.secret as string;
      const revokedKey = revoked.body.data?.createKey?.secret as string;

      const kinds: (() => Promise<void>)[] = [
        async () => {
          const res = await postGraphql(origin, Viewer, {}, admin);
          // viewer 1 + key 1, against the admin budget
          expect([res.status, res.body]).toEqual([
            200,
            {
              data: { viewer: { key: { kind: 'ADMIN', name: 'bootstrap admin key' } } },
              extensions: { cost: { requestedQueryCost: 2, maxCost: 50000 } },
            },
          ]);
          count('OK', res);
        },
        async () => {
          const res = await postGraphql(origin, Products, {}, { 'x-api-key': liveKey });
          // products(first: 1) 1 + 1 × node 1, against the PRO budget
          expect([res.status, res.body]).toEqual([
            200,
            {
              data: { products: { edges: [] } },
              extensions: { cost: { requestedQueryCost: 2, maxCost: 5000 } },
            },
          ]);
          count('OK', res);
        },
        async () => {
          const res = await postGraphql(origin, Products, {}, admin);
          expect(res.status).toBe(200);
          expect(res.body.data).toEqual({ products: null });
          expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
          expect(res.body.extensions).toEqual({ cost: { requestedQueryCost: 2, maxCost: 50000 } });
          count('FORBIDDEN', res);
        },
        async () => {
          const res = await postGraphql(origin, Viewer, {});
          expect(res.status).toBe(401);
          expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
          count('UNAUTHENTICATED', res);
        },
        async () => {
          const res = await postGraphql(origin, Viewer, {}, { 'x-api-key': revokedKey });
          expect(res.status).toBe(401);
          expect(res.body.errors?.[0]?.extensions?.code).toBe('KEY_REVOKED');
          count('KEY_REVOKED', res);
        },
        async () => {
          const res: GqlResponse<unknown> = await postGraphql(origin, '{ noSuchField }', {}, admin);
          expect(res.status).toBe(400);
          expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
          count('ERROR', res);
        },
      ];
      await pool(ANSWERED, CONCURRENCY, (i) => (kinds[i % kinds.length] as () => Promise<void>)());

      const held = await Promise.all(
        Array.from({ length: IN_FLIGHT }, (_, i) =>
          holdRequest(
            origin,
            adminKey,
            i % 2 === 0
              ? 'query ShutdownHeldViewer { viewer { key { kind } } }'
              : 'query ShutdownHeldProducts { products(first: 1) { edges { node { id } } } }',
          ),
        ),
      );

      // Everything so far is only in memory.
      expect(await readUsage(database)).toEqual({ ids: [], total: 0, byOutcome: {} });

      serve.child.kill(signal);
      await serve.waitFor('stderr', new RegExp(`${signal}: finishing in-flight requests`));

      const answers = await Promise.all(held.map((h) => h.release()));
      answers.forEach((answer, i) => {
        expect(answer.requestId).toMatch(/^req_/);
        sent.push(answer.requestId);
        if (i % 2 === 0) {
          expect([answer.status, answer.body]).toEqual([
            200,
            {
              data: { viewer: { key: { kind: 'ADMIN' } } },
              extensions: { cost: { requestedQueryCost: 2, maxCost: 50000 } },
            },
          ]);
          expected.OK++;
        } else {
          expect(answer.status).toBe(200);
          expect(answer.body).toMatchObject({
            data: { products: null },
            errors: [{ extensions: { code: 'FORBIDDEN' } }],
            extensions: { cost: { requestedQueryCost: 2, maxCost: 50000 } },
          });
          expected.FORBIDDEN++;
        }
      });

      const exited = await serve.stop(signal); // already signalled: this waits for the exit
      expect(exited.code).toBe(0);
      expect(exited.signal).toBeNull();
      expect(exited.stderr).not.toMatch(/unwritten|failed/);

      const total = 4 + ANSWERED + IN_FLIGHT;
      expect(sent).toHaveLength(total);
      expect(new Set(sent).size).toBe(total);
      const stored = await readUsage(database);
      expect(stored.ids).toEqual([...sent].sort());
      expect(stored.total).toBe(total);
      expect(stored.byOutcome).toEqual(
        Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)),
      );
    },
  );
});
