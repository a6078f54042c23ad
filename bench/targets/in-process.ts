/**
 * For `npm run bench:in-process`: Keygate's full path (`keygate serve`'s server, as target
 * (a)) and two instances of keygate-bare (`createEngine` with no Keygate plugin, as target
 * (c)) in ONE process, each on its own port and all on the same services and database
 * handle. The second keygate-bare is the control: its ratio to the first is what this
 * measurement cannot tell from noise.
 */
import { createServer } from '../../src/server.js';
import { serveTarget, targetConfig } from '../lib/ipc.js';
import { listenBareEngine } from '../lib/serve-bare.js';
import { verifiedContext } from '../lib/verified-context.js';

serveTarget(async ({ dbPath, key, config: extra }) => {
  const config = targetConfig(dbPath, extra);
  const keygate = await createServer(config);
  const url = await keygate.listen();
  const context = await verifiedContext(keygate.services, key);
  const bare = () => listenBareEngine(config, keygate.services, context, async () => {});
  const [first, second] = [await bare(), await bare()];
  return {
    url,
    urls: { keygate: url, 'keygate-bare': first.url, 'keygate-bare-2': second.url },
    async close() {
      await first.close();
      await second.close();
      await keygate.close();
    },
  };
});
