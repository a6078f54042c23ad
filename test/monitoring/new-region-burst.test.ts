import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import type { TestServer } from '../helpers/test-server.js';
import {
  type Receiver,
  registerWebhook,
  startReceiver,
  verifyWebhook,
} from '../webhooks/webhook-helpers.js';
import {
  monitoredKey,
  monitoredProject,
  monitorPass,
  NOW,
  send,
  startMonitorServer,
  writeHistory,
} from './monitor-helpers.js';

// The "done when", end to end: a key used for days from one country, then a scripted
// burst from another. The anomaly shows in `anomalies`, a signed anomaly.detected reaches the
// project's webhook, and under an auto-suspend policy the key is refused on the next request.

const DAY_MS = 86_400_000;

const Anomalies = graphql(`
  query BurstAnomalies($filter: AnomalyFilter) {
    anomalies(filter: $filter) {
      edges {
        node {
          kind
          severity
          keyId
          suspendedKey
          evidence
        }
      }
    }
  }
`);

let t: TestServer;
let receiver: Receiver;

beforeAll(async () => {
  t = await startMonitorServer({ KEYGATE_WEBHOOK_ALLOW_PRIVATE: 'true' });
  t.clock.set(NOW);
  receiver = await startReceiver();
});

afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

test('a burst from a new country raises NEW_REGION (and NEW_IP_RANGE) once, signed to the webhook, and suspends the key', async () => {
  const projectId = await monitoredProject(t, { autoSuspend: true, minSeverity: 'MEDIUM' }, 'Acme');
  const hook = await registerWebhook(t, t.adminKey, {
    projectId,
    url: receiver.url,
    events: ['anomaly.detected'],
  });
  const key = await monitoredKey(t, projectId, { ageDays: 10 });
  await writeHistory(
    t,
    [1, 2, 3, 4, 5].map((d) => ({
      keyId: key.id,
      projectId,
      at: new Date(Date.parse(NOW) - d * DAY_MS),
      count: 40,
      ip: '198.51.100.7',
      region: 'DE',
    })),
  );
  // The first pass learns where the key has been used; nothing is new yet.
  expect((await monitorPass(t)).anomalies).toEqual([]);
  expect(await send(t, key.secret, 5, { ip: '198.51.100.8', region: 'DE' })).toEqual(
    Array(5).fill(200),
  );
  expect((await monitorPass(t)).anomalies).toEqual([]);

  // The burst, through HTTP, from an address and a country never seen for this key.
  expect(await send(t, key.secret, 30, { ip: '203.0.113.50', region: 'KP' })).toEqual(
    Array(30).fill(200),
  );
  const pass = await monitorPass(t);
  expect(pass.anomalies.map((a) => [a.kind, a.severity, a.suspended])).toEqual([
    ['NEW_REGION', 'MEDIUM', true],
    ['NEW_IP_RANGE', 'LOW', false],
  ]);

  const next = await t.gql('{ viewer { scopes } }', {}, key.secret, { 'cf-ipcountry': 'KP' });
  expect(next.status).toBe(401);
  expect(next.body.errors?.[0]?.extensions?.code).toBe('KEY_DISABLED');

  const listed = await t.gql(Anomalies, { filter: { projectId, kind: 'NEW_REGION' } }, t.adminKey);
  expect(listed.body.errors).toBeUndefined();
  expect(listed.body.data?.anomalies?.edges.map((e) => e.node)).toEqual([
    {
      kind: 'NEW_REGION',
      severity: 'MEDIUM',
      keyId: key.id,
      suspendedKey: true,
      evidence: {
        region: 'KP',
        firstSeenAt: NOW,
        requests: 30,
        ips: ['203.0.113.50'],
        historyDays: 30,
        historyRequests: 200,
        knownRegions: 1,
        someKnownRegions: ['DE'],
      },
    },
  ]);

  // Both anomalies were queued with them; the receiver gets them signed with the secret.
  await t.server.webhooks.deliverDue();
  expect(receiver.received).toHaveLength(2);
  for (const message of receiver.received) verifyWebhook(hook.secret, message, t.clock.now());
  expect(receiver.events().map((e) => [e.type, e.data.kind, e.data.keyId])).toEqual([
    ['anomaly.detected', 'NEW_REGION', key.id],
    ['anomaly.detected', 'NEW_IP_RANGE', key.id],
  ]);
});
