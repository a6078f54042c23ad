import { format } from 'node:util';
import { afterEach, expect, test } from 'vitest';
import type { Logger } from '../../src/lib/logger.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import {
  found,
  monitoredKey,
  monitoredProject,
  monitorPass,
  NOW,
  sameHourHistory,
  send,
  writeHistory,
} from './monitor-helpers.js';

// What the source-based detectors remember (monitor_seen), over a long history and over
// requests of one ip from several regions; and a detector that fails does not stop the others.

const DAY_MS = 86_400_000;

const started: TestServer[] = [];

afterEach(async () => {
  for (const s of started.splice(0)) await s.close();
});

/** Log lines at error level, as text. */
function capturingLogger(errors: string[]): Logger {
  const line = (args: unknown[]) => {
    const [first, ...rest] = args;
    if (typeof first === 'object' && first !== null && 'msg' in first) return String(first.msg);
    return format(first, ...rest);
  };
  return {
    debug() {},
    info() {},
    warn() {},
    error: (...args: unknown[]) => errors.push(line(args)),
  };
}

async function server(env: Record<string, string> = {}, logger?: Logger): Promise<TestServer> {
  const t = await startTestServer({
    env: { KEYGATE_TRUST_PROXY: 'true', KEYGATE_REGION_HEADER: 'cf-ipcountry', ...env },
    ...(logger ? { logger } : {}),
  });
  started.push(t);
  t.clock.set(NOW);
  return t;
}

test('an ip seen from several regions (US, none, DE) is remembered once, and later passes still find anomalies', async () => {
  const t = await server({ KEYGATE_MONITOR_MANY_IPS: '2' });
  const projectId = await monitoredProject(t);
  const key = await monitoredKey(t, projectId, { ageDays: 10 });
  const ip = '198.51.100.7';
  await writeHistory(
    t,
    ['US', null, 'DE'].map((region) => ({
      keyId: key.id,
      projectId,
      at: new Date(Date.parse(NOW) - 30 * 60_000),
      count: 50,
      ip,
      region,
    })),
  );
  // The learning pass, then a pass over real requests of the same ip in the three regions.
  expect(found(await monitorPass(t))).toEqual([]);
  await send(t, key.secret, 1, { ip, region: 'US' });
  await send(t, key.secret, 1, { ip });
  await send(t, key.secret, 1, { ip, region: 'DE' });
  const again = await monitorPass(t);
  expect(again.ran).toBe(true);
  expect(found(again)).toEqual([]);

  const db = t.database.open();
  try {
    const seen = await db
      .selectFrom('monitor_seen')
      .select(['kind', 'value', 'first_seen_at', 'last_seen_at'])
      .where('key_id', '=', key.id)
      .orderBy('kind')
      .orderBy('value')
      .execute();
    expect(seen).toEqual([
      { kind: 'ip', value: ip, first_seen_at: '2026-11-28T11:40:00.000Z', last_seen_at: NOW },
      {
        kind: 'ip_range',
        value: '198.51.100.0/24',
        first_seen_at: '2026-11-28T11:40:00.000Z',
        last_seen_at: NOW,
      },
      { kind: 'region', value: 'DE', first_seen_at: '2026-11-28T11:40:00.000Z', last_seen_at: NOW },
      { kind: 'region', value: 'US', first_seen_at: '2026-11-28T11:40:00.000Z', last_seen_at: NOW },
    ]);
  } finally {
    await db.destroy();
  }

  // Later findings still come: a new region and range, and a third ip (MANY_IPS over 2).
  await send(t, key.secret, 1, { ip: '203.0.113.9', region: 'BR' });
  await send(t, key.secret, 1, { ip: '203.0.113.10', region: 'BR' });
  expect(found(await monitorPass(t))).toEqual([
    { kind: 'MANY_IPS', keyId: key.id, subject: '', severity: 'MEDIUM' },
    { kind: 'NEW_IP_RANGE', keyId: key.id, subject: '203.0.113.0/24', severity: 'LOW' },
    { kind: 'NEW_REGION', keyId: key.id, subject: 'BR', severity: 'MEDIUM' },
  ]);
});

test('the first pass learns the whole history, span after span: what was seen weeks ago is not new', async () => {
  const t = await server();
  const projectId = await monitoredProject(t);
  const key = await monitoredKey(t, projectId, { ageDays: 29 });
  await writeHistory(
    t,
    [
      { at: Date.parse(NOW) - 28 * DAY_MS, ip: '198.51.100.7', region: 'DE' },
      { at: Date.parse(NOW) - 14 * DAY_MS, ip: '192.0.2.44', region: 'FR' },
      { at: Date.parse(NOW) - 2 * 60_000, ip: '203.0.113.5', region: 'IT' },
    ].map(({ at, ip, region }) => ({
      keyId: key.id,
      projectId,
      at: new Date(at),
      count: 50,
      ip,
      region,
    })),
  );
  expect(found(await monitorPass(t))).toEqual([]);
  await send(t, key.secret, 1, { ip: '198.51.100.8', region: 'DE' });
  await send(t, key.secret, 1, { ip: '192.0.2.45', region: 'FR' });
  await send(t, key.secret, 1, { ip: '203.0.113.6', region: 'IT' });
  expect(found(await monitorPass(t))).toEqual([]);
  await send(t, key.secret, 1, { ip: '192.0.2.46', region: 'ES' });
  expect(found(await monitorPass(t))).toEqual([
    { kind: 'NEW_REGION', keyId: key.id, subject: 'ES', severity: 'MEDIUM' },
  ]);
});

test('a detector that fails is logged with its error and the others still run; its events are read again', async () => {
  const errors: string[] = [];
  const t = await server(
    { KEYGATE_MONITOR_SPIKE_FACTOR: '10', KEYGATE_MONITOR_SPIKE_MIN_REQUESTS: '40' },
    capturingLogger(errors),
  );
  const projectId = await monitoredProject(t);
  const key = await monitoredKey(t, projectId, { ageDays: 8 });
  await writeHistory(t, sameHourHistory(t, { keyId: key.id, projectId }, 3));
  expect(found(await monitorPass(t))).toEqual([]);
  const checkedUntil = async () => {
    const db = t.database.open();
    try {
      const row = await db
        .selectFrom('leases')
        .select('checked_until')
        .where('name', '=', 'monitor')
        .executeTakeFirstOrThrow();
      return row.checked_until;
    } finally {
      await db.destroy();
    }
  };
  expect(await checkedUntil()).toBe(NOW);

  // What NEW_SOURCES and MANY_IPS keep is gone: both fail, REQUEST_SPIKE still runs.
  const db = t.database.open();
  try {
    await db.schema.dropTable('monitor_seen').execute();
  } finally {
    await db.destroy();
  }
  t.clock.advance(60_000);
  await send(t, key.secret, 45);
  const pass = await monitorPass(t);
  expect(pass.ran).toBe(true);
  expect(found(pass)).toEqual([
    { kind: 'REQUEST_SPIKE', keyId: key.id, subject: '', severity: 'MEDIUM' },
  ]);
  expect(errors.map((e) => e.replace(/ failed: .*/s, ' failed'))).toEqual([
    'monitor: the NEW_SOURCES detector failed',
    'monitor: the MANY_IPS detector failed',
  ]);
  expect(errors.every((e) => /monitor_seen/.test(e))).toBe(true);
  // The raw events since the last pass are read again next time.
  expect(await checkedUntil()).toBe(NOW);
});
