import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createEngine } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Context } from '../../src/context.js';
import { actorOf } from '../../src/keys/verified-key.js';
import { createLedgerLoaders } from '../../src/ledger/ledger-loaders.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// The engine (what every Keygate request runs, whichever plugins are on) lets each GraphQL
// request wait one turn of the event loop between its parsed body and its execution
// (useRequestBatching). A probe plugin, listed before the engine's own, schedules a check-phase
// callback when the body is parsed and records at execution whether it has run.

let t: TestServer;
let http: Server;
let url: string;
/** Per executed operation: whether a check phase ran between parse and execution. */
const turns: { operation: string | null; turned: boolean }[] = [];

/** Per request: whether a check phase has run since its body was parsed. */
const sinceParse = new WeakMap<Request, () => boolean>();

/** The probe, listed before the engine's own plugins. */
const probe: Plugin = {
  onRequestParse({ request }) {
    return {
      onRequestParseDone() {
        let turned = false;
        setImmediate(() => {
          turned = true;
        });
        sinceParse.set(request, () => turned);
      },
    };
  },
};

beforeAll(async () => {
  t = await startTestServer();
  const config = loadConfig({ ...t.database.env, PORT: '0', KEYGATE_LOG_LEVEL: 'silent' });
  const services = t.server.services;
  http = createHttpServer(
    createEngine({
      config,
      services,
      plugins: [probe],
      context: (request) => {
        // Yoga builds the context right before it executes the operation.
        const actor = actorOf(null, null);
        turns.push({
          operation: new URL(request.url).searchParams.get('op'),
          turned: sinceParse.get(request)?.() ?? false,
        });
        return {
          requestId: '',
          ip: null,
          auth: null,
          grants: new Set(),
          actor,
          services,
          loaders: createLedgerLoaders(services.db, null),
        } satisfies Context;
      },
    }),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  await t?.close();
});

test('a parsed request waits one event-loop turn before it executes, and still answers', async () => {
  const response = await fetch(`${url}?op=first`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  expect(turns).toEqual([{ operation: 'first', turned: true }]);
});
