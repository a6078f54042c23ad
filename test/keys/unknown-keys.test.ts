import { describe, expect, test } from 'vitest';
import { hashKey } from '../../src/keys/hash-key.js';
import { createMemoryKeyChangeBus } from '../../src/keys/key-change-bus.js';
import { generateKey, keyHint } from '../../src/keys/key-format.js';
import { newId } from '../../src/lib/ids.js';
import { renameTable } from '../helpers/db-faults.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// A well-formed key (valid format and checksum) that is not stored costs one database lookup
// and is then refused from memory, whatever address it comes from: a flood of such keys
// cannot keep the database busy.

const PING = 'query UnknownKeysPing { __typename }';

const statusOf = async (t: TestServer, key: string) => (await t.gql(PING, {}, key)).status;

/** Takes the keys table away from the running server (another connection): a lookup gets 503. */
async function withoutKeysTable(t: TestServer, run: () => Promise<void>): Promise<void> {
  const other = t.database.open();
  await renameTable(other, 'api_keys', 'api_keys_offline');
  try {
    await run();
  } finally {
    await renameTable(other, 'api_keys_offline', 'api_keys');
    await other.destroy();
  }
}

describe('a well-formed unknown key', () => {
  test('is looked up in the database once a minute, not on every request', async () => {
    const t = await startTestServer();
    try {
      const unknown = generateKey('SECRET', 'LIVE');
      const refused = await t.gql(PING, {}, unknown);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      await withoutKeysTable(t, async () => {
        // Refused without the database (a lookup would fail: 503)…
        expect(await statusOf(t, unknown)).toBe(401);
        t.clock.advance(59_999);
        expect(await statusOf(t, unknown)).toBe(401);
        // …until a minute after the lookup: then it is asked again.
        t.clock.advance(1);
        expect(await statusOf(t, unknown)).toBe(503);
      });
      expect(await statusOf(t, unknown)).toBe(401);
    } finally {
      await t.close();
    }
  });

  test('works on the very next request once a key with its digest is created', async () => {
    const bus = createMemoryKeyChangeBus();
    const t = await startTestServer({ bus });
    try {
      const projectId = await createProject(t, { plan: 'PRO' });
      const genuine = await createKey(t, { projectId, scopes: ['products:read'] });
      const secret = generateKey('SECRET', 'LIVE');
      expect(await statusOf(t, secret)).toBe(401);

      // Another instance stores a key with this secret (the same settings as a genuine one)…
      const other = t.database.open();
      try {
        const row = await other
          .selectFrom('api_keys')
          .selectAll()
          .where('id', '=', genuine.id)
          .executeTakeFirstOrThrow();
        await other
          .insertInto('api_keys')
          .values({
            ...row,
            id: newId('key'),
            name: 'made elsewhere',
            digest: hashKey(secret),
            hint: keyHint(secret),
          })
          .execute();
      } finally {
        await other.destroy();
      }
      // …which this one does not know of until the creation is announced on the bus…
      expect(await statusOf(t, secret)).toBe(401);
      await bus.publish({ created: hashKey(secret) });
      // …and then at once, with no time passing.
      expect(await statusOf(t, secret)).toBe(200);
    } finally {
      await t.close();
    }
  });

  test('is looked up again after a second while changes of other instances may be missed', async () => {
    const t = await startTestServer({ bus: createMemoryKeyChangeBus({ coherent: false }) });
    try {
      const unknown = generateKey('SECRET', 'LIVE');
      expect(await statusOf(t, unknown)).toBe(401);
      await withoutKeysTable(t, async () => {
        t.clock.advance(999);
        expect(await statusOf(t, unknown)).toBe(401);
        t.clock.advance(1);
        expect(await statusOf(t, unknown)).toBe(503);
      });
    } finally {
      await t.close();
    }
  });
});
