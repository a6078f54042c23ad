import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, test } from 'vitest';
import { FakeClock } from '../../src/lib/clock.js';
import { INTERRUPTED } from '../../src/webhooks/webhook-dispatcher.js';
import { PRUNE_BATCH } from '../../src/webhooks/webhook-repository.js';
import { graphql } from '../gql/index.js';
import { createKey } from '../helpers/fixtures.js';
import type { TestServer } from '../helpers/test-server.js';
import {
  eventually,
  onTwoInstances,
  type Receiver,
  registerWebhook,
  secondInstance,
  startReceiver,
  startWebhookServer,
  verifyWebhook,
  WebhookDeliveries,
  webhookProject,
} from './webhook-helpers.js';

const RotateSecret = graphql(`
  mutation WebhookDeliveryRotateSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      webhook {
        id
      }
    }
  }
`);

const UpdateWebhook = graphql(`
  mutation WebhookDeliveryUpdate($id: ID!, $input: UpdateWebhookInput!) {
    updateWebhook(id: $id, input: $input) {
      id
      enabled
    }
  }
`);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(answers: number[] = [], clock?: FakeClock) {
  const receiver = await startReceiver(answers);
  cleanups.push(receiver.close);
  const t = await startWebhookServer(clock ? { clock } : {});
  cleanups.push(t.close);
  const project = await webhookProject(t);
  const hook = await registerWebhook(t, project.key, {
    url: receiver.url,
    events: ['key.created', 'key.revoked', 'key.rotated'],
  });
  return { t, receiver, ...project, hook };
}

/** Creates a key in the project (queues one key.created). */
function newKey(t: TestServer, projectId: string, key: string) {
  return createKey(t, { projectId, name: 'worker', scopes: ['products:read'] }, key);
}

async function deliveries(t: TestServer, key: string, webhookId: string) {
  const res = await t.gql(WebhookDeliveries, { id: webhookId }, key);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.webhook?.deliveries?.edges.map((e) => e.node) ?? [];
}

describe('signing', () => {
  test('a delivery is a signed JSON POST that the standardwebhooks package verifies with the secret', async () => {
    // The receiver checks webhook-timestamp against its own (real) clock: start from now.
    const clock = new FakeClock(new Date());
    const { t, receiver, projectId, key, hook } = await setUp([], clock);
    const made = await newKey(t, projectId, key);

    expect(await t.server.webhooks.deliverDue()).toBe(1);

    expect(receiver.received).toHaveLength(1);
    const message = receiver.received[0];
    expect(message?.method).toBe('POST');
    expect(message?.path).toBe('/hooks/keygate');
    expect(message?.headers['content-type']).toBe('application/json');
    expect(message?.headers['user-agent']).toMatch(/^Keygate-Webhooks\//);
    expect(message?.headers['webhook-id']).toMatch(/^msg_[0-9A-Za-z]{22}$/);
    expect(message?.headers['webhook-timestamp']).toBe(
      String(Math.floor(clock.now().getTime() / 1000)),
    );
    expect(message?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const body = new Webhook(hook.secret).verify(message?.body ?? '', message?.headers ?? {});
    expect(body).toEqual({
      type: 'key.created',
      timestamp: clock.now().toISOString(),
      data: {
        key: {
          id: made.id,
          projectId,
          name: 'worker',
          kind: 'SECRET',
          environment: 'LIVE',
          hint: `kg_sk_live_…${made.secret.slice(-4)}`,
          scopes: ['products:read'],
          expiresAt: null,
        },
      },
    });
  });

  test('a changed body, another secret or a stale timestamp does not verify', async () => {
    const { t, receiver, projectId, key, hook } = await setUp();
    await newKey(t, projectId, key);
    await t.server.webhooks.deliverDue();
    const message = receiver.received[0];
    if (message === undefined) throw new Error('nothing received');

    expect(verifyWebhook(hook.secret, message, t.clock.now())).toMatchObject({
      type: 'key.created',
    });
    const tampered = { ...message, body: message.body.replace('worker', 'w0rker') };
    expect(() => verifyWebhook(hook.secret, tampered, t.clock.now())).toThrow(
      'No matching signature found',
    );
    const other = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expect(() => verifyWebhook(other, message, t.clock.now())).toThrow(
      'No matching signature found',
    );
    expect(() =>
      verifyWebhook(hook.secret, message, new Date(t.clock.now().getTime() + HOUR)),
    ).toThrow('Message timestamp too old');
  });

  test('after rotateWebhookSecret, messages carry two signatures for 24 hours: the new secret and the old one both verify', async () => {
    const { t, receiver, projectId, key, hook } = await setUp();
    const rotated = await t.gql(RotateSecret, { id: hook.id }, key);
    expect(rotated.body.errors).toBeUndefined();
    const fresh = rotated.body.data?.rotateWebhookSecret?.secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(hook.secret);

    await newKey(t, projectId, key);
    await t.server.webhooks.deliverDue();
    const during = receiver.received[0];
    if (during === undefined) throw new Error('nothing received');
    expect(during.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(verifyWebhook(fresh, during, t.clock.now())).toMatchObject({ type: 'key.created' });
    expect(verifyWebhook(hook.secret, during, t.clock.now())).toMatchObject({
      type: 'key.created',
    });

    t.clock.advance(24 * HOUR);
    await newKey(t, projectId, key);
    await t.server.webhooks.deliverDue();
    const after = receiver.received[1];
    if (after === undefined) throw new Error('nothing received');
    expect(after.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(verifyWebhook(fresh, after, t.clock.now())).toMatchObject({ type: 'key.created' });
    expect(() => verifyWebhook(hook.secret, after, t.clock.now())).toThrow(
      'No matching signature found',
    );
  });
});

describe('retries', () => {
  test('a receiver that fails twice then succeeds gets the same webhook-id three times, after 5 s and 5 min', async () => {
    const { t, receiver, projectId, key, hook } = await setUp([500, 503]);
    await newKey(t, projectId, key);

    expect(await t.server.webhooks.deliverDue()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    // Not due yet: nothing is sent before the backoff has passed.
    t.clock.advance(4 * SECOND);
    expect(await t.server.webhooks.deliverDue()).toBe(0);
    t.clock.advance(1 * SECOND);
    expect(await t.server.webhooks.deliverDue()).toBe(1);
    expect(receiver.received).toHaveLength(2);
    t.clock.advance(5 * MINUTE - SECOND);
    expect(await t.server.webhooks.deliverDue()).toBe(0);
    t.clock.advance(SECOND);
    expect(await t.server.webhooks.deliverDue()).toBe(1);
    // Delivered: nothing more, however long one waits.
    t.clock.advance(24 * HOUR);
    expect(await t.server.webhooks.deliverDue()).toBe(0);

    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    const timestamps = receiver.received.map((r) => Number(r.headers['webhook-timestamp']));
    expect(timestamps.map((s) => s - (timestamps[0] ?? 0))).toEqual([0, 5, 305]);
    // Each attempt is signed for its own timestamp.
    for (const [i, message] of receiver.received.entries()) {
      const at = new Date((timestamps[i] ?? 0) * 1000);
      expect(verifyWebhook(hook.secret, message, at)).toMatchObject({ type: 'key.created' });
    }

    const [delivery] = await deliveries(t, key, hook.id);
    expect(delivery).toMatchObject({
      eventId: ids[0],
      eventType: 'key.created',
      status: 'SUCCEEDED',
      attemptCount: 3,
      lastStatusCode: 204,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(delivery?.attempts.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, null],
      [2, 503, null],
      [3, 204, null],
    ]);
  });

  test('a receiver that never answers 2xx is tried on the schedule for 24 hours, then the delivery is FAILED', async () => {
    const { t, receiver, projectId, key, hook } = await setUp(Array(20).fill(500));
    const start = t.clock.now().getTime();
    await newKey(t, projectId, key);

    for (let step = 0; step < 30; step++) {
      await t.server.webhooks.deliverDue();
      const [pending] = await deliveries(t, key, hook.id);
      if (pending?.status !== 'PENDING') break;
      if (pending.nextAttemptAt !== null) t.clock.set(pending.nextAttemptAt);
    }

    const offsets = receiver.received.map(
      (r) => Number(r.headers['webhook-timestamp']) * 1000 - start,
    );
    // 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h after each failure; the last one at 24 h sharp.
    expect(offsets).toEqual([
      0,
      5 * SECOND,
      5 * SECOND + 5 * MINUTE,
      5 * SECOND + 35 * MINUTE,
      5 * SECOND + 155 * MINUTE,
      5 * SECOND + 455 * MINUTE,
      5 * SECOND + 1055 * MINUTE,
      24 * HOUR,
    ]);
    const [delivery] = await deliveries(t, key, hook.id);
    expect(delivery).toMatchObject({
      status: 'FAILED',
      attemptCount: 8,
      lastStatusCode: 500,
      nextAttemptAt: null,
      deliveredAt: null,
    });
    t.clock.advance(48 * HOUR);
    expect(await t.server.webhooks.deliverDue()).toBe(0);
    expect(receiver.received).toHaveLength(8);
  });

  test('a receiver that is down is recorded as an error and tried again', async () => {
    const { t, receiver, projectId, key, hook } = await setUp();
    await receiver.close();
    await newKey(t, projectId, key);

    await t.server.webhooks.deliverDue();

    const [delivery] = await deliveries(t, key, hook.id);
    expect(delivery?.status).toBe('PENDING');
    expect(delivery?.lastStatusCode).toBeNull();
    expect(delivery?.lastError).toMatch(/ECONNREFUSED/);
    expect(delivery?.attempts).toEqual([
      {
        attempt: 1,
        at: t.clock.now().toISOString(),
        statusCode: null,
        error: delivery?.lastError,
        durationMs: expect.any(Number),
      },
    ]);
    expect(delivery?.nextAttemptAt).toBe(
      new Date(t.clock.now().getTime() + 5 * SECOND).toISOString(),
    );
  });

  test('a redirect is not followed: a 3xx answer is a failed attempt', async () => {
    const { t, receiver, projectId, key, hook } = await setUp([307]);
    await newKey(t, projectId, key);

    await t.server.webhooks.deliverDue();

    expect(receiver.received).toHaveLength(1);
    const [delivery] = await deliveries(t, key, hook.id);
    expect(delivery).toMatchObject({ status: 'PENDING', lastStatusCode: 307 });
  });

  test('a disabled webhook holds its deliveries and sends them once enabled again', async () => {
    const { t, receiver, projectId, key, hook } = await setUp();
    await newKey(t, projectId, key);
    await t.gql(UpdateWebhook, { id: hook.id, input: { enabled: false } }, key);

    await t.server.webhooks.deliverDue();
    expect(receiver.received).toHaveLength(0);
    // Parked: out of the due lookup while disabled.
    const [held] = await deliveries(t, key, hook.id);
    expect(held).toMatchObject({ status: 'PENDING', attemptCount: 0, nextAttemptAt: null });
    // Events that happen while it is disabled are not queued for it.
    await newKey(t, projectId, key);

    const enabled = await t.gql(UpdateWebhook, { id: hook.id, input: { enabled: true } }, key);
    expect(enabled.body.data?.updateWebhook?.enabled).toBe(true);
    await t.server.webhooks.deliverDue();
    expect(receiver.received).toHaveLength(1);
  });
});

describe('durability', () => {
  test('a restart mid-retry still delivers, with the same webhook-id', async () => {
    const clock = new FakeClock('2026-11-28T12:00:00.000Z');
    const receiver: Receiver = await startReceiver([500]);
    cleanups.push(receiver.close);
    const first = await startWebhookServer({ clock });
    const database = first.database;
    cleanups.push(database.drop);
    const { projectId, key } = await webhookProject(first);
    const hook = await registerWebhook(first, key, { url: receiver.url, events: ['key.created'] });
    await newKey(first, projectId, key);
    await first.server.webhooks.deliverDue();
    expect(receiver.received).toHaveLength(1);
    await first.server.close();

    const second = await startWebhookServer({ clock, database });
    cleanups.push(() => second.server.close());
    expect(await second.server.webhooks.deliverDue()).toBe(0);
    clock.advance(5 * SECOND);
    expect(await second.server.webhooks.deliverDue()).toBe(1);

    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]?.headers['webhook-id']).toBe(
      receiver.received[0]?.headers['webhook-id'],
    );
    const retried = receiver.received[1];
    if (retried === undefined) throw new Error('nothing received after the restart');
    expect(verifyWebhook(hook.secret, retried, clock.now())).toMatchObject({
      type: 'key.created',
    });
    const [delivery] = await deliveries(second, key, hook.id);
    expect(delivery).toMatchObject({ status: 'SUCCEEDED', attemptCount: 2 });
  });

  test('a delivery claimed by an instance that died is sent once its claim expires', async () => {
    const { t, receiver, projectId, key, hook } = await setUp();
    await newKey(t, projectId, key);
    // Another instance claimed the first attempt and died before recording it.
    const db = t.server.services.db;
    const leaseUntil = new Date(t.clock.now().getTime() + 40 * SECOND).toISOString();
    await db
      .updateTable('webhook_deliveries')
      .set({ lease_until: leaseUntil, attempts: 1, first_attempt_at: t.clock.now().toISOString() })
      .execute();

    expect(await t.server.webhooks.deliverDue()).toBe(0);
    t.clock.advance(39 * SECOND);
    expect(await t.server.webhooks.deliverDue()).toBe(0);
    t.clock.advance(SECOND);
    expect(await t.server.webhooks.deliverDue()).toBe(1);

    expect(receiver.received).toHaveLength(1);
    const [delivery] = await deliveries(t, key, hook.id);
    expect(delivery?.status).toBe('SUCCEEDED');
    expect(delivery?.attemptCount).toBe(2);
    expect(delivery?.attempts.map((a) => a.attempt)).toEqual([2]);
  });

  test('two instances on one database never send the same attempt twice', async () => {
    const { t, receiver, projectId, key } = await setUp();
    const other = await secondInstance(t);
    cleanups.push(() => other.server.close());
    for (let i = 0; i < 10; i++) await newKey(t, projectId, key);

    const [a, b] = await onTwoInstances(
      () => t.server.webhooks.deliverDue(),
      () => other.server.webhooks.deliverDue(),
    );

    expect(a + b).toBe(10);
    expect(receiver.received).toHaveLength(10);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(10);
  });

  test('closing the server waits for the delivery in flight', async () => {
    const { t, receiver, projectId, key, hook } = await setUp();
    await newKey(t, projectId, key);

    const pass = t.server.webhooks.deliverDue();
    await t.server.close();

    expect(await pass).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const rows = await t.database.open();
    try {
      const row = await rows
        .selectFrom('webhook_deliveries')
        .select(['status', 'webhook_id'])
        .executeTakeFirst();
      expect(row).toEqual({ status: 'SUCCEEDED', webhook_id: hook.id });
    } finally {
      await rows.destroy();
    }
  });
});

describe('slow receivers and shutdown', () => {
  test('closing with a receiver that never answers returns within 2 s, and after a restart every delivery arrives with the same webhook-id', async () => {
    const clock = new FakeClock('2026-11-28T12:00:00.000Z');
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    receiver.silent = true;
    // Passes run when the test says (no timer), so that the counts are exact.
    const manual = { KEYGATE_WEBHOOK_POLL_MS: '0' };
    const first = await startWebhookServer({ clock, env: manual });
    const database = first.database;
    cleanups.push(database.drop);
    const { projectId, key } = await webhookProject(first);
    const hook = await registerWebhook(first, key, { url: receiver.url, events: ['key.created'] });
    for (let i = 0; i < 45; i++) await newKey(first, projectId, key);

    const pass = first.server.webhooks.deliverDue();
    // At most 5 attempts in flight to one webhook.
    await eventually(() => receiver.received.length === 5);
    const started = performance.now();
    await first.server.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await pass).toBe(5);
    const cut = receiver.received.map((r) => r.headers['webhook-id']);

    receiver.silent = false;
    const second = await startWebhookServer({ clock, database, env: manual });
    cleanups.push(() => second.server.close());
    expect(await second.server.webhooks.deliverDue()).toBe(45);

    const after = receiver.received.slice(5).map((r) => r.headers['webhook-id']);
    expect(new Set(after).size).toBe(45);
    expect(after).toEqual(expect.arrayContaining(cut));
    const log = await second.gql(WebhookDeliveries, { id: hook.id, first: 50 }, key);
    const nodes = log.body.data?.webhook?.deliveries?.edges.map((e) => e.node) ?? [];
    expect(nodes).toHaveLength(45);
    expect(nodes.every((d) => d.status === 'SUCCEEDED')).toBe(true);
    const interrupted = nodes.filter((d) => d.attemptCount === 2);
    expect(interrupted.map((d) => d.eventId).sort()).toEqual([...cut].sort());
    for (const d of interrupted) {
      expect(d.attempts.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
        [1, null, INTERRUPTED],
        [2, 204, null],
      ]);
    }
  });

  test("a receiver that never answers holds only its own slots: another webhook's deliveries go out meanwhile", async () => {
    const silent = await startReceiver();
    cleanups.push(silent.close);
    silent.silent = true;
    const fast = await startReceiver();
    cleanups.push(fast.close);
    const t = await startWebhookServer({ env: { KEYGATE_WEBHOOK_POLL_MS: '0' } });
    cleanups.push(t.close);
    const a = await webhookProject(t, 'Slow');
    await registerWebhook(t, a.key, { url: silent.url, events: ['key.created'] });
    const b = await webhookProject(t, 'Quick');
    await registerWebhook(t, b.key, { url: fast.url, events: ['key.created'] });
    // More deliveries to the silent one than a whole batch, all due before the others.
    for (let i = 0; i < 25; i++) await newKey(t, a.projectId, a.key);
    t.clock.advance(SECOND);
    for (let i = 0; i < 3; i++) await newKey(t, b.projectId, b.key);

    const pass = t.server.webhooks.deliverDue();
    // The fast receiver gets its three while the silent one holds its five attempts.
    await eventually(() => fast.received.length === 3 && silent.received.length === 5);
    await t.server.close();

    expect(await pass).toBe(8);
    expect(silent.received).toHaveLength(5);
    const rows = await t.database.open();
    try {
      const slow = await rows
        .selectFrom('webhook_deliveries')
        .select(['status', 'attempts', 'last_error'])
        .where('project_id', '=', a.projectId)
        .execute();
      expect(slow.filter((r) => Number(r.attempts) === 1)).toEqual(
        Array(5).fill({ status: 'PENDING', attempts: 1, last_error: INTERRUPTED }),
      );
      expect(slow.filter((r) => Number(r.attempts) === 0)).toHaveLength(20);
      const quick = await rows
        .selectFrom('webhook_deliveries')
        .select('status')
        .where('project_id', '=', b.projectId)
        .execute();
      expect(quick).toEqual(Array(3).fill({ status: 'SUCCEEDED' }));
    } finally {
      await rows.destroy();
    }
  });
});

describe('retention', () => {
  test('deliveries older than KEYGATE_LOG_RETENTION_DAYS (30) are deleted with their attempts, a batch at a time', async () => {
    const receiver = await startReceiver([500]);
    cleanups.push(receiver.close);
    const t = await startWebhookServer({ env: { KEYGATE_WEBHOOK_POLL_MS: '0' } });
    cleanups.push(t.close);
    const { projectId, key } = await webhookProject(t);
    const hook = await registerWebhook(t, key, { url: receiver.url, events: ['key.created'] });
    await newKey(t, projectId, key);
    await t.server.webhooks.deliverDue();
    const db = t.server.services.db;
    // More than two batches, straight into the outbox.
    const at = t.clock.now().toISOString();
    for (let i = 0; i < 2 * PRUNE_BATCH + 100; i += 100) {
      await db
        .insertInto('webhook_deliveries')
        .values(
          Array.from({ length: 100 }, (_, j) => ({
            id: `whd_old${String(i + j).padStart(19, '0')}`,
            webhook_id: hook.id,
            project_id: projectId,
            event_id: `msg_old${String(i + j).padStart(19, '0')}`,
            event_type: 'key.created',
            payload: '{}',
            status: 'FAILED',
            attempts: 8,
            next_attempt_at: null,
            lease_until: null,
            first_attempt_at: at,
            last_status_code: 500,
            last_error: null,
            created_at: at,
            updated_at: at,
            delivered_at: null,
          })),
        )
        .execute();
    }
    const count = async (table: 'webhook_deliveries' | 'webhook_attempts') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    t.clock.advance(30 * 24 * HOUR - SECOND);
    await newKey(t, projectId, key);
    await t.server.webhooks.runChecks();
    expect(await count('webhook_deliveries')).toBe(2 * PRUNE_BATCH + 102);
    expect(await count('webhook_attempts')).toBe(1);

    t.clock.advance(2 * SECOND);
    await t.server.webhooks.runChecks();

    // Only the one queued 30 days later is left; the retried one went with its attempt.
    expect(await count('webhook_deliveries')).toBe(1);
    expect(await count('webhook_attempts')).toBe(0);
    const [left] = await deliveries(t, key, hook.id);
    expect(left).toMatchObject({ status: 'PENDING', attemptCount: 0 });
  });
});
