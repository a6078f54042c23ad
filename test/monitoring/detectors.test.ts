import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestServer } from '../helpers/test-server.js';
import {
  found,
  type Key,
  monitoredKey,
  monitoredProject,
  monitorPass,
  NOW,
  send,
  startMonitorServer,
  writeHistory,
} from './monitor-helpers.js';

// Each detector on its rule, and quiet just below its threshold. Every test uses its own keys
// on one server: findings are compared per key.

const ENV = {
  KEYGATE_MONITOR_REFUSALS_MIN: '10',
  KEYGATE_MONITOR_REFUSALS_SHARE: '0.5',
  KEYGATE_MONITOR_MANY_IPS: '5',
  KEYGATE_MONITOR_MIN_HISTORY_REQUESTS: '100',
  KEYGATE_MONITOR_MIN_KEY_AGE_HOURS: '24',
  KEYGATE_MONITOR_HISTORY_DAYS: '30',
  // Out of the way: these tests send bursts.
  KEYGATE_MONITOR_SPIKE_MIN_REQUESTS: '100000',
};

const DAY_MS = 86_400_000;

let t: TestServer;
let projectId: string;

beforeAll(async () => {
  t = await startMonitorServer(ENV);
  t.clock.set(NOW);
  projectId = await monitoredProject(t);
});

afterAll(async () => {
  await t?.close();
});

const of = (pass: Awaited<ReturnType<typeof monitorPass>>, keyId: string) =>
  found(pass).filter((a) => a.keyId === keyId);

describe('REFUSAL_SURGE', () => {
  test('refused requests at or over the minimum and the share raise one anomaly with the counts', async () => {
    const key = await monitoredKey(t, projectId, { scopes: ['products:read'] });
    // customers(…) needs customers:read: FORBIDDEN, metered against the key.
    expect(await send(t, key.secret, 12, { query: 'customers' })).toEqual(Array(12).fill(200));
    await send(t, key.secret, 4);
    const pass = await monitorPass(t);
    expect(of(pass, key.id)).toEqual([
      { kind: 'REFUSAL_SURGE', keyId: key.id, subject: '', severity: 'MEDIUM' },
    ]);
    expect(pass.anomalies.find((a) => a.keyId === key.id)?.evidence).toEqual({
      window: { from: '2026-11-28T12:00:00.000Z', to: NOW },
      requests: 16,
      refused: 12,
      byOutcome: { FORBIDDEN: 12 },
      share: 0.75,
      threshold: { minRefused: 10, share: 0.5 },
    });
    await send(t, key.secret, 12, { query: 'customers' });
    expect(of(await monitorPass(t), key.id)).toEqual([]);
  });

  test('calls from outside the key allow-list count as refusals', async () => {
    const key = await monitoredKey(t, projectId, { allowedIps: ['198.51.100.0/24'] });
    expect(await send(t, key.secret, 10, { ip: '203.0.113.50' })).toEqual(Array(10).fill(403));
    const pass = await monitorPass(t);
    expect(of(pass, key.id)).toEqual([
      { kind: 'REFUSAL_SURGE', keyId: key.id, subject: '', severity: 'MEDIUM' },
    ]);
    expect(pass.anomalies.find((a) => a.keyId === key.id)?.evidence).toMatchObject({
      refused: 10,
      byOutcome: { ORIGIN_NOT_ALLOWED: 10 },
    });
  });

  test('below the minimum count, or under the share, it stays quiet', async () => {
    const few = await monitoredKey(t, projectId);
    await send(t, few.secret, 9, { query: 'customers' });
    const diluted = await monitoredKey(t, projectId);
    await send(t, diluted.secret, 10, { query: 'customers' });
    await send(t, diluted.secret, 11);
    const pass = await monitorPass(t);
    expect(of(pass, few.id)).toEqual([]);
    expect(of(pass, diluted.id)).toEqual([]);
  });
});

describe('NEW_REGION and NEW_IP_RANGE', () => {
  // Its own server: the keys' history is written before its monitor's first pass, which
  // learns it (as on a first start over a database that already has traffic).
  let n: TestServer;
  let project: string;
  const keys: Record<string, Key> = {};

  /** A key 10 days old, used `requests` times from 198.51.100.7 in DE over the past days. */
  async function establishedKey(kind: 'SECRET' | 'PUBLISHABLE' = 'SECRET', requests = 150) {
    const key = await monitoredKey(n, project, { ageDays: 10, kind });
    await writeHistory(
      n,
      [1, 2, 3].map((d) => ({
        keyId: key.id,
        projectId: project,
        at: new Date(Date.parse(NOW) - d * DAY_MS),
        count: requests / 3,
        ip: '198.51.100.7',
        region: 'DE',
      })),
    );
    return key;
  }

  beforeAll(async () => {
    n = await startMonitorServer(ENV);
    n.clock.set(NOW);
    project = await monitoredProject(n);
    keys.established = await establishedKey();
    keys.v6 = await establishedKey();
    await writeHistory(n, [
      {
        keyId: keys.v6.id,
        projectId: project,
        at: new Date(Date.parse(NOW) - DAY_MS),
        count: 1,
        ip: '2001:db8:1:2::5',
        region: 'DE',
      },
    ]);
    keys.little = await establishedKey('SECRET', 60);
    keys.publishable = await establishedKey('PUBLISHABLE');
    expect(found(await monitorPass(n))).toEqual([]);
  });

  afterAll(async () => {
    await n?.close();
  });

  test('a region and an ip range never seen for an established key each raise one anomaly', async () => {
    const key = keys.established as Key;
    await send(n, key.secret, 2, { ip: '198.51.100.99', region: 'DE' }); // known range and region
    expect(of(await monitorPass(n), key.id)).toEqual([]);

    await send(n, key.secret, 3, { ip: '203.0.113.9', region: 'BR' });
    const pass = await monitorPass(n);
    expect(of(pass, key.id)).toEqual([
      { kind: 'NEW_IP_RANGE', keyId: key.id, subject: '203.0.113.0/24', severity: 'LOW' },
      { kind: 'NEW_REGION', keyId: key.id, subject: 'BR', severity: 'MEDIUM' },
    ]);
    const region = pass.anomalies.find((a) => a.keyId === key.id && a.kind === 'NEW_REGION');
    expect(region?.evidence).toEqual({
      region: 'BR',
      firstSeenAt: NOW,
      requests: 3,
      ips: ['203.0.113.9'],
      historyDays: 30,
      historyRequests: 150,
      knownRegions: 1,
      someKnownRegions: ['DE'],
    });
    const range = pass.anomalies.find((a) => a.keyId === key.id && a.kind === 'NEW_IP_RANGE');
    expect(range?.evidence).toMatchObject({
      ipRange: '203.0.113.0/24',
      ips: ['203.0.113.9'],
      knownIpRanges: 1,
      someKnownIpRanges: ['198.51.100.0/24'],
    });

    // Seen now: the same region and range again raise nothing.
    await send(n, key.secret, 3, { ip: '203.0.113.10', region: 'BR' });
    expect(of(await monitorPass(n), key.id)).toEqual([]);
  });

  test('IPv6 addresses are grouped by /48', async () => {
    const key = keys.v6 as Key;
    await send(n, key.secret, 1, { ip: '2001:db8:1:ffff::1', region: 'DE' });
    expect(of(await monitorPass(n), key.id)).toEqual([]);
    await send(n, key.secret, 1, { ip: '2001:db8:2::1', region: 'DE' });
    expect(of(await monitorPass(n), key.id)).toEqual([
      { kind: 'NEW_IP_RANGE', keyId: key.id, subject: '2001:db8:2::/48', severity: 'LOW' },
    ]);
  });

  test('a brand-new key does not alarm on its first requests', async () => {
    const key = await monitoredKey(n, project);
    await send(n, key.secret, 2, { ip: '203.0.113.77', region: 'JP' });
    expect(of(await monitorPass(n), key.id)).toEqual([]);
  });

  test('an old key with too little history does not alarm', async () => {
    const key = keys.little as Key;
    await send(n, key.secret, 2, { ip: '203.0.113.88', region: 'FR' });
    expect(of(await monitorPass(n), key.id)).toEqual([]);
  });

  test('a publishable key is checked for new regions only, at LOW', async () => {
    const key = keys.publishable as Key;
    await send(n, key.secret, 1, {
      ip: '203.0.113.99',
      region: 'CA',
      origin: 'https://shop.example',
    });
    expect(of(await monitorPass(n), key.id)).toEqual([
      { kind: 'NEW_REGION', keyId: key.id, subject: 'CA', severity: 'LOW' },
    ]);
  });
});

describe('MANY_IPS', () => {
  test('a secret key used from more distinct ips than the threshold in the last hour raises one anomaly', async () => {
    const key = await monitoredKey(t, projectId);
    for (let i = 1; i <= 6; i++) await send(t, key.secret, 1, { ip: `10.9.0.${i}` });
    const pass = await monitorPass(t);
    expect(of(pass, key.id)).toEqual([
      { kind: 'MANY_IPS', keyId: key.id, subject: '', severity: 'MEDIUM' },
    ]);
    expect(pass.anomalies.find((a) => a.keyId === key.id)?.evidence).toEqual({
      window: { from: '2026-11-28T11:10:00.000Z', to: NOW },
      distinctIps: 6,
      threshold: 5,
      ips: ['10.9.0.1', '10.9.0.2', '10.9.0.3', '10.9.0.4', '10.9.0.5', '10.9.0.6'],
    });
    await send(t, key.secret, 1, { ip: '10.9.0.7' });
    expect(of(await monitorPass(t), key.id)).toEqual([]);
  });

  test('up to the threshold, or on a publishable key, it stays quiet', async () => {
    const secret = await monitoredKey(t, projectId);
    for (let i = 1; i <= 5; i++) await send(t, secret.secret, 1, { ip: `10.8.0.${i}` });
    const publishable = await monitoredKey(t, projectId, { kind: 'PUBLISHABLE' });
    for (let i = 1; i <= 8; i++) {
      await send(t, publishable.secret, 1, { ip: `10.7.0.${i}`, origin: 'https://shop.example' });
    }
    const pass = await monitorPass(t);
    expect(of(pass, secret.id)).toEqual([]);
    expect(of(pass, publishable.id)).toEqual([]);
  });

  test('ips seen more than an hour ago do not count', async () => {
    const key = await monitoredKey(t, projectId);
    for (let i = 1; i <= 4; i++) await send(t, key.secret, 1, { ip: `10.6.0.${i}` });
    await monitorPass(t);
    t.clock.advance(61 * 60_000);
    try {
      for (let i = 5; i <= 8; i++) await send(t, key.secret, 1, { ip: `10.6.0.${i}` });
      expect(of(await monitorPass(t), key.id)).toEqual([]);
    } finally {
      t.clock.set(NOW);
    }
  });
});
