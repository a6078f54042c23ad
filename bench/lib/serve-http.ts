import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StartedTarget } from './ipc.js';

/**
 * Listens on a free port of 127.0.0.1 and answers the target's start message: the GraphQL URL,
 * and a close that stops the server (idle connections at once) and then `after` (the
 * services the target borrowed).
 */
export async function listenTarget(
  http: Server,
  endpoint: string,
  after: () => Promise<void>,
): Promise<StartedTarget> {
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', resolve);
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${endpoint}`,
    async close() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeIdleConnections();
      });
      await after();
    },
  };
}
