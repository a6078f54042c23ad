import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import type { TestServer } from '../helpers/test-server.js';
import {
  monitoredKey,
  monitoredProject,
  monitorPass,
  NOW,
  send,
  startMonitorServer,
} from './monitor-helpers.js';

// A stored anomaly queues its `anomaly.detected` webhook event in the same transaction
// (src/webhooks: the outbox). Read here from the outbox table, before any delivery matters.

const CreateWebhook = graphql(`
  mutation MonitorCreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      webhook {
        id
      }
    }
  }
`);

let t: TestServer;

beforeAll(async () => {
  t = await startMonitorServer({
    KEYGATE_MONITOR_MANY_IPS: '1',
    KEYGATE_WEBHOOK_ALLOW_PRIVATE: 'true',
  });
  t.clock.set(NOW);
});

afterAll(async () => {
  await t?.close();
});

test('a stored anomaly queues one anomaly.detected event for each subscribed webhook', async () => {
  const projectId = await monitoredProject(t);
  const hook = await t.gql(
    CreateWebhook,
    { input: { projectId, url: 'http://127.0.0.1:9/hook', events: ['anomaly.detected'] } },
    t.adminKey,
  );
  expect(hook.body.errors).toBeUndefined();
  const key = await monitoredKey(t, projectId);
  await send(t, key.secret, 1, { ip: '10.0.0.1' });
  await send(t, key.secret, 1, { ip: '10.0.0.2' });
  const pass = await monitorPass(t);
  const anomaly = pass.anomalies.find((a) => a.keyId === key.id);
  expect(anomaly?.kind).toBe('MANY_IPS');

  const db = t.database.open();
  try {
    const rows = await db
      .selectFrom('webhook_deliveries')
      .select(['webhook_id', 'event_type', 'payload'])
      .where('project_id', '=', projectId)
      .execute();
    expect(rows.map((r) => [r.webhook_id, r.event_type])).toEqual([
      [hook.body.data?.createWebhook?.webhook.id, 'anomaly.detected'],
    ]);
    expect(JSON.parse(rows[0]?.payload as string)).toEqual({
      type: 'anomaly.detected',
      timestamp: NOW,
      data: {
        anomalyId: anomaly?.id,
        keyId: key.id,
        kind: 'MANY_IPS',
        severity: 'MEDIUM',
        evidence: anomaly?.evidence,
        detectedAt: NOW,
      },
    });
  } finally {
    await db.destroy();
  }
});
