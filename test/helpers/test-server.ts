import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { loadConfig } from '../../src/config.js';
import type { KeyChangeBus } from '../../src/keys/key-change-bus.js';
import { FakeClock } from '../../src/lib/clock.js';
import type { Logger } from '../../src/lib/logger.js';
import { createServer, type KeygateServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export interface GqlResponse<T> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: {
      message: string;
      path?: (string | number)[];
      extensions?: Record<string, unknown>;
    }[];
    /** `cost: { requestedQueryCost, maxCost }` on every response to a priced operation. */
    extensions?: {
      cost?: { requestedQueryCost: number; maxCost: number };
      [key: string]: unknown;
    };
  };
}

export interface TestServer {
  url: string;
  clock: FakeClock;
  /** The bootstrap admin key (every scope). */
  adminKey: string;
  /** The database it serves (SQLite file, or PostgreSQL schema + Redis prefix). */
  database: TestDatabase;
  server: KeygateServer;
  /** POSTs a GraphQL document with the key in X-API-Key (none when key is null). */
  gql<T, V>(
    document: TypedDocumentNode<T, V> | string,
    variables?: V,
    key?: string | null,
    headers?: Record<string, string>,
  ): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

/**
 * A real Keygate server on a fresh database of the dialect under test (test-db.ts) and a
 * free port, with a fake clock. `database` serves an existing one instead (a restart);
 * the caller then drops it.
 */
export async function startTestServer(
  options: {
    env?: Record<string, string>;
    clock?: FakeClock;
    logger?: Logger;
    database?: TestDatabase;
    /** The key-change bus, e.g. to announce a change as another instance would. */
    bus?: KeyChangeBus;
  } = {},
): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const ownsDatabase = options.database === undefined;
  const config = loadConfig({
    ...database.env,
    PORT: '0',
    KEYGATE_LOG_LEVEL: 'silent',
    KEYGATE_DRAIN_DELAY_MS: '0',
    // The detectors run when a test says so (server.monitor.runOnce()), not on a timer.
    KEYGATE_MONITOR_INTERVAL_MS: '0',
    ...options.env,
  });
  const clock = options.clock ?? new FakeClock('2026-11-28T12:00:00.000Z');
  const server = await createServer(config, {
    clock,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.bus ? { bus: options.bus } : {}),
  });
  const adminKey = (await server.bootstrapAdminKey()) ?? '';
  if (ownsDatabase && adminKey === '') {
    throw new Error('a fresh database must get a bootstrap admin key');
  }
  const url = await server.listen();
  return {
    url,
    clock,
    adminKey,
    database,
    server,
    async gql(document, variables, key, headers = {}) {
      const query = typeof document === 'string' ? document : print(document);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(key ? { 'x-api-key': key } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    async close() {
      await server.close();
      if (ownsDatabase) await database.drop();
    },
  };
}
