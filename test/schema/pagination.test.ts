import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const PageKeys = graphql(`
  query PageKeys($first: Int, $after: String) {
    keys(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
    }
  }
`);

const PageAudit = graphql(`
  query PageAudit {
    auditLog(first: 1) {
      pageInfo {
        endCursor
      }
    }
  }
`);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const projectId = await createProject(t);
  for (let i = 0; i < 3; i++) await createKey(t, { projectId, scopes: ['products:read'] });
});
afterAll(() => t.close());

const codeOf = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) =>
  res.body.errors?.[0]?.extensions?.code;

describe('pagination', () => {
  test('first: 0 returns no edges but still says whether there is a next page', async () => {
    const res = await t.gql(PageKeys, { first: 0 }, t.adminKey);
    expect(res.body.data?.keys?.edges).toEqual([]);
    expect(res.body.data?.keys?.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      endCursor: null,
    });
  });

  test('a forged cursor with no id is refused with BAD_USER_INPUT', async () => {
    const forged = Buffer.from('c1:').toString('base64url');
    const res = await t.gql(PageKeys, { first: 1, after: forged }, t.adminKey);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.body.data?.keys).toBeNull();
  });

  test("a cursor of another list (the audit log's) is refused on keys", async () => {
    const audit = await t.gql(PageAudit, {}, t.adminKey);
    const cursor = audit.body.data?.auditLog?.pageInfo.endCursor as string;
    expect(cursor).toBeTruthy();
    const res = await t.gql(PageKeys, { first: 1, after: cursor }, t.adminKey);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
  });

  test('walking the pages visits every key once, newest first', async () => {
    const page = async (after: string | null) =>
      (await t.gql(PageKeys, { first: 2, after }, t.adminKey)).body.data?.keys;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const keys = await page(after);
      seen.push(...(keys?.edges.map((e) => e.node.id) ?? []));
      if (!keys?.pageInfo.hasNextPage) break;
      after = keys.pageInfo.endCursor ?? null;
    }
    expect(seen).toHaveLength(4); // 3 project keys + the bootstrap admin key
    expect([...seen].sort().reverse()).toEqual(seen);
  });
});
