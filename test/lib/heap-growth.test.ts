import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startTestServer } from '../helpers/test-server.js';

// KEYGATE_HEAP_GROWING_PERCENT sets V8's --heap-growing-percent for the process when a server
// starts (src/server.ts, limitHeapGrowth): 60 by default, 0 for V8's own policy. Its effect on
// memory and CPU is measured by `npm run bench` (bench/README.md, "Memory"), not here.
test('KEYGATE_HEAP_GROWING_PERCENT: 60 by default, 0 to 1000, anything else refused', () => {
  expect(loadConfig({}).heapGrowingPercent).toBe(60);
  expect(loadConfig({ KEYGATE_HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
  expect(loadConfig({ KEYGATE_HEAP_GROWING_PERCENT: '1000' }).heapGrowingPercent).toBe(1000);
  for (const bad of ['-1', '1001', '50.5', 'lots']) {
    expect(() => loadConfig({ KEYGATE_HEAP_GROWING_PERCENT: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ KEYGATE_HEAP_GROWING_PERCENT: bad })).toThrow(
      /\n {2}KEYGATE_HEAP_GROWING_PERCENT: /,
    );
  }
});

test('a server serves with V8 own heap policy and with the default growth limit', async () => {
  for (const value of ['0', '60']) {
    const t = await startTestServer({ env: { KEYGATE_HEAP_GROWING_PERCENT: value } });
    try {
      const response = await t.gql('{ viewer { scopes } }', {}, t.adminKey);
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
    } finally {
      await t.close();
    }
  }
});
