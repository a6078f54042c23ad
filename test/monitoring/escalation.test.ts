import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertAnomaly } from '../../src/monitoring/anomaly-repository.js';
import { graphql } from '../gql/index.js';
import type { TestServer } from '../helpers/test-server.js';
import {
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

// One finding per window, but a growing attack is not swallowed: a finding more serious than
// the one stored in its window escalates it (a new anomaly, its webhook event, the alert
// policy again). And the policy is applied again on every pass, so an anomaly whose pass
// stopped before suspending its key suspends it on the next one.

const HOUR_MS = 3_600_000;

const EscalationAnomalies = graphql(`
  query EscalationAnomalies($filter: AnomalyFilter) {
    anomalies(filter: $filter) {
      edges {
        node {
          id
          kind
          severity
          evidence
          suspendedKey
          key {
            status
          }
        }
      }
    }
  }
`);

const EscalationAudit = graphql(`
  query EscalationAudit($filter: AuditFilter) {
    auditLog(filter: $filter) {
      edges {
        node {
          action
          details
        }
      }
    }
  }
`);

const EscalationCreateWebhook = graphql(`
  mutation EscalationCreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      webhook {
        id
      }
    }
  }
`);

const EscalationEnableKey = graphql(`
  mutation EscalationEnableKey($id: ID!) {
    updateKey(id: $id, input: { enabled: true }) {
      status
    }
  }
`);

let t: TestServer;

beforeAll(async () => {
  t = await startMonitorServer({
    KEYGATE_MONITOR_SPIKE_FACTOR: '10',
    KEYGATE_MONITOR_SPIKE_MIN_REQUESTS: '40',
    KEYGATE_WEBHOOK_ALLOW_PRIVATE: 'true',
  });
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

async function anomaliesOf(keyId: string) {
  const res = await t.gql(EscalationAnomalies, { filter: { keyId } }, t.adminKey);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.anomalies?.edges.map((e) => e.node) ?? [];
}

async function auditOf(keyId: string) {
  const res = await t.gql(EscalationAudit, { filter: { targetId: keyId } }, t.adminKey);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.auditLog?.edges.map((e) => e.node) ?? [];
}

describe('escalation', () => {
  test('a spike that grows from MEDIUM to CRITICAL escalates: a second anomaly, a second anomaly.detected, and the key is suspended under minSeverity HIGH', async () => {
    const projectId = await monitoredProject(
      t,
      { autoSuspend: true, minSeverity: 'HIGH' },
      'Grows',
    );
    const hook = await t.gql(
      EscalationCreateWebhook,
      { input: { projectId, url: 'http://127.0.0.1:9/hook', events: ['anomaly.detected'] } },
      t.adminKey,
    );
    expect(hook.body.errors).toBeUndefined();
    const key = await keyWithBaseline(projectId);

    // 100 requests: ratio 33 (MEDIUM), under the policy's HIGH.
    await writeHistory(t, [{ keyId: key.id, projectId, at: new Date(NOW), count: 100 }]);
    const first = await monitorPass(t);
    expect(
      first.anomalies.filter((a) => a.keyId === key.id).map((a) => [a.severity, a.suspended]),
    ).toEqual([['MEDIUM', false]]);
    const medium = first.anomalies.find((a) => a.keyId === key.id)?.id;

    // Same severity a minute later: a repeat, nothing stored.
    t.clock.advance(60_000);
    await writeHistory(t, [{ keyId: key.id, projectId, at: t.clock.now(), count: 20 }]);
    expect((await monitorPass(t)).anomalies.filter((a) => a.keyId === key.id)).toEqual([]);

    // +5000 requests: ratio 1706 (CRITICAL). Escalated, and the key is suspended.
    t.clock.advance(60_000);
    await writeHistory(t, [{ keyId: key.id, projectId, at: t.clock.now(), count: 5000 }]);
    const grown = await monitorPass(t);
    const critical = grown.anomalies.filter((a) => a.keyId === key.id);
    expect(critical.map((a) => [a.kind, a.severity, a.suspended])).toEqual([
      ['REQUEST_SPIKE', 'CRITICAL', true],
    ]);
    expect(critical[0]?.evidence).toMatchObject({
      requests: 5120,
      ratio: 1706.67,
      escalatedFrom: { anomalyId: medium, severity: 'MEDIUM' },
    });
    expect(await send(t, key.secret, 1)).toEqual([401]);

    // Still CRITICAL, or back at MEDIUM, within the hour: repeats of the escalation.
    t.clock.advance(60_000);
    await writeHistory(t, [{ keyId: key.id, projectId, at: t.clock.now(), count: 10 }]);
    expect((await monitorPass(t)).anomalies.filter((a) => a.keyId === key.id)).toEqual([]);

    expect((await anomaliesOf(key.id)).map((a) => [a.id, a.severity, a.suspendedKey])).toEqual([
      [critical[0]?.id, 'CRITICAL', true],
      [medium, 'MEDIUM', false],
    ]);
    expect((await auditOf(key.id)).map((e) => e.action)).toEqual([
      'key.suspended',
      'key.disabled',
      'key.created',
    ]);
    expect((await auditOf(key.id))[0]?.details).toEqual({
      anomalyId: critical[0]?.id,
      kind: 'REQUEST_SPIKE',
      severity: 'CRITICAL',
      minSeverity: 'HIGH',
    });

    const db = t.database.open();
    try {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .select(['event_type', 'payload'])
        .where('project_id', '=', projectId)
        .where('event_type', '=', 'anomaly.detected')
        .orderBy('id')
        .execute();
      expect(
        rows.map((r) => {
          const data = JSON.parse(r.payload).data;
          return [data.anomalyId, data.severity, data.evidence.escalatedFrom ?? null];
        }),
      ).toEqual([
        [medium, 'MEDIUM', null],
        [critical[0]?.id, 'CRITICAL', { anomalyId: medium, severity: 'MEDIUM' }],
      ]);
    } finally {
      await db.destroy();
      t.clock.set(NOW);
    }
  });

  test('an unacknowledged anomaly of an earlier window does not hide a new finding', async () => {
    const projectId = await monitoredProject(t, null, 'Again');
    const key = await keyWithBaseline(projectId);
    await send(t, key.secret, 45);
    const first = await monitorPass(t);
    expect(first.anomalies.filter((a) => a.keyId === key.id).map((a) => a.severity)).toEqual([
      'MEDIUM',
    ]);
    try {
      // The next hour (no baseline at 13:00: it counts as 1), the first anomaly unacknowledged.
      t.clock.set(new Date(Date.parse(NOW) + HOUR_MS));
      await writeHistory(t, [{ keyId: key.id, projectId, at: t.clock.now(), count: 45 }]);
      const later = await monitorPass(t);
      expect(later.anomalies.filter((a) => a.keyId === key.id).map((a) => a.kind)).toEqual([
        'REQUEST_SPIKE',
      ]);
      expect(later.anomalies.find((a) => a.keyId === key.id)?.evidence).toMatchObject({
        window: { from: '2026-11-28T13:00:00.000Z' },
        requests: 45,
      });
      expect(await anomaliesOf(key.id)).toHaveLength(2);
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe('the alert policy on every pass', () => {
  test('an anomaly whose pass stopped before suspending its key suspends it on the next pass', async () => {
    const projectId = await monitoredProject(
      t,
      { autoSuspend: true, minSeverity: 'HIGH' },
      'Crash',
    );
    const key = await monitoredKey(t, projectId);
    // As a pass leaves it when it stops right after storing the anomaly.
    const id = 'anm_crashed0000000000000000';
    const db = t.database.open();
    try {
      await insertAnomaly(db, {
        id,
        project_id: projectId,
        key_id: key.id,
        kind: 'REFUSAL_SURGE',
        subject: '',
        severity: 'HIGH',
        evidence: JSON.stringify({ refused: 600 }),
        detected_at: new Date(Date.parse(NOW) - 10 * 60_000).toISOString(),
        acknowledged_at: null,
        acknowledged_by_key_id: null,
        suspended: 0,
      });
    } finally {
      await db.destroy();
    }
    expect(await send(t, key.secret, 1)).toEqual([200]);

    const pass = await monitorPass(t);
    expect(pass.anomalies.filter((a) => a.keyId === key.id)).toEqual([]);
    expect(await send(t, key.secret, 1)).toEqual([401]);
    expect((await anomaliesOf(key.id)).map((a) => [a.id, a.suspendedKey, a.key?.status])).toEqual([
      [id, true, 'DISABLED'],
    ]);
    const audit = await auditOf(key.id);
    expect(audit.map((e) => e.action)).toEqual(['key.suspended', 'key.disabled', 'key.created']);
    expect(audit[0]?.details).toEqual({
      anomalyId: id,
      kind: 'REFUSAL_SURGE',
      severity: 'HIGH',
      minSeverity: 'HIGH',
    });

    // Enabled again once reviewed: later passes leave it alone.
    const enabled = await t.gql(EscalationEnableKey, { id: key.id }, t.adminKey);
    expect(enabled.body.data?.updateKey?.status).toBe('ACTIVE');
    await monitorPass(t);
    expect(await send(t, key.secret, 1)).toEqual([200]);
    expect((await auditOf(key.id)).map((e) => e.action)).toEqual([
      'key.enabled',
      'key.suspended',
      'key.disabled',
      'key.created',
    ]);
  });

  test('an anomaly older than an hour, or under the policy, is not applied again', async () => {
    const projectId = await monitoredProject(t, { autoSuspend: true, minSeverity: 'HIGH' }, 'Old');
    const key = await monitoredKey(t, projectId);
    const db = t.database.open();
    try {
      const row = {
        project_id: projectId,
        key_id: key.id,
        kind: 'MANY_IPS',
        subject: '',
        evidence: '{}',
        acknowledged_at: null,
        acknowledged_by_key_id: null,
        suspended: 0,
      };
      await insertAnomaly(db, {
        ...row,
        id: 'anm_old00000000000000000000',
        severity: 'HIGH',
        detected_at: new Date(Date.parse(NOW) - HOUR_MS - 1).toISOString(),
      });
      await insertAnomaly(db, {
        ...row,
        id: 'anm_mild0000000000000000000',
        severity: 'MEDIUM',
        detected_at: NOW,
      });
    } finally {
      await db.destroy();
    }
    await monitorPass(t);
    expect(await send(t, key.secret, 1)).toEqual([200]);
    expect((await anomaliesOf(key.id)).map((a) => a.suspendedKey)).toEqual([false, false]);
  });
});
