/** Target (a): Keygate's full request path, exactly as `keygate serve` builds it. */
import { loadConfig } from '../../src/config.js';
import { createServer } from '../../src/server.js';
import { serveTarget } from '../lib/ipc.js';

serveTarget(async ({ dbPath }) => {
  const server = await createServer(
    loadConfig({ KEYGATE_DB: dbPath, PORT: '0', KEYGATE_LOG_LEVEL: 'silent' }),
  );
  const url = await server.listen();
  return { url, close: () => server.close() };
});
