import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateKey } from '../../src/keys/key-format.js';
import { keygateEnv, runKeygate } from '../cli/keygate-process.js';
import { graphql } from '../gql/index.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// A key created by `keygate admin-key create` (another process) is announced over Redis:
// a running instance learns its digest at once, so even an ip its brute-force limiter has
// blocked (where unknown digests are refused without the database) can use it.

const AnnouncePing = graphql(`
  query AnnouncePing {
    __typename
  }
`);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { KEYGATE_TRUST_PROXY: 'true' } });
});
afterAll(() => t?.close());

test('an admin key made by the CLI works at once on a running instance, even from a blocked ip', async () => {
  const ip = '203.0.113.9';
  const from = (key: string) => t.gql(AnnouncePing, {}, key, { 'x-forwarded-for': ip });
  for (let i = 0; i < 30; i++) expect((await from(generateKey('SECRET', 'LIVE'))).status).toBe(401);
  const blocked = await from(generateKey('SECRET', 'LIVE'));
  expect(blocked.status).toBe(429);

  const made = await runKeygate(
    ['admin-key', 'create', '--name', 'ops'],
    keygateEnv({ ...t.database.env, KEYGATE_LOG_LEVEL: 'silent' }),
  );
  expect(made.code).toBe(0);
  expect(made.stderr).toBe('');
  const secret = made.stdout.trim();
  expect(secret).toMatch(/^kg_ak_live_[0-9A-Za-z]{49}$/);

  const res = await from(secret);
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual({ __typename: 'Query' });
});
