import { afterEach, describe, expect, test } from 'vitest';
import { FakeClock } from '../../src/lib/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { NOW } from './monitor-helpers.js';

// Two instances on one database: only the holder of the monitor lease runs the detectors;
// the other takes over when the holder stops (closes, or its lease runs out unrenewed).

const started: TestServer[] = [];
let database: TestDatabase | undefined;

async function instances(env: Record<string, string>): Promise<[TestServer, TestServer]> {
  database = await createTestDatabase();
  const clock = new FakeClock(NOW);
  const a = await startTestServer({ database, clock, env });
  const b = await startTestServer({ database, clock, env });
  started.push(a, b);
  return [a, b];
}

/** Waits (real time, polling every 10 ms, at most 5 s) until `check` holds. */
async function until(check: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5_000; !check(); ) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(async () => {
  for (const s of started.splice(0)) await s.close();
  await database?.drop();
  database = undefined;
});

describe('the monitor lease', () => {
  test('only the holder runs a pass; another instance takes over once the lease runs out', async () => {
    const [a, b] = await instances({ KEYGATE_MONITOR_INTERVAL_MS: '0' });
    const first = await a.server.monitor.runOnce();
    expect(first).toEqual({ ran: true, holder: a.server.monitor.instanceId, anomalies: [] });
    expect(await b.server.monitor.runOnce()).toEqual({
      ran: false,
      holder: a.server.monitor.instanceId,
      anomalies: [],
    });
    // The holder renews on each pass: a minute later it still holds it.
    a.clock.advance(60_000);
    expect((await a.server.monitor.runOnce()).ran).toBe(true);
    expect((await b.server.monitor.runOnce()).ran).toBe(false);
    // a stops renewing; once its lease ends (a minute: runOnce only, no timer) b takes it.
    a.clock.advance(60_000 - 1);
    expect((await b.server.monitor.runOnce()).ran).toBe(false);
    a.clock.advance(1);
    expect(await b.server.monitor.runOnce()).toEqual({
      ran: true,
      holder: b.server.monitor.instanceId,
      anomalies: [],
    });
    expect((await a.server.monitor.runOnce()).ran).toBe(false);
  });

  test('a closing holder lets the lease go at once', async () => {
    const [a, b] = await instances({ KEYGATE_MONITOR_INTERVAL_MS: '0' });
    expect((await a.server.monitor.runOnce()).ran).toBe(true);
    expect((await b.server.monitor.runOnce()).ran).toBe(false);
    await a.close();
    expect((await b.server.monitor.runOnce()).ran).toBe(true);
  });

  test('on their timers, one instance runs the passes and the other takes over when it stops', async () => {
    const [a, b] = await instances({ KEYGATE_MONITOR_INTERVAL_MS: '20' });
    await until(() => a.server.monitor.passes + b.server.monitor.passes >= 5);
    const [holder, other] = a.server.monitor.passes > 0 ? [a, b] : [b, a];
    expect(other.server.monitor.passes).toBe(0);
    // The clock has not moved: only the holder's renewals could keep the other out.
    await holder.close();
    await until(() => other.server.monitor.passes >= 3);
  });
});
