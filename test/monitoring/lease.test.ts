import { afterEach, describe, expect, test } from 'vitest';
import { LeasedJob, type LeasedJobOptions, LeaseLostError } from '../../src/jobs/leased-job.js';
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

describe('a pass longer than the lease', () => {
  const leaseMs = 60_000;

  /** A LeasedJob on the server's database, run only when told. */
  function job(t: TestServer, instanceId: string, run: LeasedJobOptions<string>['run']) {
    return new LeasedJob<string>({
      db: t.server.services.db,
      clock: t.clock,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      name: 'long-job',
      intervalMs: 0,
      leaseMs,
      instanceId,
      run,
    });
  }

  async function leaseRow(t: TestServer) {
    return t.server.services.db
      .selectFrom('leases')
      .select(['holder', 'expires_at', 'checked_until'])
      .where('name', '=', 'long-job')
      .executeTakeFirstOrThrow();
  }

  test('keeps the lease by renewing it between its steps: another instance cannot take it', async () => {
    const [a] = await instances({ KEYGATE_MONITOR_INTERVAL_MS: '0' });
    const other = job(a, 'other', async (now) => ({ result: 'other', checkedUntil: now }));
    const pass = await job(a, 'one', async (now, _since, lease) => {
      for (let step = 0; step < 3; step++) {
        a.clock.advance(leaseMs / 2 + 1);
        await lease.renew();
        // Another instance tries meanwhile: the lease is still held.
        expect((await other.runOnce()).ran).toBe(false);
      }
      return { result: 'done', checkedUntil: now };
    }).runOnce();
    expect(pass).toEqual({ ran: true, holder: 'one', result: 'done' });
    expect(await leaseRow(a)).toEqual({
      holder: 'one',
      expires_at: new Date(a.clock.now().getTime() + leaseMs).toISOString(),
      checked_until: NOW,
    });
  });

  test('stops when another instance took its lease: its fenced write is refused, its progress not saved', async () => {
    const [a] = await instances({ KEYGATE_MONITOR_INTERVAL_MS: '0' });
    const db = a.server.services.db;
    await job(a, 'one', async (now) => ({ result: 'first', checkedUntil: now })).runOnce();
    const taker = job(a, 'other', async (now) => ({ result: 'taken', checkedUntil: now }));
    let wrote = false;
    const pass = await job(a, 'one', async (now, _since, lease) => {
      // The pass takes longer than its lease; meanwhile another instance took it over.
      a.clock.advance(leaseMs);
      expect(await taker.runOnce()).toEqual({ ran: true, holder: 'other', result: 'taken' });
      await db.transaction().execute(async (trx) => {
        await lease.fence(trx);
        await trx
          .insertInto('leases')
          .values({ name: 'written', holder: 'one', expires_at: NOW, checked_until: null })
          .execute();
        wrote = true;
      });
      return { result: 'late', checkedUntil: now };
    }).runOnce();
    expect(pass).toEqual({ ran: false, holder: 'other', result: null });
    expect(wrote).toBe(false);
    expect(
      await db.selectFrom('leases').select('name').where('name', '=', 'written').execute(),
    ).toEqual([]);
    expect(await leaseRow(a)).toMatchObject({
      holder: 'other',
      checked_until: new Date(Date.parse(NOW) + leaseMs).toISOString(),
    });
  });

  test('a monitor pass that lost its lease stores no anomaly', async () => {
    const [a] = await instances({ KEYGATE_MONITOR_INTERVAL_MS: '0' });
    const lost = a.server.services.anomalies.recordDetections(
      [
        {
          keyId: 'key_unknown',
          projectId: null,
          kind: 'MANY_IPS',
          subject: '',
          severity: 'HIGH',
          evidence: {},
          windowStart: new Date(NOW),
        },
      ],
      {
        fence: async () => {
          throw new LeaseLostError('monitor');
        },
      },
    );
    await expect(lost).rejects.toThrow(LeaseLostError);
    expect(await a.server.services.db.selectFrom('anomalies').select('id').execute()).toEqual([]);
  });
});
