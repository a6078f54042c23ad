import type { Actor } from '../../src/authz/actor.js';
import { ALL_SCOPES, type Scope } from '../../src/authz/scopes.js';
import type { Context, Services } from '../../src/context.js';
import { KeyCache } from '../../src/keys/key-cache.js';
import { verifyKey } from '../../src/keys/verify-key.js';
import { createLedgerLoaders } from '../../src/ledger/ledger-loaders.js';

/**
 * For the targets without Keygate's plugins (plain, keygate-bare): the bench key is verified
 * once, here, and every request gets a context holding that key record, an actor of its
 * project holding all scopes, and fresh DataLoaders.
 */
export async function verifiedContext(services: Services, key: string): Promise<() => Context> {
  const verified = await verifyKey(
    {
      db: services.db,
      cache: new KeyCache({ ttlMs: 0 }),
      clock: services.clock,
      plans: services.plans,
    },
    key,
  );
  if (!verified.ok) throw new Error(`the bench key does not verify: ${verified.code}`);
  const auth = verified.key;
  const projectId = auth.project?.id;
  if (projectId === undefined) throw new Error('the bench key belongs to no project');
  const all: ReadonlySet<Scope> = new Set(ALL_SCOPES);
  const actor: Actor = { keyId: auth.key.id, projectId, isAdmin: false, held: all, ip: null };
  return () => ({
    requestId: '',
    ip: null,
    auth,
    grants: all,
    actor,
    services,
    loaders: createLedgerLoaders(services.db, projectId),
  });
}
