import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey } from '../helpers/fixtures.js';
import {
  onTwoInstances,
  registerWebhook,
  secondInstance,
  startReceiver,
  startWebhookServer,
  verifyWebhook,
  webhookProject,
} from './webhook-helpers.js';

const RevokeKey = graphql(`
  mutation WebhookEventsRevoke($id: ID!, $reason: RevocationReason) {
    revokeKey(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

const RotateKey = graphql(`
  mutation WebhookEventsRotate($id: ID!, $grace: Int) {
    rotateKey(id: $id, gracePeriodSeconds: $grace) {
      key {
        id
      }
      secret
    }
  }
`);

const ReportCompromised = graphql(`
  mutation WebhookEventsCompromised($id: ID!) {
    reportCompromisedKey(id: $id) {
      replacement {
        key {
          id
        }
        secret
      }
    }
  }
`);

const UpdateProject = graphql(`
  mutation WebhookEventsUpdateProject($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      id
    }
  }
`);

const Viewer = graphql(`
  query WebhookEventsViewer {
    viewer {
      scopes
    }
  }
`);

const DAY = 86_400_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(events: string[], env: Record<string, string> = {}) {
  const receiver = await startReceiver();
  cleanups.push(receiver.close);
  const t = await startWebhookServer({ env });
  cleanups.push(t.close);
  const project = await webhookProject(t);
  const hook = await registerWebhook(t, project.key, { url: receiver.url, events });
  return { t, receiver, ...project, hook };
}

/** Every secret a test handled must be absent from what the receiver got. */
function expectNoSecret(receiverBodies: string, secrets: string[]) {
  for (const secret of secrets) {
    expect(receiverBodies).not.toContain(secret);
    expect(receiverBodies).not.toContain(secret.slice(11, 40));
  }
}

describe('key events', () => {
  test('key.created, key.rotated and key.revoked arrive with the key and the change, and never a secret', async () => {
    const { t, receiver, projectId, key, hook } = await setUp([
      'key.created',
      'key.revoked',
      'key.rotated',
    ]);
    const made = await createKey(t, { projectId, name: 'worker', scopes: ['products:read'] }, key);
    const rotated = await t.gql(RotateKey, { id: made.id, grace: 3600 }, key);
    expect(rotated.body.errors).toBeUndefined();
    const replacement = rotated.body.data?.rotateKey;
    const revoked = await t.gql(
      RevokeKey,
      { id: replacement?.key.id as string, reason: 'NO_LONGER_NEEDED' },
      key,
    );
    expect(revoked.body.errors).toBeUndefined();

    expect(await t.server.webhooks.deliverDue()).toBe(3);

    const at = t.clock.now().toISOString();
    const keyData = (id: string, secret: string) => ({
      id,
      projectId,
      name: 'worker',
      kind: 'SECRET',
      environment: 'LIVE',
      hint: `kg_sk_live_…${secret.slice(-4)}`,
      scopes: ['products:read'],
      expiresAt: null,
    });
    const events = receiver.events().sort((a, b) => a.type.localeCompare(b.type));
    expect(events).toEqual([
      { type: 'key.created', timestamp: at, data: { key: keyData(made.id, made.secret) } },
      {
        type: 'key.revoked',
        timestamp: at,
        data: {
          key: keyData(replacement?.key.id as string, replacement?.secret as string),
          reason: 'NO_LONGER_NEEDED',
          revokedAt: at,
          replacementId: null,
        },
      },
      {
        type: 'key.rotated',
        timestamp: at,
        data: {
          key: keyData(made.id, made.secret),
          replacementId: replacement?.key.id,
          graceEndsAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
        },
      },
    ]);
    for (const message of receiver.received) {
      expect(verifyWebhook(hook.secret, message, t.clock.now())).toBeTruthy();
    }
    const everything = JSON.stringify(receiver.received);
    expectNoSecret(everything, [made.secret, replacement?.secret as string, key, t.adminKey]);
    expect(everything).not.toContain(hook.secret.slice(6));
  });

  test('reportCompromisedKey sends key.revoked with reason COMPROMISED and the replacement', async () => {
    const { t, receiver, projectId, key } = await setUp(['key.revoked']);
    const made = await createKey(t, { projectId, name: 'leaky', scopes: ['products:read'] }, key);

    const res = await t.gql(ReportCompromised, { id: made.id }, key);
    expect(res.body.errors).toBeUndefined();
    await t.server.webhooks.deliverDue();

    const replacement = res.body.data?.reportCompromisedKey?.replacement;
    expect(receiver.events()).toEqual([
      {
        type: 'key.revoked',
        timestamp: t.clock.now().toISOString(),
        data: expect.objectContaining({
          reason: 'COMPROMISED',
          replacementId: replacement?.key.id,
          key: expect.objectContaining({ id: made.id }),
        }),
      },
    ]);
    expectNoSecret(JSON.stringify(receiver.received), [made.secret, replacement?.secret as string]);
  });

  test('a webhook gets only the event types it subscribed to, and only its own project', async () => {
    const { t, receiver, projectId, key } = await setUp(['key.revoked']);
    const other = await webhookProject(t, 'Other');
    await createKey(t, { projectId: other.projectId, scopes: ['products:read'] }, other.key);
    const made = await createKey(t, { projectId, scopes: ['products:read'] }, key);
    await t.gql(RevokeKey, { id: made.id }, key);

    await t.server.webhooks.deliverDue();

    expect(receiver.events().map((e) => [e.type, (e.data.key as { id: string }).id])).toEqual([
      ['key.revoked', made.id],
    ]);
  });

  test('a key change and its event commit together: a refused change queues nothing', async () => {
    const { t, receiver, projectId, key } = await setUp(['key.created']);
    const refused = await t.gql(
      graphql(`
        mutation WebhookEventsBadKey($input: CreateKeyInput!) {
          createKey(input: $input) {
            secret
          }
        }
      `),
      { input: { projectId, name: 'bad', scopes: ['no:such'] } },
      key,
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    expect(await t.server.webhooks.deliverDue()).toBe(0);
    expect(receiver.received).toHaveLength(0);
  });
});

describe('key.expiring', () => {
  test('is sent once, 7 days before a key expires, however often the check runs', async () => {
    const { t, receiver, projectId, key } = await setUp(['key.expiring']);
    const expiresAt = new Date(t.clock.now().getTime() + 10 * DAY).toISOString();
    const made = await createKey(
      t,
      { projectId, name: 'short-lived', scopes: ['products:read'], expiresAt },
      key,
    );

    t.clock.advance(3 * DAY - 60_000);
    expect(await t.server.webhooks.runChecks()).toBe(0);
    t.clock.advance(60_000);
    expect(await t.server.webhooks.runChecks()).toBe(1);
    expect(await t.server.webhooks.runChecks()).toBe(0);
    t.clock.advance(DAY);
    expect(await t.server.webhooks.runChecks()).toBe(0);
    await t.server.webhooks.deliverDue();

    expect(receiver.events()).toEqual([
      {
        type: 'key.expiring',
        timestamp: new Date(t.clock.now().getTime() - DAY).toISOString(),
        data: {
          key: expect.objectContaining({ id: made.id, expiresAt }),
          reason: 'EXPIRY',
          dueAt: expiresAt,
        },
      },
    ]);
  });

  test("is sent once, 7 days before a key is due for rotation under its project's policy", async () => {
    const { t, receiver, projectId, keyId } = await setUp(['key.expiring']);
    const policy = await t.gql(
      UpdateProject,
      { id: projectId, input: { rotationPolicy: { maxKeyAgeDays: 30, enforce: false } } },
      t.adminKey,
    );
    expect(policy.body.errors).toBeUndefined();
    const createdAt = t.clock.now();

    t.clock.advance(23 * DAY - 60_000);
    expect(await t.server.webhooks.runChecks()).toBe(0);
    t.clock.advance(60_000);
    // The project's only key, the manager key, is due at 30 days: notice at 23.
    expect(await t.server.webhooks.runChecks()).toBe(1);
    t.clock.advance(10 * DAY);
    expect(await t.server.webhooks.runChecks()).toBe(0);
    await t.server.webhooks.deliverDue();

    expect(receiver.events()).toEqual([
      {
        type: 'key.expiring',
        timestamp: new Date(createdAt.getTime() + 23 * DAY).toISOString(),
        data: {
          key: expect.objectContaining({ id: keyId }),
          reason: 'ROTATION_DUE',
          dueAt: new Date(createdAt.getTime() + 30 * DAY).toISOString(),
        },
      },
    ]);
  });

  test('a key already overdue for rotation when the policy is set is notified if at most 2 days overdue, once', async () => {
    const { t, receiver, projectId, key, keyId } = await setUp(['key.expiring']);
    const start = t.clock.now().getTime();
    t.clock.advance(2 * DAY);
    const late = await createKey(t, { projectId, name: 'late', scopes: ['products:read'] }, key);
    t.clock.advance(31 * DAY);
    // Under a 30-day policy set now, the manager key was due 3 days ago, `late` 1 day ago.
    const policy = await t.gql(
      UpdateProject,
      { id: projectId, input: { rotationPolicy: { maxKeyAgeDays: 30, enforce: false } } },
      t.adminKey,
    );
    expect(policy.body.errors).toBeUndefined();

    expect(await t.server.webhooks.runChecks()).toBe(1);
    expect(await t.server.webhooks.runChecks()).toBe(0);
    t.clock.advance(DAY);
    expect(await t.server.webhooks.runChecks()).toBe(0);
    await t.server.webhooks.deliverDue();

    expect(receiver.events().map((e) => e.data)).toEqual([
      {
        key: expect.objectContaining({ id: late.id, name: 'late' }),
        reason: 'ROTATION_DUE',
        dueAt: new Date(start + 32 * DAY).toISOString(),
      },
    ]);
    expect(JSON.stringify(receiver.events())).not.toContain(keyId);
  });

  test('two instances running the check on one database queue it once', async () => {
    const { t, receiver, projectId, key } = await setUp(['key.expiring']);
    const other = await secondInstance(t);
    cleanups.push(() => other.server.close());
    const expiresAt = new Date(t.clock.now().getTime() + 2 * DAY).toISOString();
    for (let i = 0; i < 5; i++) {
      await createKey(t, { projectId, scopes: ['products:read'], expiresAt }, key);
    }

    const [a, b] = await onTwoInstances(
      () => t.server.webhooks.runChecks(),
      () => other.server.webhooks.runChecks(),
    );
    await t.server.webhooks.deliverDue();

    expect(a + b).toBe(5);
    expect(receiver.received).toHaveLength(5);
  });
});

describe('quota.threshold', () => {
  test('is sent once at 80 % and once at 100 % of the monthly quota', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keygate-webhook-plans-'));
    const plansFile = join(dir, 'plans.json');
    writeFileSync(plansFile, JSON.stringify({ FREE: { monthlyQuota: 10 } }));
    const { t, receiver, projectId, key } = await setUp(['quota.threshold'], {
      KEYGATE_PLANS_FILE: plansFile,
    });
    // The manager key's own requests so far (creating the webhook) count too.
    const request = async (n: number) => {
      for (let i = 0; i < n; i++) await t.gql(Viewer, {}, key);
      await t.server.services.usage.flush();
      return t.server.webhooks.runChecks();
    };
    const used = async () =>
      Number(
        (
          await t.server.services.db
            .selectFrom('usage_quota_monthly')
            .select('requests')
            .where('project_id', '=', projectId)
            .executeTakeFirst()
        )?.requests ?? 0,
      );

    expect(await request(0)).toBe(0);
    const before = await used();
    expect(before).toBeLessThan(8);
    expect(await request(7 - before)).toBe(0);
    expect(await request(1)).toBe(1);
    expect(await request(1)).toBe(0);
    expect(await request(1)).toBe(1);
    expect(await request(3)).toBe(0);
    await t.server.webhooks.deliverDue();

    const month = t.clock.now().toISOString().slice(0, 7);
    expect(receiver.events().map((e) => e.data)).toEqual([
      { projectId, month, threshold: 80, used: 8, quota: 10, plan: 'FREE' },
      { projectId, month, threshold: 100, used: 10, quota: 10, plan: 'FREE' },
    ]);
  });
});
