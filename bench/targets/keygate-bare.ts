/**
 * Target (c): the same Keygate with every Keygate plugin off — `createEngine` from src/app.ts
 * (Yoga with Keygate's options and compiled execution) served like `keygate serve` serves it,
 * with none of the plugins `createApp` adds (request ids, key verification, limits, cost,
 * error codes, metering, logging). Like the plain target, the key is verified once at startup
 * and every request gets a context holding it and all scopes. Against the `keygate` target it
 * prices Keygate's own plugins (issue 8: ≥ 0.95×).
 */
import { createServer } from '../../src/server.js';
import { serveTarget, targetConfig } from '../lib/ipc.js';
import { listenBareEngine } from '../lib/serve-bare.js';
import { verifiedContext } from '../lib/verified-context.js';

serveTarget(async ({ dbPath, key, config: extra }) => {
  const config = targetConfig(dbPath, extra);
  // Only for its services (the same database, repositories and clock); its own HTTP server is
  // never started.
  const keygate = await createServer(config);
  const context = await verifiedContext(keygate.services, key);
  return listenBareEngine(config, keygate.services, context, () => keygate.close());
});
