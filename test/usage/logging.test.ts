import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateKey } from '../../src/keys/key-format.js';
import { createLogger } from '../../src/lib/logger.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Products = graphql(`
  query LogsProducts {
    products(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const Customers = graphql(`
  query LogsCustomers {
    customers(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const CreateProduct = graphql(`
  mutation LogsCreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
    }
  }
`);

const RevokeKey = graphql(`
  mutation LogsRevoke($id: ID!) {
    revokeKey(id: $id) {
      status
    }
  }
`);

/** Every line the server's logger wrote, as written. */
const lines: string[] = [];
const collector = {
  write(line: string) {
    lines.push(line);
  },
};

type Line = Record<string, unknown>;
const parsed = (): Line[] => lines.map((line) => JSON.parse(line) as Line);
const requestLines = (requestId: string) =>
  parsed().filter((l) => l.msg === 'request' && l.requestId === requestId);

let t: TestServer;
let projectId: string;
let worker: { id: string; secret: string };
let doomed: { id: string; secret: string };
const secrets: string[] = [];

/** A real server logging at info level into `lines` through the production logger. */
const startLoggedServer = () => startTestServer({ logger: createLogger('info', collector) });

beforeAll(async () => {
  t = await startLoggedServer();
  secrets.push(t.adminKey);
  projectId = await createProject(t, {
    name: 'Logs',
    allowedScopes: ['products:read', 'products:write', 'customers:read', 'usage:read'],
  });
  worker = await createKey(t, {
    projectId,
    scopes: ['products:read', 'products:write'],
    name: 'worker',
  });
  doomed = await createKey(t, { projectId, scopes: ['products:read'], name: 'doomed' });
  secrets.push(worker.secret, doomed.secret);
  const revoked = await t.gql(RevokeKey, { id: doomed.id }, t.adminKey);
  expect(revoked.body.data?.revokeKey?.status).toBe('REVOKED');
});

afterAll(() => t.close());

/** The one request line of a response, without its time and duration (checked for shape). */
function lineOf(res: { headers: Headers }): Line {
  const requestId = res.headers.get('keygate-request-id') as string;
  expect(requestId).toMatch(/^req_[0-9A-Za-z]{22}$/);
  const found = requestLines(requestId);
  expect(found).toHaveLength(1);
  const { time, durationMs, ...rest } = found[0] as Line;
  expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(typeof durationMs).toBe('number');
  expect(durationMs as number).toBeGreaterThanOrEqual(0);
  return rest;
}

describe('request log lines', () => {
  test('an answered query logs one JSON line with ids, operation, outcome, status and duration', async () => {
    const res = await t.gql(Products, {}, worker.secret);
    expect(res.status).toBe(200);
    expect(lineOf(res)).toEqual({
      level: 'info',
      msg: 'request',
      requestId: res.headers.get('keygate-request-id'),
      keyId: worker.id,
      projectId,
      operationName: 'LogsProducts',
      operationType: 'query',
      outcome: 'OK',
      status: 200,
    });
  });

  test('a mutation is logged with its operation type', async () => {
    const res = await t.gql(
      CreateProduct,
      { input: { name: 'Widget', priceCents: 100, currency: 'EUR' } },
      worker.secret,
    );
    expect(res.status).toBe(200);
    expect(lineOf(res)).toMatchObject({
      keyId: worker.id,
      operationName: 'LogsCreateProduct',
      operationType: 'mutation',
      outcome: 'OK',
      status: 200,
    });
  });

  test('a field denied by scope is logged as FORBIDDEN with status 200', async () => {
    const res = await t.gql(Customers, {}, worker.secret);
    expect(res.status).toBe(200);
    expect(lineOf(res)).toEqual({
      level: 'info',
      msg: 'request',
      requestId: res.headers.get('keygate-request-id'),
      keyId: worker.id,
      projectId,
      operationName: 'LogsCustomers',
      operationType: 'query',
      outcome: 'FORBIDDEN',
      status: 200,
    });
  });

  test('a syntax error is logged as ERROR with status 400', async () => {
    const res = await t.gql('query LogsBroken { products { ', {}, worker.secret);
    expect(res.status).toBe(400);
    expect(lineOf(res)).toEqual({
      level: 'info',
      msg: 'request',
      requestId: res.headers.get('keygate-request-id'),
      keyId: worker.id,
      projectId,
      operationName: null,
      operationType: null,
      outcome: 'ERROR',
      status: 400,
    });
  });

  test('a request without a key is logged as UNAUTHENTICATED 401 with no key or project', async () => {
    const res = await t.gql(Products, {}, null);
    expect(res.status).toBe(401);
    expect(lineOf(res)).toEqual({
      level: 'info',
      msg: 'request',
      requestId: res.headers.get('keygate-request-id'),
      keyId: null,
      projectId: null,
      operationName: null,
      operationType: null,
      outcome: 'UNAUTHENTICATED',
      status: 401,
    });
  });

  test('a revoked key is logged as KEY_REVOKED against its key and project', async () => {
    const res = await t.gql(Products, {}, doomed.secret);
    expect(res.status).toBe(401);
    expect(lineOf(res)).toEqual({
      level: 'info',
      msg: 'request',
      requestId: res.headers.get('keygate-request-id'),
      keyId: doomed.id,
      projectId,
      operationName: null,
      operationType: null,
      outcome: 'KEY_REVOKED',
      status: 401,
    });
  });

  test('health checks log no request line; usage reports log one like a GraphQL request', async () => {
    const before = parsed().filter((l) => l.msg === 'request').length;
    const origin = new URL(t.url).origin;
    const health = await fetch(`${origin}/health`);
    const csv = await fetch(
      `${origin}/reports/usage.csv?from=2026-11-28T00:00:00Z&to=2026-11-29T00:00:00Z`,
      { headers: { 'x-api-key': t.adminKey } },
    );
    expect(health.status).toBe(200);
    expect(csv.status).toBe(200);
    await csv.text();
    const after = parsed().filter((l) => l.msg === 'request');
    expect(after).toHaveLength(before + 1);
    expect(after[after.length - 1]).toMatchObject({
      requestId: csv.headers.get('keygate-request-id'),
      operationName: 'GET /reports/usage.csv',
      operationType: 'report',
      outcome: 'OK',
      status: 200,
    });
  });

  test('no line contains a secret or a header, even for requests with bad keys', async () => {
    const unknown = generateKey('SECRET', 'LIVE');
    const typo = `${worker.secret.slice(0, -1)}${worker.secret.endsWith('a') ? 'b' : 'a'}`;
    secrets.push(unknown, typo);
    const attempts: [Record<string, string>, number][] = [
      [{ 'x-api-key': unknown }, 401],
      [{ 'x-api-key': typo }, 401],
      [{ 'x-api-key': 'garbage' }, 401],
      [{ 'x-api-key': doomed.secret }, 401],
      [{ authorization: `Bearer ${unknown}` }, 401],
      [{ authorization: `Basic ${worker.secret}` }, 401],
      [{ authorization: `Bearer ${worker.secret}` }, 200],
      [{ 'x-api-key': worker.secret }, 200],
    ];
    for (const [headers, status] of attempts) {
      const res = await t.gql(Products, {}, null, headers);
      expect(res.status).toBe(status);
      expect(requestLines(res.headers.get('keygate-request-id') as string)).toHaveLength(1);
    }
    const output = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(attempts.length);
    for (const secret of secrets) {
      expect(output).not.toContain(secret.replace(/^kg_[a-z]{2}_[a-z]{4}_/, ''));
    }
    expect(output).not.toContain('garbage');
    expect(output.toLowerCase()).not.toContain('x-api-key');
    expect(output.toLowerCase()).not.toContain('authorization');
  });

  test('every line the server wrote is one JSON object with a level, a time and a message', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      const entry = JSON.parse(line) as Line;
      expect(typeof entry.level).toBe('string');
      expect(typeof entry.time).toBe('string');
      expect(typeof entry.msg).toBe('string');
    }
  });
});

describe('the logger', () => {
  test('redacts the paths that could carry a key', () => {
    const written: string[] = [];
    const logger = createLogger('info', { write: (line: string) => written.push(line) });
    const secret = generateKey('SECRET', 'LIVE');
    logger.info({
      msg: 'incoming',
      req: { headers: { 'x-api-key': secret, authorization: `Bearer ${secret}`, accept: '*/*' } },
      headers: { 'x-api-key': secret, authorization: `Bearer ${secret}` },
      payload: { secret, id: 'key_1' },
      secret,
    });
    expect(written).toHaveLength(1);
    expect(written[0]).not.toContain(secret.slice(11));
    const { time, ...entry } = JSON.parse(written[0] as string) as Line;
    expect(typeof time).toBe('string');
    expect(entry).toEqual({
      level: 'info',
      msg: 'incoming',
      req: {
        headers: { 'x-api-key': '[Redacted]', authorization: '[Redacted]', accept: '*/*' },
      },
      headers: { 'x-api-key': '[Redacted]', authorization: '[Redacted]' },
      payload: { secret: '[Redacted]', id: 'key_1' },
      secret: '[Redacted]',
    });
  });

  test('formats text messages and logs errors with their message', () => {
    const written: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => written.push(line) });
    logger.debug('flushed %d events', 3);
    logger.warn('usage buffer full');
    logger.error(new Error('disk full'));
    const entries = written.map((line) => {
      const { time, err, ...rest } = JSON.parse(line) as Line;
      return { ...rest, err: (err as { message?: string } | undefined)?.message };
    });
    expect(entries).toEqual([
      { level: 'debug', msg: 'flushed 3 events', err: undefined },
      { level: 'warn', msg: 'usage buffer full', err: undefined },
      { level: 'error', msg: 'disk full', err: 'disk full' },
    ]);
  });

  test('respects the level, and silent writes nothing', () => {
    const written: string[] = [];
    const write = { write: (line: string) => written.push(line) };
    const warn = createLogger('warn', write);
    warn.debug('no');
    warn.info({ msg: 'no' });
    warn.warn('yes');
    const silent = createLogger('silent', write);
    silent.error('no');
    silent.info({ msg: 'request' });
    expect(written.map((line) => (JSON.parse(line) as Line).msg)).toEqual(['yes']);
  });
});
