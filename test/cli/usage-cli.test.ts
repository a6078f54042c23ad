import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateKey } from '../../src/keys/key-format.js';
import { graphql } from '../gql/index.js';
import { isCreated } from '../helpers/db-contents.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { createTestDatabase } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { keygateEnv, killLeftovers, runKeygate } from './keygate-process.js';

const Products = graphql(`
  query UsageCliProducts {
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
  query UsageCliCustomers {
    customers(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const HEADER = 'bucket,project_id,key_id,key_name,outcome,requests,denied,cost';
const SCOPES = ['products:read', 'customers:read', 'usage:read'];
const RANGE = ['--from', '2026-11-28T00:00:00Z', '--to', '2026-11-30T00:00:00Z'];

let t: TestServer;
let p1: string;
let p2: string;
let k1: { id: string; secret: string };
let k2: { id: string; secret: string };
let k3: { id: string; secret: string };
const cleanups: (() => Promise<void>)[] = [];

/** `keygate usage <args>` on the test server's database. */
const usage = (args: string[]) => runKeygate(['usage', ...args], keygateEnv(t.database.env));

/**
 * Traffic through a real server, flushed to its database, which the CLI then reads:
 * project 1 has two keys (one named like a formula), project 2 one, plus a keyless request.
 */
beforeAll(async () => {
  // Flushed only when the test says so: report requests are metered too, and the comparison
  // of the route with the CLI must not see one of them land in between.
  t = await startTestServer({ env: { KEYGATE_USAGE_FLUSH_MS: '60000' } });
  t.clock.set('2026-11-20T08:00:00.000Z');
  p1 = await createProject(t, { name: 'CLI one', allowedScopes: SCOPES });
  p2 = await createProject(t, { name: 'CLI two', allowedScopes: SCOPES });
  k1 = await createKey(t, { projectId: p1, scopes: ['products:read'], name: 'cli one' });
  k2 = await createKey(t, { projectId: p1, scopes: ['products:read'], name: '-dash' });
  k3 = await createKey(t, { projectId: p2, scopes: ['products:read'], name: 'cli three' });

  t.clock.set('2026-11-28T09:10:00.000Z');
  // Each request costs 2: products(first: 1) is 1 + 1 × (node 1); the 401 costs nothing.
  const first = await t.gql(Products, {}, k1.secret);
  expect(first.status).toBe(200);
  expect(first.body.extensions).toEqual({ cost: { requestedQueryCost: 2, maxCost: 500 } });
  expect((await t.gql(Products, {}, k1.secret)).status).toBe(200);
  expect((await t.gql(Customers, {}, k2.secret)).status).toBe(200);
  t.clock.set('2026-11-28T15:30:00.000Z');
  expect((await t.gql(Products, {}, k3.secret)).status).toBe(200);
  expect((await t.gql(Products, {}, generateKey('SECRET', 'LIVE'))).status).toBe(401);
  t.clock.set('2026-11-29T01:00:00.000Z');
  expect((await t.gql(Products, {}, k1.secret)).status).toBe(200);
  await t.server.services.usage.flush();
}, 60_000);

afterAll(async () => {
  killLeftovers();
  await t.close();
  for (const cleanup of cleanups) await cleanup();
});

describe('keygate usage', { timeout: 60_000 }, () => {
  test('--format csv prints one project per day, key and outcome, CRLF-terminated', async () => {
    const res = await usage(['--project', p1, ...RANGE, '--format', 'csv']);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(
      [
        HEADER,
        `2026-11-28T00:00:00.000Z,${p1},${k1.id},cli one,OK,2,0,4`,
        `2026-11-28T00:00:00.000Z,${p1},${k2.id},'-dash,FORBIDDEN,1,1,2`,
        `2026-11-29T00:00:00.000Z,${p1},${k1.id},cli one,OK,1,0,2`,
        '',
      ].join('\r\n'),
    );
  });

  test('--format json prints the same rows as an array of objects', async () => {
    const res = await usage(['--project', p1, ...RANGE, '--format', 'json']);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    const rows = [
      {
        bucket: '2026-11-28T00:00:00.000Z',
        projectId: p1,
        keyId: k1.id,
        keyName: 'cli one',
        outcome: 'OK',
        requests: 2,
        denied: 0,
        cost: 4,
      },
      {
        bucket: '2026-11-28T00:00:00.000Z',
        projectId: p1,
        keyId: k2.id,
        keyName: '-dash',
        outcome: 'FORBIDDEN',
        requests: 1,
        denied: 1,
        cost: 2,
      },
      {
        bucket: '2026-11-29T00:00:00.000Z',
        projectId: p1,
        keyId: k1.id,
        keyName: 'cli one',
        outcome: 'OK',
        requests: 1,
        denied: 0,
        cost: 2,
      },
    ];
    expect(JSON.parse(res.stdout)).toEqual(rows);
    expect(res.stdout).toBe(`[\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`);
  });

  test('without --project every project is reported, and requests without one, by hour', async () => {
    const res = await usage([...RANGE, '--granularity', 'HOUR', '--format', 'csv']);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        HEADER,
        `2026-11-28T09:00:00.000Z,${p1},${k1.id},cli one,OK,2,0,4`,
        `2026-11-28T09:00:00.000Z,${p1},${k2.id},'-dash,FORBIDDEN,1,1,2`,
        '2026-11-28T15:00:00.000Z,,,,UNAUTHENTICATED,1,1,0',
        `2026-11-28T15:00:00.000Z,${p2},${k3.id},cli three,OK,1,0,2`,
        `2026-11-29T01:00:00.000Z,${p1},${k1.id},cli one,OK,1,0,2`,
        '',
      ].join('\r\n'),
    );
  });

  test('the csv is byte for byte the body of GET /reports/usage.csv for an admin key', async () => {
    const origin = new URL(t.url).origin;
    const compare = async (granularity: string) => {
      const query = new URLSearchParams({
        from: '2026-11-28T00:00:00Z',
        to: '2026-11-30T00:00:00Z',
        granularity,
      });
      const route = await fetch(`${origin}/reports/usage.csv?${query}`, {
        headers: { 'x-api-key': t.adminKey },
      });
      const cli = await usage([...RANGE, '--granularity', granularity]);
      return { status: route.status, code: cli.code, same: cli.stdout === (await route.text()) };
    };
    expect(await Promise.all([compare('DAY'), compare('HOUR')])).toEqual([
      { status: 200, code: 0, same: true },
      { status: 200, code: 0, same: true },
    ]);
  });

  test('a range without traffic prints the header alone, or an empty array', async () => {
    const range = ['--from', '2026-06-01T00:00:00Z', '--to', '2026-06-02T00:00:00Z'];
    const [csv, json] = await Promise.all([usage(range), usage([...range, '--format', 'json'])]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(`${HEADER}\r\n`);
    expect(json.code).toBe(0);
    expect(json.stdout).toBe('[]\n');
  });

  test.concurrent.for([
    [['--to', '2026-11-30T00:00:00Z'], '"from" is required'],
    [['--from', 'yesterday', '--to', '2026-11-30T00:00:00Z'], '"from" must be an ISO-8601'],
    [[...RANGE, '--granularity', 'WEEK'], '"granularity" must be HOUR or DAY'],
    [[...RANGE, '--format', 'xml'], '--format must be csv or json'],
    [[...RANGE, '--project', ''], '--project needs a project id'],
    [[...RANGE, '--nope'], "Unknown option '--nope'"],
    [[...RANGE, 'extra'], 'extra'],
    [
      ['--from', '2026-10-01T00:00:00Z', '--to', '2026-11-30T00:00:00Z', '--granularity', 'HOUR'],
      'a HOUR usage report covers at most 31 days',
    ],
    [['--from', '2026-11-30T00:00:00Z', '--to', '2026-11-28T00:00:00Z'], 'must be later'],
  ] as const)(
    'usage %j exits 2 with the usage text and touches no database',
    async ([args, message], { expect }) => {
      const database = await createTestDatabase();
      cleanups.push(database.drop);
      const res = await runKeygate(['usage', ...args], keygateEnv(database.env));
      expect(res.code).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr).toContain(message);
      expect(res.stderr).toContain('usage: keygate <command>');
      expect(res.stderr).toContain('usage --from ISO --to ISO');
      expect(await isCreated(database)).toBe(false);
    },
  );
});
