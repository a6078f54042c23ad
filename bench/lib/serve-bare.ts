import { createServer as createHttpServer } from 'node:http';
import { createEngine } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { Context, Services } from '../../src/context.js';
import type { StartedTarget } from './ipc.js';
import { listenTarget } from './serve-http.js';

/**
 * keygate-bare: Keygate's engine (`createEngine`) with no Keygate plugin, every request given
 * `context`, on its own HTTP server made as src/server.ts makes Keygate's (see listenTarget).
 */
export function listenBareEngine(
  config: Config,
  services: Services,
  context: () => Context,
  after: () => Promise<void>,
): Promise<StartedTarget> {
  const yoga = createEngine({ config, services, context, plugins: [] });
  const http = createHttpServer({ maxHeaderSize: 16_384 }, yoga);
  http.keepAliveTimeout = 5_000;
  return listenTarget(http, yoga.graphqlEndpoint, after);
}
