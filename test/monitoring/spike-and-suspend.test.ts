import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import type { TestServer } from '../helpers/test-server.js';
import {
  found,
  type Key,
  monitoredKey,
  monitoredProject,
  monitorPass,
  NOW,
  sameHourHistory,
  send,
  startMonitorServer,
  writeHistory,
} from './monitor-helpers.js';

// A synthetic spike: a key used 3 times at this hour on each of the past 7 days is used 45
// times (real requests) in the current hour. With the thresholds below (10×, at least 40
// requests) that is one REQUEST_SPIKE, ratio 15 (MEDIUM), however many passes see it.

const Anomalies = graphql(`
  query SpikeAnomalies($filter: AnomalyFilter) {
    anomalies(filter: $filter) {
      edges {
        node {
          id
          kind
          severity
          keyId
          projectId
          evidence
          detectedAt
          acknowledgedAt
          suspendedKey
          key {
            id
            status
          }
        }
      }
    }
  }
`);

const Audit = graphql(`
  query SpikeAudit($filter: AuditFilter) {
    auditLog(filter: $filter) {
      edges {
        node {
          action
          actorKeyId
          targetId
          projectId
          details
        }
      }
    }
  }
`);

const ENV = {
  KEYGATE_MONITOR_SPIKE_FACTOR: '10',
  KEYGATE_MONITOR_SPIKE_MIN_REQUESTS: '40',
};

let t: TestServer;

beforeAll(async () => {
  t = await startMonitorServer(ENV);
  t.clock.set(NOW);
});

afterAll(async () => {
  await t?.close();
});

/** A week-old key with 3 requests at this hour on each of the past 7 days. */
async function keyWithBaseline(projectId: string): Promise<Key> {
  const key = await monitoredKey(t, projectId, { ageDays: 8 });
  await writeHistory(t, sameHourHistory(t, { keyId: key.id, projectId }, 3));
  return key;
}

describe('REQUEST_SPIKE', () => {
  test('a synthetic spike raises exactly one anomaly, even after several passes', async () => {
    const projectId = await monitoredProject(t, null, 'Spiky');
    const key = await keyWithBaseline(projectId);
    expect(await send(t, key.secret, 45)).toEqual(Array(45).fill(200));

    const first = await monitorPass(t);
    expect(first.ran).toBe(true);
    expect(found(first).filter((a) => a.keyId === key.id)).toEqual([
      { kind: 'REQUEST_SPIKE', keyId: key.id, subject: '', severity: 'MEDIUM' },
    ]);

    // The spike goes on: more requests, more passes, minutes later; still one anomaly.
    for (let i = 0; i < 3; i++) {
      await send(t, key.secret, 5);
      t.clock.advance(60_000);
      const again = await monitorPass(t);
      expect(again.ran).toBe(true);
      expect(again.anomalies.filter((a) => a.keyId === key.id)).toEqual([]);
    }
    t.clock.set(NOW);

    const res = await t.gql(Anomalies, { filter: { keyId: key.id } }, t.adminKey);
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data?.anomalies?.edges.map((e) => e.node) ?? [];
    expect(nodes).toHaveLength(1);
    const hours = Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7].map((d) => [
        new Date(Date.parse('2026-11-28T12:00:00.000Z') - d * 86_400_000).toISOString(),
        3,
      ]),
    );
    expect(nodes[0]).toEqual({
      id: first.anomalies.find((a) => a.keyId === key.id)?.id,
      kind: 'REQUEST_SPIKE',
      severity: 'MEDIUM',
      keyId: key.id,
      projectId,
      evidence: {
        window: { from: '2026-11-28T12:00:00.000Z', to: NOW },
        requests: 45,
        baseline: 3,
        baselineHours: hours,
        ratio: 15,
        threshold: { factor: 10, minRequests: 40 },
      },
      detectedAt: NOW,
      acknowledgedAt: null,
      suspendedKey: false,
      key: { id: key.id, status: 'ACTIVE' },
    });
  });

  test('a quiet key below the minimum volume does not alarm, whatever its ratio', async () => {
    const projectId = await monitoredProject(t, null, 'Quiet');
    const key = await keyWithBaseline(projectId);
    await send(t, key.secret, 39);
    const pass = await monitorPass(t);
    expect(pass.anomalies.filter((a) => a.keyId === key.id)).toEqual([]);
  });

  test('a busy hour under the factor does not alarm', async () => {
    const projectId = await monitoredProject(t, null, 'Steady');
    const key = await monitoredKey(t, projectId, { ageDays: 8 });
    await writeHistory(t, sameHourHistory(t, { keyId: key.id, projectId }, 5));
    await send(t, key.secret, 45); // 9 × the baseline of 5
    const pass = await monitorPass(t);
    expect(pass.anomalies.filter((a) => a.keyId === key.id)).toEqual([]);
  });

  test('a new key has no baseline and does not alarm on its first busy hour', async () => {
    const projectId = await monitoredProject(t, null, 'Fresh');
    const key = await monitoredKey(t, projectId);
    await send(t, key.secret, 45);
    const pass = await monitorPass(t);
    expect(pass.anomalies.filter((a) => a.keyId === key.id)).toEqual([]);
  });
});

describe('auto-suspend', () => {
  test('with autoSuspend on, the key is refused with KEY_DISABLED on the very next request and the audit log names the anomaly', async () => {
    const projectId = await monitoredProject(
      t,
      { autoSuspend: true, minSeverity: 'MEDIUM' },
      'Strict',
    );
    const key = await keyWithBaseline(projectId);
    await send(t, key.secret, 45);
    const pass = await monitorPass(t);
    const anomaly = pass.anomalies.find((a) => a.keyId === key.id);
    expect(anomaly?.kind).toBe('REQUEST_SPIKE');
    expect(anomaly?.suspended).toBe(true);

    const next = await t.gql('{ viewer { scopes } }', {}, key.secret);
    expect(next.status).toBe(401);
    expect(next.body.errors?.[0]?.extensions?.code).toBe('KEY_DISABLED');

    const audit = await t.gql(Audit, { filter: { targetId: key.id } }, t.adminKey);
    expect(audit.body.errors).toBeUndefined();
    const events = audit.body.data?.auditLog?.edges.map((e) => e.node) ?? [];
    expect(events.map((e) => e.action)).toEqual(['key.suspended', 'key.disabled', 'key.created']);
    expect(events[0]).toEqual({
      action: 'key.suspended',
      actorKeyId: null,
      targetId: key.id,
      projectId,
      details: {
        anomalyId: anomaly?.id,
        kind: 'REQUEST_SPIKE',
        severity: 'MEDIUM',
        minSeverity: 'MEDIUM',
      },
    });
    expect(events[1]?.actorKeyId).toBeNull();

    const listed = await t.gql(Anomalies, { filter: { keyId: key.id } }, t.adminKey);
    expect(listed.body.data?.anomalies?.edges.map((e) => e.node.suspendedKey)).toEqual([true]);
    expect(listed.body.data?.anomalies?.edges[0]?.node.key?.status).toBe('DISABLED');

    // A further pass neither raises again nor touches the disabled key.
    const again = await monitorPass(t);
    expect(again.anomalies.filter((a) => a.keyId === key.id)).toEqual([]);
  });

  test('with autoSuspend off, the key keeps working', async () => {
    const projectId = await monitoredProject(
      t,
      { autoSuspend: false, minSeverity: 'LOW' },
      'Lenient',
    );
    const key = await keyWithBaseline(projectId);
    await send(t, key.secret, 45);
    const pass = await monitorPass(t);
    const anomaly = pass.anomalies.find((a) => a.keyId === key.id);
    expect(anomaly?.kind).toBe('REQUEST_SPIKE');
    expect(anomaly?.suspended).toBe(false);
    expect(await send(t, key.secret, 1)).toEqual([200]);
  });

  test('an anomaly below the policy minSeverity leaves the key working', async () => {
    const projectId = await monitoredProject(t, { autoSuspend: true, minSeverity: 'HIGH' }, 'Calm');
    const key = await keyWithBaseline(projectId);
    await send(t, key.secret, 45); // ratio 15: MEDIUM
    const pass = await monitorPass(t);
    expect(pass.anomalies.find((a) => a.keyId === key.id)).toMatchObject({
      kind: 'REQUEST_SPIKE',
      severity: 'MEDIUM',
      suspended: false,
    });
    expect(await send(t, key.secret, 1)).toEqual([200]);
  });
});
