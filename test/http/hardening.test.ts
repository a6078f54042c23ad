import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const HardenReportLogs = graphql(`
  query HardenReportLogs($operationName: String) {
    requestLogs(filter: { operationName: $operationName }, first: 10) {
      edges {
        node {
          outcome
          httpStatus
          operationType
          keyId
        }
      }
    }
  }
`);

let t: TestServer;
let projectId: string;
beforeAll(async () => {
  t = await startTestServer({ env: { KEYGATE_PUBLIC_INTROSPECTION: 'true' } });
  projectId = await createProject(t);
});
afterAll(() => t.close());

const codeOf = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) =>
  res.body.errors?.[0]?.extensions?.code;

describe('hardening against hostile input', () => {
  test('a document nested thousands of levels deep is a 400 parse failure, not a 500', async () => {
    const deep = `${'['.repeat(3000)}1${']'.repeat(3000)}`;
    const res = await t.gql(
      `mutation { createKey(input: { name: "x", scopes: [], metadata: { a: ${deep} } }) { secret } }`,
      {},
      t.adminKey,
    );
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.body.errors?.[0]?.message).toContain('more than 100 levels deep');
  });

  test('a document of more than 2,000 tokens is a 400 parse failure', async () => {
    const fields = Array.from({ length: 1200 }, (_, i) => `a${i}: __typename`).join(' ');
    const res = await t.gql(`{ ${fields} }`, {}, t.adminKey);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.body.errors?.[0]?.message).toContain('more that 2000 tokens');
  });

  test('the same document without a key is a 401 even when introspection is public', async () => {
    const deep = '['.repeat(3000);
    const res = await t.gql(`query { __schema { description(x: ${deep}) } }`, {}, null);
    expect(res.status).toBe(401);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
  });

  test('JSON nested deeper than 32 levels is refused with BAD_USER_INPUT', async () => {
    const query =
      'mutation HardenDeepJson($m: JSON) { createKey(input: { name: "x", scopes: [], metadata: $m }) { secret } }';
    // Built as text: the test's own JSON.stringify would overflow on 20,000 levels.
    const body = `{"query":${JSON.stringify(query)},"variables":{"m":{"a":${'['.repeat(20_000)}1${']'.repeat(20_000)}}}}`;
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': t.adminKey },
      body,
    });
    const json = (await response.json()) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    expect(response.status).toBe(400);
    expect(json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(json.errors?.[0]?.message).toContain('at most 32 levels');
  });

  test('an impossible date is refused, not rolled over into the next month', async () => {
    const res = await t.gql(
      `mutation { createKey(input: { projectId: "${projectId}", name: "x", scopes: [], expiresAt: "2030-02-31T00:00:00Z" }) { secret } }`,
      {},
      t.adminKey,
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.body)).not.toContain('kg_');
    const csv = await fetch(
      `${t.url.replace('/graphql', '/reports/usage.csv')}?from=2026-13-01T00:00:00Z&to=2026-12-02T00:00:00Z`,
      { headers: { 'x-api-key': t.adminKey } },
    );
    expect(csv.status).toBe(400);
  });

  test('usage report downloads are metered like GraphQL requests, refusals included', async () => {
    const reporting = await createProject(t, { allowedScopes: ['usage:read'] });
    const { id, secret } = await createKey(t, { projectId: reporting, scopes: ['usage:read'] });
    const report = `${t.url.replace('/graphql', '/reports/usage.csv')}?from=2026-11-28T00:00:00Z&to=2026-11-29T00:00:00Z`;
    expect((await fetch(report, { headers: { 'x-api-key': secret } })).status).toBe(200);
    expect((await fetch(report, { headers: { 'x-api-key': 'kg_sk_live_nope' } })).status).toBe(401);
    await t.server.services.usage.flush();
    const logs = await t.gql(
      HardenReportLogs,
      { operationName: 'GET /reports/usage.csv' },
      t.adminKey,
    );
    const nodes = logs.body.data?.requestLogs?.edges.map((e) => e.node);
    // Newest first; the other tests' report calls (the 400 for an impossible date) come after.
    expect(nodes?.slice(0, 2)).toEqual([
      { outcome: 'UNAUTHENTICATED', httpStatus: 401, operationType: 'report', keyId: null },
      { outcome: 'OK', httpStatus: 200, operationType: 'report', keyId: id },
    ]);
  });
});
