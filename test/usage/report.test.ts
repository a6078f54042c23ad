import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateKey } from '../../src/keys/key-format.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Products = graphql(`
  query ReportProducts {
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
  query ReportCustomers {
    customers(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const Viewer = graphql(`
  query ReportViewer {
    viewer {
      key {
        id
      }
    }
  }
`);

const RevokeKey = graphql(`
  mutation ReportRevoke($id: ID!) {
    revokeKey(id: $id) {
      status
    }
  }
`);

const HEADER = 'bucket,project_id,key_id,key_name,outcome,requests,denied,cost';
const WWW_AUTHENTICATE = 'ApiKey realm="keygate", header="X-API-Key"';
const MISSING =
  'missing API key: send it in the X-API-Key header or as Authorization: Bearer <key>';
const SCOPES = ['products:read', 'customers:read', 'usage:read'];
const DENIED = new Set([
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'KEY_REVOKED',
  'KEY_EXPIRED',
  'ORIGIN_NOT_ALLOWED',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'COST_LIMIT_EXCEEDED',
]);

type Key = { id: string; secret: string };

/** One request the tests sent, as the report should count it. */
interface Sent {
  at: string;
  projectId: string | null;
  keyId: string | null;
  keyName: string | null;
  outcome: string;
  cost: number;
}

/**
 * What each document costs: products/customers(first: 1) are 1 + 1 × node 1, viewer { key }
 * is 1 + 1. A request refused before it is parsed, or one that does not parse, costs 0.
 */
const COSTS = new Map<unknown, number>([
  [Products, 2],
  [Customers, 2],
  [Viewer, 2],
]);

let t: TestServer;
let origin: string;
let projectA: string;
let projectB: string;
let aReader: Key;
let aWorker: Key;
let aDoomed: Key;
let aPlain: Key;
let aExpiring: Key;
let bReader: Key;
let bWorker: Key;
const unknownKey = generateKey('SECRET', 'LIVE');
const sent: Sent[] = [];
const secrets: string[] = [unknownKey];

/** A name that a spreadsheet would run as a formula, with a comma and quotes in it. */
const FORMULA_NAME = '=1+2,"=cmd"';

/** RFC 4180: fields separated by `,`, records by CRLF, `"` quoting with `""` inside. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record has no CRLF');
  return records;
}

async function report(params: Record<string, string>, headers: Record<string, string>) {
  const res = await fetch(`${origin}/reports/usage.csv?${new URLSearchParams(params)}`, {
    headers,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const asKey = (key: string) => ({ 'x-api-key': key });

/** Sends one request at the clock's time and notes how the report must count it. */
async function send<T, V>(
  key: string | null,
  document: TypedDocumentNode<T, V> | string,
  expected: { outcome: string; owner: { id: string; name: string; projectId: string } | null },
  status: number,
): Promise<void> {
  const res = await t.gql(document, {} as V, key);
  expect(res.status).toBe(status);
  let cost = 0;
  if (status === 200) {
    cost = COSTS.get(document) as number;
    // every key here is of a FREE project
    expect(res.body.extensions).toEqual({ cost: { requestedQueryCost: cost, maxCost: 500 } });
  } else {
    expect(res.body.extensions).toBeUndefined();
  }
  sent.push({
    at: t.clock.now().toISOString(),
    projectId: expected.owner?.projectId ?? null,
    keyId: expected.owner?.id ?? null,
    keyName: expected.owner?.name ?? null,
    outcome: expected.outcome,
    cost,
  });
}

/** A key name as a spreadsheet-safe CSV cell reads once parsed. */
const defused = (name: string | null) =>
  name === null ? '' : /^[=+\-@]/.test(name) ? `'${name}` : name;

/** The rows a report over `sent` must hold, computed independently of the server. */
function expectedRows(options: {
  projectId?: string;
  from: string;
  to: string;
  granularity: 'HOUR' | 'DAY';
}): string[][] {
  const groups = new Map<string, { cells: string[]; requests: number; cost: number }>();
  for (const s of sent) {
    if (options.projectId !== undefined && s.projectId !== options.projectId) continue;
    const hour = `${s.at.slice(0, 13)}:00:00.000Z`;
    const start =
      options.granularity === 'HOUR'
        ? `${options.from.slice(0, 13)}:00:00.000Z`
        : `${options.from.slice(0, 10)}T00:00:00.000Z`;
    if (hour < start || hour >= new Date(options.to).toISOString()) continue;
    const bucket = options.granularity === 'HOUR' ? hour : `${s.at.slice(0, 10)}T00:00:00.000Z`;
    const cells = [bucket, s.projectId ?? '', s.keyId ?? '', defused(s.keyName), s.outcome];
    const id = cells.join('\u0000');
    const group = groups.get(id) ?? { cells, requests: 0, cost: 0 };
    group.requests += 1;
    group.cost += s.cost;
    groups.set(id, group);
  }
  const cmp = (a: string[], b: string[]) => {
    for (const i of [0, 1, 2, 4]) {
      const x = a[i] as string;
      const y = b[i] as string;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  return [...groups.values()]
    .map(({ cells, requests, cost }) => [
      ...cells,
      String(requests),
      String(DENIED.has(cells[4] as string) ? requests : 0),
      String(cost),
    ])
    .sort(cmp);
}

beforeAll(async () => {
  t = await startTestServer();
  origin = new URL(t.url).origin;
  t.clock.set('2026-11-20T08:00:00.000Z');
  projectA = await createProject(t, { name: 'Report A', allowedScopes: SCOPES });
  projectB = await createProject(t, { name: 'Report B', allowedScopes: SCOPES });
  aReader = await createKey(t, { projectId: projectA, scopes: ['usage:read'], name: '@reader' });
  aWorker = await createKey(t, {
    projectId: projectA,
    scopes: ['products:read'],
    name: FORMULA_NAME,
  });
  aDoomed = await createKey(t, {
    projectId: projectA,
    scopes: ['usage:read', 'products:read'],
    name: 'doomed',
  });
  aPlain = await createKey(t, {
    projectId: projectA,
    scopes: ['products:read'],
    name: 'billing, "eu"',
  });
  aExpiring = await createKey(t, {
    projectId: projectA,
    scopes: ['usage:read'],
    name: 'short-lived',
    expiresAt: '2026-11-21T00:00:00.000Z',
  });
  bReader = await createKey(t, { projectId: projectB, scopes: ['usage:read'], name: 'b reader' });
  bWorker = await createKey(t, {
    projectId: projectB,
    scopes: ['products:read'],
    name: 'b worker',
  });
  secrets.push(
    ...[aReader, aWorker, aDoomed, aPlain, aExpiring, bReader, bWorker].map((k) => k.secret),
  );
  const revoked = await t.gql(RevokeKey, { id: aDoomed.id }, t.adminKey);
  expect(revoked.body.data?.revokeKey?.status).toBe('REVOKED');

  const owner = (key: Key, name: string, projectId: string) => ({ id: key.id, name, projectId });
  const worker = owner(aWorker, FORMULA_NAME, projectA);
  const ok = { outcome: 'OK', owner: worker };

  // Before the range of the day reports: not counted there.
  t.clock.set('2026-11-27T23:59:00.000Z');
  await send(aWorker.secret, Products, ok, 200);

  t.clock.set('2026-11-28T10:15:00.000Z');
  for (let i = 0; i < 3; i++) await send(aWorker.secret, Products, ok, 200);
  await send(aWorker.secret, Customers, { outcome: 'FORBIDDEN', owner: worker }, 200);
  await send(
    aDoomed.secret,
    Products,
    { outcome: 'KEY_REVOKED', owner: owner(aDoomed, 'doomed', projectA) },
    401,
  );
  await send(
    aPlain.secret,
    Products,
    { outcome: 'OK', owner: owner(aPlain, 'billing, "eu"', projectA) },
    200,
  );

  t.clock.set('2026-11-28T11:40:00.000Z');
  for (let i = 0; i < 2; i++) await send(aWorker.secret, Products, ok, 200);
  await send(aWorker.secret, '{ products { ', { outcome: 'ERROR', owner: worker }, 400);
  await send(
    aReader.secret,
    Viewer,
    { outcome: 'OK', owner: owner(aReader, '@reader', projectA) },
    200,
  );

  t.clock.set('2026-11-29T09:05:00.000Z');
  await send(aWorker.secret, Products, ok, 200);
  for (let i = 0; i < 2; i++) {
    await send(
      bWorker.secret,
      Products,
      { outcome: 'OK', owner: owner(bWorker, 'b worker', projectB) },
      200,
    );
  }
  await send(unknownKey, Products, { outcome: 'UNAUTHENTICATED', owner: null }, 401);
  await send(null, Products, { outcome: 'UNAUTHENTICATED', owner: null }, 401);

  // `to` is exclusive: not counted in reports up to 2026-11-30.
  t.clock.set('2026-11-30T00:00:00.000Z');
  await send(aWorker.secret, Products, ok, 200);

  await t.server.services.usage.flush();
  t.clock.set('2026-12-01T00:00:00.000Z');
}, 60_000);

afterAll(() => t.close());

const DAYS = { from: '2026-11-28T00:00:00Z', to: '2026-11-30T00:00:00Z' };

describe('GET /reports/usage.csv', () => {
  test('a project key with usage:read gets its own project per day, key and outcome, in order', async () => {
    const res = await report(DAYS, asKey(aReader.secret));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="keygate-usage-20261128T000000Z-20261130T000000Z.csv"',
    );
    const d28 = '2026-11-28T00:00:00.000Z';
    const d29 = '2026-11-29T00:00:00.000Z';
    const a = projectA;
    const worker = `'${FORMULA_NAME}`;
    expect(parseCsv(res.text)).toEqual([
      HEADER.split(','),
      [d28, a, aReader.id, "'@reader", 'OK', '1', '0', '2'],
      [d28, a, aWorker.id, worker, 'ERROR', '1', '0', '0'],
      [d28, a, aWorker.id, worker, 'FORBIDDEN', '1', '1', '2'],
      [d28, a, aWorker.id, worker, 'OK', '5', '0', '10'],
      [d28, a, aDoomed.id, 'doomed', 'KEY_REVOKED', '1', '1', '0'],
      [d28, a, aPlain.id, 'billing, "eu"', 'OK', '1', '0', '2'],
      [d29, a, aWorker.id, worker, 'OK', '1', '0', '2'],
    ]);
    // The same rows, computed from the requests sent.
    expect(parseCsv(res.text).slice(1)).toEqual(
      expectedRows({ projectId: projectA, ...DAYS, granularity: 'DAY' }),
    );
  });

  test('the body is RFC 4180 with CRLF line endings, and dangerous key names are quoted and defused', async () => {
    const res = await report(DAYS, asKey(aReader.secret));
    expect(res.text.startsWith(`${HEADER}\r\n`)).toBe(true);
    expect(res.text.endsWith('\r\n')).toBe(true);
    expect(res.text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const lines = res.text.split('\r\n');
    expect(lines).toContain(
      `2026-11-28T00:00:00.000Z,${projectA},${aWorker.id},"'=1+2,""=cmd""",OK,5,0,10`,
    );
    expect(lines).toContain(`2026-11-28T00:00:00.000Z,${projectA},${aReader.id},'@reader,OK,1,0,2`);
    expect(lines).toContain(
      `2026-11-28T00:00:00.000Z,${projectA},${aPlain.id},"billing, ""eu""",OK,1,0,2`,
    );
    // No cell starts with a formula character once parsed.
    for (const row of parseCsv(res.text)) expect(row[3]).not.toMatch(/^[=+\-@]/);
  });

  test('the report is streamed in chunks, not sent with a length, and has a request id', async () => {
    const res = await report(DAYS, asKey(aReader.secret));
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('keygate-request-id')).toMatch(/^req_[0-9A-Za-z]{22}$/);
  });

  test('granularity HOUR gives one row per hour; an hour counts when it starts in [floor(from), to)', async () => {
    const res = await report(
      { from: '2026-11-28T10:30:00Z', to: '2026-11-28T12:00:00Z', granularity: 'HOUR' },
      asKey(aReader.secret),
    );
    expect(res.status).toBe(200);
    const h10 = '2026-11-28T10:00:00.000Z';
    const h11 = '2026-11-28T11:00:00.000Z';
    const a = projectA;
    const worker = `'${FORMULA_NAME}`;
    expect(parseCsv(res.text)).toEqual([
      HEADER.split(','),
      [h10, a, aWorker.id, worker, 'FORBIDDEN', '1', '1', '2'],
      [h10, a, aWorker.id, worker, 'OK', '3', '0', '6'],
      [h10, a, aDoomed.id, 'doomed', 'KEY_REVOKED', '1', '1', '0'],
      [h10, a, aPlain.id, 'billing, "eu"', 'OK', '1', '0', '2'],
      [h11, a, aReader.id, "'@reader", 'OK', '1', '0', '2'],
      [h11, a, aWorker.id, worker, 'ERROR', '1', '0', '0'],
      [h11, a, aWorker.id, worker, 'OK', '2', '0', '4'],
    ]);
  });

  test('an admin key sees every project, and the requests without a project, matching the traffic sent', async () => {
    const res = await report(DAYS, asKey(t.adminKey));
    expect(res.status).toBe(200);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(HEADER.split(','));
    expect(rows.slice(1)).toEqual(expectedRows({ ...DAYS, granularity: 'DAY' }));
    // Requests without a key are counted without a project or key.
    expect(rows).toContainEqual([
      '2026-11-29T00:00:00.000Z',
      '',
      '',
      '',
      'UNAUTHENTICATED',
      '2',
      '2',
      '0',
    ]);
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set(['', projectA, projectB]));

    const hours = await report({ ...DAYS, granularity: 'HOUR' }, asKey(t.adminKey));
    expect(parseCsv(hours.text).slice(1)).toEqual(expectedRows({ ...DAYS, granularity: 'HOUR' }));
  });

  test('an admin key narrows the report to one project with projectId', async () => {
    const res = await report({ ...DAYS, projectId: projectB }, asKey(t.adminKey));
    expect(res.status).toBe(200);
    expect(parseCsv(res.text)).toEqual([
      HEADER.split(','),
      ['2026-11-29T00:00:00.000Z', projectB, bWorker.id, 'b worker', 'OK', '2', '0', '4'],
    ]);
  });

  test('a project key naming a foreign project gets the header row alone, exactly like a missing project', async () => {
    const foreign = await report({ ...DAYS, projectId: projectB }, asKey(aReader.secret));
    const missing = await report(
      { ...DAYS, projectId: 'prj_0000000000000000000000' },
      asKey(aReader.secret),
    );
    const own = await report({ ...DAYS, projectId: projectA }, asKey(aReader.secret));
    expect(foreign.status).toBe(200);
    expect(foreign.text).toBe(`${HEADER}\r\n`);
    expect(missing.status).toBe(200);
    expect(missing.text).toBe(foreign.text);
    expect(missing.headers.get('content-type')).toBe(foreign.headers.get('content-type'));
    // Naming its own project is the same as naming none.
    const implicit = await report(DAYS, asKey(aReader.secret));
    expect(own.text).toBe(implicit.text);
    // Project B's reader sees B only.
    const b = await report(DAYS, asKey(bReader.secret));
    expect(parseCsv(b.text).slice(1)).toEqual(
      expectedRows({ projectId: projectB, ...DAYS, granularity: 'DAY' }),
    );
  });

  test('a range with no traffic is the header row alone', async () => {
    const res = await report(
      { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' },
      asKey(t.adminKey),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe(`${HEADER}\r\n`);
  });

  test('the report never contains a secret', async () => {
    const res = await report(
      { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' },
      asKey(t.adminKey),
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain(aWorker.id);
    for (const secret of [...secrets, t.adminKey]) {
      expect(res.text).not.toContain(secret.replace(/^kg_[a-z]{2}_[a-z]{4}_/, ''));
    }
  });

  test('the report pages through more than a thousand rows in exact order', async () => {
    const project = await createProject(t, { name: 'Report paging', allowedScopes: SCOPES });
    const first = await createKey(t, { projectId: project, scopes: ['products:read'], name: 'p1' });
    const second = await createKey(t, {
      projectId: project,
      scopes: ['products:read'],
      name: 'p2',
    });
    const reader = await createKey(t, { projectId: project, scopes: ['usage:read'], name: 'pr' });
    const start = Date.parse('2026-10-01T00:00:00.000Z');
    const hours = 520;
    for (let h = 0; h < hours; h++) {
      t.clock.set(new Date(start + h * 3_600_000 + 60_000));
      const [a, b] = await Promise.all([
        t.gql(Products, {}, first.secret),
        t.gql(Products, {}, second.secret),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
    }
    await t.server.services.usage.flush();
    t.clock.set('2026-12-01T00:00:00.000Z');

    const res = await report(
      { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z', granularity: 'HOUR' },
      asKey(reader.secret),
    );
    expect(res.status).toBe(200);
    const expected = [HEADER];
    for (let h = 0; h < hours; h++) {
      const bucket = new Date(start + h * 3_600_000).toISOString();
      expected.push(`${bucket},${project},${first.id},p1,OK,1,0,2`);
      expected.push(`${bucket},${project},${second.id},p2,OK,1,0,2`);
    }
    expect(res.text).toBe(`${expected.join('\r\n')}\r\n`);
  }, 120_000);
});

describe('GET /reports/usage.csv refusals', () => {
  const refusal = async (res: Awaited<ReturnType<typeof report>>) => ({
    status: res.status,
    contentType: res.headers.get('content-type'),
    wwwAuthenticate: res.headers.get('www-authenticate'),
    body: JSON.parse(res.text) as unknown,
  });

  test('no key is 401 UNAUTHENTICATED with WWW-Authenticate, like GraphQL', async () => {
    expect(await refusal(await report(DAYS, {}))).toEqual({
      status: 401,
      contentType: 'application/json; charset=utf-8',
      wwwAuthenticate: WWW_AUTHENTICATE,
      body: { errors: [{ message: MISSING, extensions: { code: 'UNAUTHENTICATED' } }] },
    });
  });

  test('malformed, unknown and non-Bearer keys are 401 UNAUTHENTICATED with one answer', async () => {
    const invalid = {
      status: 401,
      contentType: 'application/json; charset=utf-8',
      wwwAuthenticate: WWW_AUTHENTICATE,
      body: { errors: [{ message: 'invalid API key', extensions: { code: 'UNAUTHENTICATED' } }] },
    };
    expect(await refusal(await report(DAYS, asKey('garbage')))).toEqual(invalid);
    expect(await refusal(await report(DAYS, asKey(unknownKey)))).toEqual(invalid);
    const typo = `${aReader.secret.slice(0, -1)}${aReader.secret.endsWith('a') ? 'b' : 'a'}`;
    expect(await refusal(await report(DAYS, asKey(typo)))).toEqual(invalid);
    expect(await refusal(await report(DAYS, { authorization: `Basic ${aReader.secret}` }))).toEqual(
      invalid,
    );
  });

  test('the key is accepted from Authorization: Bearer too', async () => {
    const bearer = await report(DAYS, { authorization: `Bearer ${aReader.secret}` });
    const header = await report(DAYS, asKey(aReader.secret));
    expect(bearer.status).toBe(200);
    expect(bearer.text).toBe(header.text);
  });

  test('a revoked key is 401 KEY_REVOKED and an expired one 401 KEY_EXPIRED', async () => {
    expect(await refusal(await report(DAYS, asKey(aDoomed.secret)))).toEqual({
      status: 401,
      contentType: 'application/json; charset=utf-8',
      wwwAuthenticate: WWW_AUTHENTICATE,
      body: {
        errors: [{ message: 'this API key has been revoked', extensions: { code: 'KEY_REVOKED' } }],
      },
    });
    t.clock.set('2026-12-01T00:00:00.000Z');
    expect(await refusal(await report(DAYS, asKey(aExpiring.secret)))).toEqual({
      status: 401,
      contentType: 'application/json; charset=utf-8',
      wwwAuthenticate: WWW_AUTHENTICATE,
      body: {
        errors: [{ message: 'this API key has expired', extensions: { code: 'KEY_EXPIRED' } }],
      },
    });
  });

  test('a key without usage:read is 403 FORBIDDEN naming the scope', async () => {
    expect(await refusal(await report(DAYS, asKey(aWorker.secret)))).toEqual({
      status: 403,
      contentType: 'application/json; charset=utf-8',
      wwwAuthenticate: null,
      body: {
        errors: [
          {
            message: 'not allowed to read usage reports: the key does not hold "usage:read"',
            extensions: { code: 'FORBIDDEN', requiredScopes: ['usage:read'] },
          },
        ],
      },
    });
  });

  test.each([
    [{ to: DAYS.to }, '"from" is required'],
    [{ from: DAYS.from }, '"to" is required'],
    [{ from: '2026-11-28', to: DAYS.to }, '"from" must be an ISO-8601 date and time'],
    [{ from: DAYS.from, to: '2026-11-30T00:00:00' }, '"to" must be an ISO-8601 date and time'],
    [{ from: DAYS.from, to: '2026-13-45T00:00:00Z' }, '"to" must be an ISO-8601 date and time'],
    [{ ...DAYS, granularity: 'WEEK' }, '"granularity" must be HOUR or DAY'],
    [{ ...DAYS, granularity: '' }, '"granularity" must be HOUR or DAY'],
    [{ from: DAYS.to, to: DAYS.from }, 'must be later than "from"'],
    [{ from: DAYS.from, to: DAYS.from }, 'must be later than "from"'],
    [
      { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:01Z', granularity: 'HOUR' },
      'a HOUR usage report covers at most 31 days',
    ],
    [
      { from: '2025-11-28T00:00:00Z', to: '2026-11-30T00:00:00Z', granularity: 'DAY' },
      'a DAY usage report covers at most 366 days',
    ],
  ])('%j is 400 BAD_USER_INPUT', async (params, message) => {
    const res = await report(params as Record<string, string>, asKey(aReader.secret));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(res.text) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(body.errors[0]?.message).toContain(message);
  });

  test('ranges at the limits are accepted: 31 days by hour, 366 days by day', async () => {
    const hours = await report(
      { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z', granularity: 'HOUR' },
      asKey(aReader.secret),
    );
    const days = await report(
      { from: '2025-11-30T00:00:00Z', to: '2026-12-01T00:00:00Z', granularity: 'DAY' },
      asKey(aReader.secret),
    );
    expect(hours.status).toBe(200);
    expect(days.status).toBe(200);
    expect(parseCsv(days.text).slice(1)).toEqual(
      expectedRows({
        projectId: projectA,
        from: '2025-11-30T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
        granularity: 'DAY',
      }),
    );
  });

  test('methods other than GET are 405', async () => {
    const res = await fetch(`${origin}/reports/usage.csv?${new URLSearchParams(DAYS)}`, {
      method: 'POST',
      headers: asKey(aReader.secret),
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});
