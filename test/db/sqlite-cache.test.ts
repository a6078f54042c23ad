import { expect, test } from 'vitest';
import { sqliteOf } from '../../src/db/create-db.js';
import { TEST_DIALECT } from '../helpers/test-db.js';
import { startTestServer } from '../helpers/test-server.js';

// SQLite's page cache is the largest single piece of a server's memory with many keys
// stored; KEYGATE_SQLITE_CACHE_MB sizes it. PostgreSQL accepts the setting and has no such
// cache in our process.
test('KEYGATE_SQLITE_CACHE_MB sizes the page cache: 8 MiB by default, else as configured', async () => {
  for (const [env, kib] of [
    [{}, 8_192],
    [{ KEYGATE_SQLITE_CACHE_MB: '16' }, 16_384],
  ] as const) {
    const t = await startTestServer({ env });
    try {
      const sqlite = sqliteOf(t.server.services.db);
      // A negative cache_size is in KiB.
      if (TEST_DIALECT === 'sqlite')
        expect(sqlite?.pragma('cache_size', { simple: true })).toBe(-kib);
      else expect(sqlite).toBeUndefined();
      expect((await t.gql('{ viewer { scopes } }', {}, t.adminKey)).status).toBe(200);
    } finally {
      await t.close();
    }
  }
});
