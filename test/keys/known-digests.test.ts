import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { KnownDigests } from '../../src/keys/known-digests.js';
import { openDatabase } from '../../src/server.js';

const digest = () => createHash('sha256').update(randomBytes(32)).digest('hex');

// The filter of stored digests is a pure data structure over the keys table (empty here): what
// is added is always "might exist", and a digest never added almost never is.
test('the digest filter keeps every added digest and refuses others (no false positive in 200,000)', async () => {
  const db = await openDatabase(loadConfig({ KEYGATE_DB: ':memory:' }));
  try {
    const filter = new KnownDigests();
    expect(filter.ready).toBe(false);
    expect(filter.mightExist(digest())).toBe(true); // not loaded: the database decides
    await filter.load(db);
    expect(filter.ready).toBe(true);
    const added = Array.from({ length: 200_000 }, digest);
    for (const d of added) filter.add(d);
    expect(added.every((d) => filter.mightExist(d))).toBe(true);
    // 200,000 of its 1,048,576-key capacity at 20 bits a key and 7 hashes: ~5e-9 each.
    const others = Array.from({ length: 200_000 }, digest);
    expect(others.filter((d) => filter.mightExist(d)).length).toBe(0);
  } finally {
    await db.destroy();
  }
});
