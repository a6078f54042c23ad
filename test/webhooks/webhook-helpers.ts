import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { expect, vi } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject, LEDGER_SCOPES } from '../helpers/fixtures.js';
import { TEST_DIALECT } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** One request the receiver got. */
export interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Statuses to answer with, in order; after them (or with none left) 204. */
  answers: number[];
  /** While true, requests are recorded and never answered (a receiver that hangs). */
  silent: boolean;
  /** The bodies received, parsed. */
  events(): { type: string; timestamp: string; data: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** A real HTTP receiver on 127.0.0.1 (a free port) that records every request. */
export async function startReceiver(answers: number[] = []): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Receiver = {
    url: '',
    received,
    answers: [...answers],
    silent: false,
    events: () => received.map((r) => JSON.parse(r.body)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: flatHeaders(req.headers),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (receiver.silent) return;
      res.statusCode = receiver.answers.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/keygate`;
  return receiver;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Verifies a received message with the `standardwebhooks` package (not Keygate's signing
 * code) as a receiver would at `now`: it checks the signature and that webhook-timestamp is
 * within 5 minutes of its clock, so its clock is set to `now` (the server's fake clock).
 * Throws when it does not verify; returns the parsed body.
 */
export function verifyWebhook(secret: string, message: Received, now: Date): unknown {
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(now);
    return new StandardWebhook(secret).verify(message.body, message.headers);
  } finally {
    vi.useRealTimers();
  }
}

export const WEBHOOK_SCOPES = ['webhooks:read', 'webhooks:write'];

/** A server whose webhooks may reach the local receiver (private networks allowed). */
export function startWebhookServer(
  options: Parameters<typeof startTestServer>[0] = {},
): Promise<TestServer> {
  return startTestServer({
    ...options,
    env: { KEYGATE_WEBHOOK_ALLOW_PRIVATE: 'true', ...options.env },
  });
}

/**
 * A project allowing the webhook scopes, and a key of it holding them, keys:write and
 * usage:read (the scopes of every event's data).
 */
export async function webhookProject(
  t: TestServer,
  name = 'Hooked',
): Promise<{ projectId: string; key: string; keyId: string }> {
  const projectId = await createProject(t, {
    name,
    allowedScopes: [
      ...LEDGER_SCOPES,
      'keys:read',
      'keys:write',
      'audit:read',
      'usage:read',
      ...WEBHOOK_SCOPES,
    ],
  });
  const key = await createKey(t, {
    projectId,
    name: 'manager',
    scopes: [
      'keys:read',
      'keys:write',
      'audit:read',
      'usage:read',
      'products:read',
      ...WEBHOOK_SCOPES,
    ],
  });
  return { projectId, key: key.secret, keyId: key.id };
}

export const CreateWebhook = graphql(`
  mutation WebhookHelperCreate($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
        projectId
        url
        events
        enabled
        createdAt
        updatedAt
      }
    }
  }
`);

/** Registers `url` for `events` with `key`; returns its id and secret. */
export async function registerWebhook(
  t: TestServer,
  key: string,
  input: { url: string; events: string[]; projectId?: string },
): Promise<{ id: string; secret: string }> {
  const res = await t.gql(CreateWebhook, { input }, key);
  expect(res.body.errors).toBeUndefined();
  const payload = res.body.data?.createWebhook;
  return { id: payload?.webhook.id as string, secret: payload?.secret as string };
}

export const WebhookDeliveries = graphql(`
  query WebhookHelperDeliveries($id: ID!, $status: WebhookDeliveryStatus, $first: Int) {
    webhook(id: $id) {
      id
      deliveries(status: $status, first: $first) {
        edges {
          node {
            id
            eventId
            eventType
            payload
            status
            attemptCount
            lastStatusCode
            lastError
            nextAttemptAt
            createdAt
            deliveredAt
            attempts {
              attempt
              at
              statusCode
              error
              durationMs
            }
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`);

/**
 * A second instance on `t`'s database and clock. It sends nothing on its own timer
 * (KEYGATE_WEBHOOK_POLL_MS=0): the test says when.
 */
export async function secondInstance(t: TestServer): Promise<TestServer> {
  return startWebhookServer({
    clock: t.clock,
    database: t.database,
    env: { KEYGATE_WEBHOOK_POLL_MS: '0' },
  });
}

/**
 * Runs `a` and `b` as two instances would: at once on PostgreSQL; on SQLite one after the
 * other, since two instances of one SQLite file in one process share a thread and
 * better-sqlite3 waits for a lock synchronously (the holder could never finish; separate
 * processes just wait their turn).
 */
export async function onTwoInstances<T>(a: () => Promise<T>, b: () => Promise<T>): Promise<[T, T]> {
  if (TEST_DIALECT === 'postgres') return Promise.all([a(), b()]);
  const first = await a();
  return [first, await b()];
}

/** Resolves once `done()` holds, checking every 10 ms; fails after `ms` (real time). */
export async function eventually(done: () => boolean, ms = 3_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
