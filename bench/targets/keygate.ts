/**
 * Target (a): Keygate's full request path, exactly as `keygate serve` builds it, with the
 * configuration the bench passes (in-memory limits on SQLite by default; `REDIS_URL`,
 * `DATABASE_URL`, … for the Redis and PostgreSQL variants).
 */
import { createServer } from '../../src/server.js';
import { serveTarget, targetConfig } from '../lib/ipc.js';

serveTarget(async ({ dbPath, config }) => {
  const server = await createServer(targetConfig(dbPath, config));
  const url = await server.listen();
  return { url, close: () => server.close() };
});
