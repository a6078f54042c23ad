/**
 * Target (b): the baseline. The same Pothos schema, resolvers, services and database as
 * Keygate, behind `createYoga({ schema, context })` with Yoga's defaults and node:http, and
 * no authentication work per request: the key is verified once, at startup, and every
 * request gets a context holding that key and all scopes.
 */
import { createServer as createHttpServer } from 'node:http';
import { createYoga } from 'graphql-yoga';
import type { Context } from '../../src/context.js';
import { schema } from '../../src/schema/index.js';
import { createServer } from '../../src/server.js';
import { serveTarget, targetConfig } from '../lib/ipc.js';
import { listenTarget } from '../lib/serve-http.js';
import { verifiedContext } from '../lib/verified-context.js';

serveTarget(async ({ dbPath, key }) => {
  // Only for its services (the same database, repositories and clock Keygate uses); its own
  // HTTP server is never started.
  const keygate = await createServer(targetConfig(dbPath));
  const yoga = createYoga<object, Context>({
    schema,
    context: await verifiedContext(keygate.services, key),
  });
  const http = createHttpServer(yoga);
  return listenTarget(http, yoga.graphqlEndpoint, () => keygate.close());
});
