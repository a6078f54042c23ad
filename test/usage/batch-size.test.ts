import { afterEach, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// KEYGATE_USAGE_BATCH: how many buffered events the recorder writes in one transaction, and
// how many make it write before the flush interval. The interval is a minute here, so only a
// full batch (or an explicit flush) writes anything.

let t: TestServer | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The recorder's stats once `held` events are held (buffered or written); 5 s at most. */
async function once(
  server: TestServer,
  held: (s: { buffered: number; written: number }) => boolean,
) {
  const usage = server.server.services.usage;
  for (let i = 0; i < 500 && !held(usage.stats()); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return usage.stats();
}

async function viewer(server: TestServer, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    expect((await server.gql('{ viewer { scopes } }', {}, server.adminKey)).status).toBe(200);
  }
}

test('a full batch of KEYGATE_USAGE_BATCH events is written at once, without waiting for the interval', async () => {
  t = await startTestServer({ env: { KEYGATE_USAGE_FLUSH_MS: '60000', KEYGATE_USAGE_BATCH: '3' } });
  await viewer(t, 3);
  expect(await once(t, (s) => s.written === 3)).toMatchObject({ written: 3, buffered: 0 });
  // Two more are not a batch: they wait for the interval or a flush.
  await viewer(t, 2);
  expect(await once(t, (s) => s.buffered === 2)).toMatchObject({ written: 3, buffered: 2 });
  await t.server.services.usage.flush();
  expect(t.server.services.usage.stats()).toMatchObject({ written: 5, buffered: 0 });
});

test('by default a batch is 2000 events: a few requests stay buffered until the flush', async () => {
  t = await startTestServer({ env: { KEYGATE_USAGE_FLUSH_MS: '60000' } });
  expect(loadConfig({}).usageBatch).toBe(2000);
  await viewer(t, 3);
  expect(await once(t, (s) => s.buffered === 3)).toMatchObject({ written: 0, buffered: 3 });
  await t.server.services.usage.flush();
  expect(t.server.services.usage.stats()).toMatchObject({ written: 3, buffered: 0 });
});

test.each(['0', '50001', '1.5', 'many'])('KEYGATE_USAGE_BATCH=%s is refused at start', (value) => {
  expect(() => loadConfig({ KEYGATE_USAGE_BATCH: value })).toThrow(ConfigError);
  expect(() => loadConfig({ KEYGATE_USAGE_BATCH: value })).toThrow(/KEYGATE_USAGE_BATCH/);
});
