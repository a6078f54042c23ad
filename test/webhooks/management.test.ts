import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { enqueueWebhookEvent } from '../../src/webhooks/webhook-events.js';
import { graphql } from '../gql/index.js';
import { contentsAtRest } from '../helpers/db-contents.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import {
  CreateWebhook,
  registerWebhook,
  startReceiver,
  startWebhookServer,
  verifyWebhook,
  WEBHOOK_SCOPES,
  WebhookDeliveries,
  webhookProject,
} from './webhook-helpers.js';

const GetWebhook = graphql(`
  query WebhookManageGet($id: ID!) {
    webhook(id: $id) {
      id
      projectId
      project {
        id
      }
      url
      events
      enabled
      createdAt
      updatedAt
    }
  }
`);

const ListWebhooks = graphql(`
  query WebhookManageList($projectId: ID, $first: Int, $after: String) {
    webhooks(projectId: $projectId, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          projectId
          url
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const UpdateWebhook = graphql(`
  mutation WebhookManageUpdate($id: ID!, $input: UpdateWebhookInput!) {
    updateWebhook(id: $id, input: $input) {
      id
      url
      events
      enabled
      updatedAt
    }
  }
`);

const DeleteWebhook = graphql(`
  mutation WebhookManageDelete($id: ID!) {
    deleteWebhook(id: $id) {
      deletedWebhookId
    }
  }
`);

const RotateSecret = graphql(`
  mutation WebhookManageRotate($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
    }
  }
`);

const AuditOf = graphql(`
  query WebhookManageAudit($targetId: ID!) {
    auditLog(filter: { targetId: $targetId }) {
      edges {
        node {
          action
          actorKeyId
          projectId
          details
        }
      }
    }
  }
`);

const SUPPORTED =
  'key.created, key.revoked, key.rotated, key.expiring, quota.threshold, anomaly.detected';

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const failure = (errors: Errors) =>
  errors?.map((e) => ({ code: e.extensions?.code, message: e.message }));

let t: TestServer;
let a: Awaited<ReturnType<typeof webhookProject>>;
let b: Awaited<ReturnType<typeof webhookProject>>;

beforeAll(async () => {
  t = await startWebhookServer();
  a = await webhookProject(t, 'A');
  b = await webhookProject(t, 'B');
});
afterAll(() => t.close());

describe('managing webhooks', () => {
  test('create, read, list, update and delete, each audited, with the secret only in the creating answer', async () => {
    const created = await t.gql(
      CreateWebhook,
      { input: { url: 'https://127.0.0.1:8443/in', events: ['key.revoked', 'key.created'] } },
      a.key,
    );
    expect(created.body.errors).toBeUndefined();
    const payload = created.body.data?.createWebhook;
    const id = payload?.webhook.id as string;
    const secret = payload?.secret as string;
    expect(id).toMatch(/^whk_[0-9A-Za-z]{22}$/);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    const at = t.clock.now().toISOString();
    expect(payload?.webhook).toEqual({
      id,
      projectId: a.projectId,
      url: 'https://127.0.0.1:8443/in',
      // Stored in the catalog's order, whatever order they were given in.
      events: ['key.created', 'key.revoked'],
      enabled: true,
      createdAt: at,
      updatedAt: at,
    });

    const read = await t.gql(GetWebhook, { id }, a.key);
    expect(read.body.data?.webhook).toEqual({
      ...payload?.webhook,
      project: { id: a.projectId },
    });

    t.clock.advance(1000);
    const updated = await t.gql(
      UpdateWebhook,
      {
        id,
        input: { url: 'https://127.0.0.1:9443/v2', events: ['quota.threshold'], enabled: false },
      },
      a.key,
    );
    expect(updated.body.data?.updateWebhook).toEqual({
      id,
      url: 'https://127.0.0.1:9443/v2',
      events: ['quota.threshold'],
      enabled: false,
      updatedAt: t.clock.now().toISOString(),
    });

    const rotated = await t.gql(RotateSecret, { id }, a.key);
    const rotatedSecret = rotated.body.data?.rotateWebhookSecret?.secret as string;
    expect(rotatedSecret).toMatch(/^whsec_/);

    const list = await t.gql(ListWebhooks, {}, a.key);
    const deleted = await t.gql(DeleteWebhook, { id }, a.key);
    expect(deleted.body.data?.deleteWebhook).toEqual({ deletedWebhookId: id });
    expect((await t.gql(GetWebhook, { id }, a.key)).body.data?.webhook).toBeNull();

    const audit = await t.gql(AuditOf, { targetId: id }, t.adminKey);
    const actions = audit.body.data?.auditLog?.edges.map((e) => e.node);
    expect(actions?.map((e) => e.action)).toEqual([
      'webhook.deleted',
      'webhook.secret_rotated',
      'webhook.updated',
      'webhook.created',
    ]);
    expect(actions?.every((e) => e.actorKeyId === a.keyId && e.projectId === a.projectId)).toBe(
      true,
    );
    expect(actions?.find((e) => e.action === 'webhook.updated')?.details).toEqual({
      before: {
        url: 'https://127.0.0.1:8443/in',
        events: ['key.created', 'key.revoked'],
        enabled: true,
      },
      after: { url: 'https://127.0.0.1:9443/v2', events: ['quota.threshold'], enabled: false },
    });

    // Nothing but createWebhook and rotateWebhookSecret ever answered with a secret.
    const elsewhere = JSON.stringify([
      read.body,
      updated.body,
      list.body,
      deleted.body,
      audit.body,
    ]);
    for (const s of [secret, rotatedSecret]) {
      expect(elsewhere).not.toContain(s.slice(6));
    }
  });

  test('webhooks lists newest first, a page at a time', async () => {
    const { projectId, key } = await webhookProject(t, 'Paged');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (await registerWebhook(t, key, { url: `https://127.0.0.1/${i}`, events: ['key.created'] }))
          .id,
      );
    }
    const first = await t.gql(ListWebhooks, { first: 2 }, key);
    const page1 = first.body.data?.webhooks;
    expect(page1?.edges.map((e) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql(ListWebhooks, { first: 2, after: page1?.pageInfo.endCursor }, key);
    expect(second.body.data?.webhooks?.edges.map((e) => e.node.id)).toEqual([ids[0]]);
    // An admin key sees them with the project named.
    const admin = await t.gql(ListWebhooks, { projectId }, t.adminKey);
    expect(admin.body.data?.webhooks?.edges.map((e) => e.node.id)).toEqual([...ids].reverse());
  });

  test('an admin key must name the project', async () => {
    const res = await t.gql(
      CreateWebhook,
      { input: { url: 'https://127.0.0.1/x', events: ['key.created'] } },
      t.adminKey,
    );
    expect(failure(res.body.errors)).toEqual([
      { code: 'BAD_USER_INPUT', message: 'projectId is required with an admin key' },
    ]);
    const named = await t.gql(
      CreateWebhook,
      { input: { projectId: a.projectId, url: 'https://127.0.0.1/x', events: ['key.created'] } },
      t.adminKey,
    );
    expect(named.body.data?.createWebhook?.webhook.projectId).toBe(a.projectId);
  });

  test('a project has at most 20 webhooks', async () => {
    const { key } = await webhookProject(t, 'Full');
    for (let i = 0; i < 20; i++) {
      await registerWebhook(t, key, { url: `https://127.0.0.1/${i}`, events: ['key.created'] });
    }
    const res = await t.gql(
      CreateWebhook,
      { input: { url: 'https://127.0.0.1/21', events: ['key.created'] } },
      key,
    );
    expect(failure(res.body.errors)?.[0]?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toMatch(/already has 20 webhooks/);
  });
});

describe('input validation', () => {
  test.each([
    [
      'a relative URL',
      'hooks/keygate',
      ['key.created'],
      'url must be an absolute URL, e.g. "https://example.com/webhooks/keygate"',
    ],
    ['ftp', 'ftp://127.0.0.1/x', ['key.created'], 'webhook url must use https'],
    [
      'credentials in the URL',
      'https://user:pw@127.0.0.1/x',
      ['key.created'],
      'webhook url must not contain credentials; verify the signature instead',
    ],
    [
      'a fragment',
      'https://127.0.0.1/x#frag',
      ['key.created'],
      'webhook url must not contain a fragment (#…)',
    ],
    [
      'a URL over 2048 characters',
      `https://127.0.0.1/${'a'.repeat(2040)}`,
      ['key.created'],
      'url must be at most 2048 characters',
    ],
    ['port 0', 'https://127.0.0.1:0/x', ['key.created'], 'webhook url must not use port 0'],
    ['no events', 'https://127.0.0.1/x', [], `events must name at least one of: ${SUPPORTED}`],
    [
      'an unknown event',
      'https://127.0.0.1/x',
      ['key.created', 'key.deleted'],
      `unknown event type "key.deleted"; one of: ${SUPPORTED}`,
    ],
  ])('%s is refused with BAD_USER_INPUT', async (_name, url, events, message) => {
    const res = await t.gql(CreateWebhook, { input: { url, events } }, a.key);
    expect(res.status).toBe(200);
    expect(res.body.data?.createWebhook).toBeNull();
    expect(failure(res.body.errors)).toEqual([{ code: 'BAD_USER_INPUT', message }]);
  });

  test('updateWebhook checks its input the same way and changes nothing when refused', async () => {
    const { id } = await registerWebhook(t, a.key, {
      url: 'https://127.0.0.1/keep',
      events: ['key.created'],
    });
    const res = await t.gql(
      UpdateWebhook,
      { id, input: { url: 'ftp://x', events: ['key.created'] } },
      a.key,
    );
    expect(failure(res.body.errors)).toEqual([
      { code: 'BAD_USER_INPUT', message: 'webhook url must use https' },
    ]);
    const bad = await t.gql(UpdateWebhook, { id, input: { events: ['nope'] } }, a.key);
    expect(failure(bad.body.errors)?.[0]?.code).toBe('BAD_USER_INPUT');
    const read = await t.gql(GetWebhook, { id }, a.key);
    expect(read.body.data?.webhook).toMatchObject({
      url: 'https://127.0.0.1/keep',
      events: ['key.created'],
    });
  });
});

describe('project isolation', () => {
  test("another project's webhook answers exactly like one that does not exist", async () => {
    const { id } = await registerWebhook(t, a.key, {
      url: 'https://127.0.0.1/a',
      events: ['key.created'],
    });
    const missing = `whk_${'0'.repeat(22)}`;
    const answers = async (target: string) => ({
      get: (await t.gql(GetWebhook, { id: target }, b.key)).body,
      update: (await t.gql(UpdateWebhook, { id: target, input: { enabled: false } }, b.key)).body,
      delete: (await t.gql(DeleteWebhook, { id: target }, b.key)).body,
      rotate: (await t.gql(RotateSecret, { id: target }, b.key)).body,
      deliveries: (await t.gql(WebhookDeliveries, { id: target }, b.key)).body,
    });
    const foreign = JSON.stringify(await answers(id)).replaceAll(id, 'ID');
    const absent = JSON.stringify(await answers(missing)).replaceAll(missing, 'ID');
    expect(foreign).toBe(absent);
    expect(JSON.parse(foreign).update.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(JSON.parse(foreign).get.data.webhook).toBeNull();

    // Untouched.
    const still = await t.gql(GetWebhook, { id }, a.key);
    expect(still.body.data?.webhook?.enabled).toBe(true);
  });

  test("a project key lists only its project's webhooks, and naming another project lists none", async () => {
    const mine = await registerWebhook(t, b.key, {
      url: 'https://127.0.0.1/b',
      events: ['key.created'],
    });
    const own = await t.gql(ListWebhooks, { first: 100 }, b.key);
    const ids = own.body.data?.webhooks?.edges.map((e) => e.node.id) ?? [];
    expect(ids).toContain(mine.id);
    expect(own.body.data?.webhooks?.edges.every((e) => e.node.projectId === b.projectId)).toBe(
      true,
    );
    const other = await t.gql(ListWebhooks, { projectId: a.projectId }, b.key);
    expect(other.body.data?.webhooks?.edges).toEqual([]);
  });

  test('creating a webhook for another project answers like a project that does not exist', async () => {
    const input = (projectId: string) => ({
      projectId,
      url: 'https://127.0.0.1/x',
      events: ['key.created'],
    });
    const foreign = await t.gql(CreateWebhook, { input: input(a.projectId) }, b.key);
    const missing = `prj_${'0'.repeat(22)}`;
    const absent = await t.gql(CreateWebhook, { input: input(missing) }, b.key);
    expect(failure(foreign.body.errors)).toEqual([
      { code: 'NOT_FOUND', message: `no project with id "${a.projectId}"` },
    ]);
    expect(failure(absent.body.errors)).toEqual([
      { code: 'NOT_FOUND', message: `no project with id "${missing}"` },
    ]);
  });
});

describe('scopes', () => {
  test('reading needs webhooks:read and changing needs webhooks:write', async () => {
    const projectId = await createProject(t, {
      name: 'Scoped',
      allowedScopes: ['keys:read', ...WEBHOOK_SCOPES],
    });
    const none = await createKey(t, { projectId, scopes: ['keys:read'] });
    const reader = await createKey(t, { projectId, scopes: ['webhooks:read'] });

    const list = await t.gql(ListWebhooks, {}, none.secret);
    expect(list.body.data?.webhooks).toBeNull();
    expect(list.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredScopes: ['webhooks:read'],
    });
    expect((await t.gql(ListWebhooks, {}, reader.secret)).body.errors).toBeUndefined();
    const create = await t.gql(
      CreateWebhook,
      { input: { url: 'https://127.0.0.1/x', events: ['key.created'] } },
      reader.secret,
    );
    expect(create.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredScopes: ['webhooks:write'],
    });
  });
});

describe('the scope of each event', () => {
  const refusal = (event: string, scope: string) => ({
    code: 'BAD_USER_INPUT',
    message: `subscribing to "${event}" needs the ${scope} scope, which this key may not use: a webhook carries only data its key could read`,
  });

  test('subscribing to an event needs the scope that reads its data, at creation and at every change of events or url', async () => {
    const projectId = await createProject(t, {
      name: 'Narrow',
      allowedScopes: ['keys:read', 'usage:read', ...WEBHOOK_SCOPES],
    });
    const keysOnly = (await createKey(t, { projectId, scopes: ['keys:read', 'webhooks:write'] }))
      .secret;
    const usageOnly = (await createKey(t, { projectId, scopes: ['usage:read', 'webhooks:write'] }))
      .secret;
    const create = (key: string, events: string[]) =>
      t.gql(CreateWebhook, { input: { url: 'https://127.0.0.1/n', events } }, key);

    for (const [key, events, event, scope] of [
      [keysOnly, ['key.created', 'anomaly.detected'], 'anomaly.detected', 'usage:read'],
      [keysOnly, ['quota.threshold'], 'quota.threshold', 'usage:read'],
      [usageOnly, ['quota.threshold', 'key.revoked'], 'key.revoked', 'keys:read'],
    ] as const) {
      const res = await create(key, [...events]);
      expect(res.body.data?.createWebhook).toBeNull();
      expect(failure(res.body.errors)).toEqual([refusal(event, scope)]);
    }
    const keysHook = (await create(keysOnly, ['key.created'])).body.data?.createWebhook?.webhook;
    const usageHook = (await create(usageOnly, ['quota.threshold', 'anomaly.detected'])).body.data
      ?.createWebhook?.webhook;
    expect(keysHook?.events).toEqual(['key.created']);
    expect(usageHook?.events).toEqual(['quota.threshold', 'anomaly.detected']);

    const widen = await t.gql(
      UpdateWebhook,
      { id: keysHook?.id as string, input: { events: ['key.created', 'quota.threshold'] } },
      keysOnly,
    );
    expect(failure(widen.body.errors)).toEqual([refusal('quota.threshold', 'usage:read')]);
    // Moving another key's webhook to one's own url would redirect its events.
    const moved = await t.gql(
      UpdateWebhook,
      { id: usageHook?.id as string, input: { url: 'https://127.0.0.1/mine' } },
      keysOnly,
    );
    expect(failure(moved.body.errors)).toEqual([refusal('quota.threshold', 'usage:read')]);
    // Pausing it carries no data anywhere.
    const paused = await t.gql(
      UpdateWebhook,
      { id: usageHook?.id as string, input: { enabled: false } },
      keysOnly,
    );
    expect(paused.body.data?.updateWebhook?.enabled).toBe(false);

    const read = async (id: string) => (await t.gql(GetWebhook, { id }, t.adminKey)).body.data;
    expect((await read(keysHook?.id as string))?.webhook?.events).toEqual(['key.created']);
    expect((await read(usageHook?.id as string))?.webhook?.url).toBe('https://127.0.0.1/n');
  });

  test("a delivery's payload reads as null for a key without the scope of the event's data", async () => {
    const { projectId, key } = await webhookProject(t, 'Payloads');
    // Created before the webhook: their own key.created is not in its log.
    const keysReader = await createKey(t, { projectId, scopes: ['webhooks:read', 'keys:read'] });
    const usageReader = await createKey(t, { projectId, scopes: ['webhooks:read', 'usage:read'] });
    const { id } = await registerWebhook(t, key, {
      url: 'https://127.0.0.1/p',
      events: ['key.created', 'anomaly.detected'],
    });
    await createKey(t, { projectId, scopes: ['products:read'] }, key);
    await enqueueWebhookEvent(t.server.services.db, {
      projectId,
      type: 'anomaly.detected',
      at: t.clock.now(),
      data: { anomalyId: 'anm_payload', evidence: { ips: ['203.0.113.77'] } },
    });
    const payloads = async (reader: string) => {
      const res = await t.gql(WebhookDeliveries, { id }, reader);
      expect(res.body.errors).toBeUndefined();
      const nodes = res.body.data?.webhook?.deliveries?.edges.map((e) => e.node) ?? [];
      return {
        json: JSON.stringify(res.body),
        seen: nodes
          .map((n) => [n.eventType, (n.payload as { type: string } | null)?.type ?? null])
          .sort(),
      };
    };

    const byKeys = await payloads(keysReader.secret);
    expect(byKeys.seen).toEqual([
      ['anomaly.detected', null],
      ['key.created', 'key.created'],
    ]);
    expect(byKeys.json).not.toContain('203.0.113.77');
    const byUsage = await payloads(usageReader.secret);
    expect(byUsage.seen).toEqual([
      ['anomaly.detected', 'anomaly.detected'],
      ['key.created', null],
    ]);
    expect(byUsage.json).toContain('203.0.113.77');
  });
});

describe('SSRF (KEYGATE_WEBHOOK_ALLOW_PRIVATE off)', () => {
  let strict: TestServer;
  let key: string;
  beforeAll(async () => {
    strict = await startTestServer();
    key = (await webhookProject(strict)).key;
  });
  afterAll(() => strict.close());

  const NON_PUBLIC =
    'webhook url must not point at a loopback, private, link-local or otherwise non-public address (KEYGATE_WEBHOOK_ALLOW_PRIVATE is off)';

  test.each([
    ['https://127.0.0.1/hook', NON_PUBLIC],
    ['https://localhost:8443/hook', NON_PUBLIC],
    ['https://10.0.0.5/hook', NON_PUBLIC],
    ['https://192.168.1.10/hook', NON_PUBLIC],
    ['https://169.254.169.254/latest/meta-data', NON_PUBLIC],
    ['https://[::1]/hook', NON_PUBLIC],
    ['https://[fd00::1]/hook', NON_PUBLIC],
    ['https://[::ffff:127.0.0.1]/hook', NON_PUBLIC],
    ['https://[::7f00:1]/hook', NON_PUBLIC],
    ['https://[::127.0.0.1]/hook', NON_PUBLIC],
    ['https://[::808:808]/hook', NON_PUBLIC],
    ['https://0.0.0.0/hook', NON_PUBLIC],
    ['http://203.0.113.7/hook', 'webhook url must use https'],
  ])('%s is refused', async (url, message) => {
    const res = await strict.gql(CreateWebhook, { input: { url, events: ['key.created'] } }, key);
    expect(failure(res.body.errors)).toEqual([{ code: 'BAD_USER_INPUT', message }]);
  });

  test('a public address is accepted, and cannot be changed to a private one', async () => {
    const { id } = await registerWebhook(strict, key, {
      url: 'https://93.184.215.14/hook',
      events: ['key.created'],
    });
    const res = await strict.gql(UpdateWebhook, { id, input: { url: 'https://10.1.2.3/' } }, key);
    expect(failure(res.body.errors)).toEqual([{ code: 'BAD_USER_INPUT', message: NON_PUBLIC }]);
  });

  test('at delivery the resolved address is checked again: a host that now resolves to loopback gets nothing', async () => {
    const receiver = await startReceiver();
    try {
      const { projectId, key: manager } = await webhookProject(strict, 'Rebind');
      const { id } = await registerWebhook(strict, manager, {
        url: 'https://93.184.215.14/hook',
        events: ['key.created'],
      });
      // The name was public when registered; its DNS now answers a loopback address.
      const port = new URL(receiver.url).port;
      await strict.server.services.db
        .updateTable('webhooks')
        .set({ url: `https://localhost:${port}/hooks/keygate` })
        .where('id', '=', id)
        .execute();
      await createKey(strict, { projectId, scopes: ['products:read'] }, manager);

      await strict.server.webhooks.deliverDue();

      expect(receiver.received).toHaveLength(0);
      const res = await strict.gql(WebhookDeliveries, { id }, manager);
      const delivery = res.body.data?.webhook?.deliveries?.edges[0]?.node;
      expect(delivery?.status).toBe('PENDING');
      expect(delivery?.lastError).toMatch(
        /^localhost resolves to (127\.0\.0\.1|::1): webhook url must not point at/,
      );
    } finally {
      await receiver.close();
    }
  });
});

describe('the signing secret at rest', () => {
  test('with KEYGATE_WEBHOOK_ENCRYPTION_KEY the database holds the secret only encrypted, and deliveries still verify', async () => {
    const receiver = await startReceiver();
    const sealed = await startWebhookServer({
      env: { KEYGATE_WEBHOOK_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') },
    });
    try {
      const { projectId, key } = await webhookProject(sealed);
      const hook = await registerWebhook(sealed, key, {
        url: receiver.url,
        events: ['key.created'],
      });
      await createKey(sealed, { projectId, scopes: ['products:read'] }, key);
      await sealed.server.webhooks.deliverDue();

      const message = receiver.received[0];
      if (message === undefined) throw new Error('nothing received');
      expect(verifyWebhook(hook.secret, message, sealed.clock.now())).toMatchObject({
        type: 'key.created',
      });
      const stored = await sealed.server.services.db
        .selectFrom('webhooks')
        .select('secret')
        .execute();
      expect(stored.map((r) => r.secret.slice(0, 7))).toEqual(['enc:v1:']);
      const raw = Buffer.from(hook.secret.slice(6), 'base64');
      for (const [file, bytes] of Object.entries(await contentsAtRest(sealed.database))) {
        for (const form of [hook.secret, hook.secret.slice(6), raw.toString('hex')]) {
          expect(bytes.includes(form), `${file} holds the webhook secret`).toBe(false);
        }
      }
    } finally {
      await sealed.close();
      await receiver.close();
    }
  });

  test('a secret encrypted with a key Keygate no longer has fails the attempt with a message naming no secret', async () => {
    const receiver = await startReceiver();
    const first = await startWebhookServer({
      env: { KEYGATE_WEBHOOK_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') },
    });
    const { projectId, key } = await webhookProject(first);
    const hook = await registerWebhook(first, key, { url: receiver.url, events: ['key.created'] });
    await first.server.close();
    const second = await startWebhookServer({
      database: first.database,
      clock: first.clock,
      env: { KEYGATE_WEBHOOK_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString('base64') },
    });
    try {
      await createKey(second, { projectId, scopes: ['products:read'] }, key);
      await second.server.webhooks.deliverDue();
      expect(receiver.received).toHaveLength(0);
      const res = await second.gql(WebhookDeliveries, { id: hook.id }, key);
      const delivery = res.body.data?.webhook?.deliveries?.edges[0]?.node;
      expect(delivery?.lastError).toBe(
        'the webhook secret cannot be decrypted: KEYGATE_WEBHOOK_ENCRYPTION_KEY is not the key it was encrypted with',
      );
      expect(JSON.stringify(res.body)).not.toContain(hook.secret.slice(6));
    } finally {
      await second.server.close();
      await first.database.drop();
      await receiver.close();
    }
  });
});
