import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateKey } from '../../src/keys/key-format.js';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Ping = graphql(`
  query BadInputPing {
    __typename
  }
`);

const NamedKey = graphql(`
  mutation BadInputNamedKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      key {
        id
        name
        metadata
      }
    }
  }
`);

const ProjectNamed = graphql(`
  mutation BadInputProject($name: String!) {
    createProject(input: { name: $name, allowedScopes: ["products:read"] }) {
      name
    }
  }
`);

const Invoices = graphql(`
  query BadInputInvoices($first: Int) {
    invoices(first: $first) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

let t: TestServer;
let projectId: string;
let key: string;
beforeAll(async () => {
  t = await startTestServer({ env: { KEYGATE_AUTH_FAILURES_PER_MINUTE: '1000' } });
  projectId = await createProject(t, { plan: 'PRO' });
  key = (await createKey(t, { projectId, scopes: ['invoices:read'] })).secret;
});
afterAll(() => t.close());

/** Sends raw bytes over TCP and returns the status line's code. */
function rawStatus(bytes: string): Promise<number> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('bad keys: every one a 4xx with a code, never a 5xx', () => {
  const valid = () => key;
  const cases: [string, () => string][] = [
    ['empty', () => ''],
    ['huge', () => `kg_sk_live_${'a'.repeat(8000)}`],
    ['unicode', () => 'kg_sk_live_ünïcødé🔑'],
    ['wrong prefix', () => valid().replace('kg_sk_', 'kg_xx_')],
    ['wrong checksum', () => `${valid().slice(0, -1)}${valid().endsWith('A') ? 'B' : 'A'}`],
    ['valid-looking but unknown', () => generateKey('SECRET', 'LIVE')],
    ['SQL', () => "' OR 1=1 --"],
  ];
  for (const [label, make] of cases) {
    test(`${label} key → 401 UNAUTHENTICATED`, async () => {
      const presented = make();
      const res = await fetch(t.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': Buffer.from(presented, 'utf8').toString('latin1'),
        },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });
  }

  test('a NUL byte in the key header is refused by the HTTP parser with 400', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const status = await rawStatus(
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-API-Key: kg_sk_live_a\u0000b\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(status).toBe(400);
  });
});

describe('hostile names and metadata are stored and returned verbatim', () => {
  test('SQL metacharacters and unicode', async () => {
    const name = 'Robert\'); DROP TABLE api_keys;-- ☃ 名前 "quoted" \\ back';
    const metadata = {
      note: "1' OR '1'='1",
      emoji: '🔑',
      nested: { sql: 'DELETE FROM projects;' },
    };
    const created = await t.gql(
      NamedKey,
      { input: { projectId, name, scopes: ['invoices:read'], metadata } },
      t.adminKey,
    );
    expect(created.body.data?.createKey?.key).toMatchObject({ name, metadata });
    const project = await t.gql(ProjectNamed, { name }, t.adminKey);
    expect(project.body.data?.createProject?.name).toBe(name);
    expect((await t.gql(Ping, {}, key)).status).toBe(200);
  });
});

describe('malformed requests', () => {
  const post = (body: string) =>
    fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        'x-api-key': key,
      },
      body,
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { errors?: { extensions?: { code?: string } }[] },
    }));

  test('invalid JSON is a 400', async () => {
    const res = await post('{"query": "{ __typename }"');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBeTypeOf('string');
  });

  test('variables of the wrong type are a 400 naming the variable', async () => {
    const res = await post(
      JSON.stringify({
        query: 'query Q($first: Int) { invoices(first: $first) { edges { cursor } } }',
        variables: { first: 'ten' },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBeTypeOf('string');
  });

  test('an unknown operation name is a 400', async () => {
    const res = await post(JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }));
    expect(res.status).toBe(400);
  });

  test('first: 99999999 is refused with BAD_USER_INPUT, never clamped', async () => {
    const res = await t.gql(Invoices, { first: 99_999_999 }, key);
    expect(res.body.data?.invoices).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toBe('"first" must be between 0 and 100, got 99999999');
  });
});
