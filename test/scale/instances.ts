import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { postGraphql, type ServeProcess, startServe } from '../cli/keygate-process.js';
import type { TestDatabase } from '../helpers/test-db.js';
import type { GqlResponse } from '../helpers/test-server.js';

/** The bootstrap admin key that `keygate serve` prints on an empty database. */
export const ADMIN_KEY = /kg_ak_live_[0-9A-Za-z]{49}/;

/** A `keygate serve` process, named as the tests talk about it ("A", "B", …). */
export interface Instance extends ServeProcess {
  name: string;
}

/**
 * Starts one `keygate serve` process per name on `database` (one PostgreSQL schema and one
 * Redis prefix: a deployment behind a load balancer), all at once. The database must already
 * be migrated and bootstrapped (see startCluster).
 */
export async function startInstances(
  database: TestDatabase,
  names: string[],
  env: Record<string, string> = {},
): Promise<Instance[]> {
  return Promise.all(
    names.map(async (name) => Object.assign(await startServe(database, env), { name })),
  );
}

/**
 * Starts a deployment on an empty database: the first instance alone (it migrates the
 * database and prints the bootstrap admin key once it is stored), then the others together.
 */
export async function startCluster(
  database: TestDatabase,
  names: [string, ...string[]],
  env: Record<string, string> = {},
): Promise<{ instances: Instance[]; adminKey: string }> {
  const [first, ...rest] = names;
  const [leader] = await startInstances(database, [first], env);
  if (leader === undefined) throw new Error('the first instance did not start');
  const adminKey = await leader.waitFor('stdout', ADMIN_KEY);
  const others = await startInstances(database, rest, env);
  return { instances: [leader, ...others], adminKey };
}

/** POSTs a GraphQL document to `instance` with `key` in X-API-Key. */
export function send<T, V>(
  instance: Instance,
  document: TypedDocumentNode<T, V>,
  variables: V,
  key: string,
): Promise<GqlResponse<T>> {
  return postGraphql(instance.origin, document, variables, { 'x-api-key': key });
}

/** The `extensions.code` of a response's first error (undefined when it has none). */
export function errorCode(res: GqlResponse<unknown>): unknown {
  return res.body.errors?.[0]?.extensions?.code;
}

/**
 * Sends `total` requests, request i to `instances[i % instances.length]` (a round-robin load
 * balancer), all in flight at once; resolves with each answer and the instance it came from,
 * in request order.
 */
export function roundRobin<T>(
  instances: Instance[],
  total: number,
  request: (instance: Instance, i: number) => Promise<T>,
): Promise<{ instance: Instance; result: T }[]> {
  return Promise.all(
    Array.from({ length: total }, async (_, i) => {
      const instance = instances[i % instances.length] as Instance;
      return { instance, result: await request(instance, i) };
    }),
  );
}

export interface Polled<T> {
  /** The answer that satisfied `done`, or the last one when none did within `timeoutMs`. */
  result: T;
  done: boolean;
  /** From `since` to the arrival of `result` (performance.now() milliseconds). */
  elapsedMs: number;
  /** Every answer, in order (the last is `result`). */
  seen: T[];
}

/**
 * Calls `attempt` every `intervalMs` (from the end of one attempt to the start of the next)
 * until `done` holds for its answer or `timeoutMs` have passed since `since`. The bound is a
 * give-up point, not the assertion: callers compare `elapsedMs` to what they promise, so a
 * slow change fails with its measured time.
 */
export async function pollUntil<T>(
  attempt: () => Promise<T>,
  done: (result: T) => boolean,
  {
    since = performance.now(),
    timeoutMs = 3_000,
    intervalMs = 20,
  }: { since?: number; timeoutMs?: number; intervalMs?: number } = {},
): Promise<Polled<T>> {
  const seen: T[] = [];
  for (;;) {
    const result = await attempt();
    const elapsedMs = performance.now() - since;
    seen.push(result);
    if (done(result)) return { result, done: true, elapsedMs, seen };
    if (elapsedMs >= timeoutMs) return { result, done: false, elapsedMs, seen };
    await delay(intervalMs);
  }
}
