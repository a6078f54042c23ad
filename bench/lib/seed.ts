import type { Actor } from '../../src/authz/actor.js';
import { ALL_SCOPES, SCOPES, type Scope } from '../../src/authz/scopes.js';
import type { Result } from '../../src/lib/result.js';
import { createServer } from '../../src/server.js';
import { targetConfig } from './ipc.js';

/** What the bench key holds: everything the bench query touches. */
export const BENCH_SCOPES: Scope[] = [
  'invoices:read',
  'customers:read',
  'customers:pii',
  'payments:read',
];

const COUNTRIES = ['DE', 'FR', 'NL', 'US', 'GB', 'SE', 'ES', 'IT', 'JP', 'CA'];
const DAY_MS = 86_400_000;

export interface Seeded {
  projectId: string;
  /** The SECRET key of the project (full secret). */
  key: string;
}

/**
 * Fills a fresh SQLite file through the real services: the bootstrap admin key, one PRO
 * project, 10 customers, 10 invoices and a SECRET key holding BENCH_SCOPES.
 */
export async function seedDatabase(dbPath: string): Promise<Seeded> {
  const server = await createServer(targetConfig(dbPath));
  try {
    if ((await server.bootstrapAdminKey()) === null) {
      throw new Error(`${dbPath} is not a fresh database: it already has an admin key`);
    }
    const admin: Actor = {
      keyId: null,
      projectId: null,
      isAdmin: true,
      held: new Set(ALL_SCOPES),
      ip: null,
    };
    const { projects, keys, ledger } = server.services;
    const project = must(
      'createProject',
      await projects.createProject(admin, {
        name: 'Bench project',
        // ENTERPRISE has no monthly quota; the key's own rate limit is far above any load
        // here, so every request runs the limiter (and is counted) but none is refused.
        plan: 'ENTERPRISE',
        allowedScopes: ALL_SCOPES.filter((s) => !SCOPES[s].management),
      }),
    );
    const dueAt = new Date(Date.now() + 30 * DAY_MS);
    for (let i = 1; i <= 10; i++) {
      const customer = must(
        'createCustomer',
        await ledger.createCustomer(project.id, {
          name: `Customer ${i}`,
          email: `customer${i}@example.com`,
          country: COUNTRIES[i - 1] ?? null,
        }),
      );
      must(
        'createInvoice',
        await ledger.createInvoice(project.id, {
          customerId: customer.id,
          amountCents: 10_000 + i * 1_234,
          currency: 'EUR',
          dueAt,
        }),
      );
    }
    const created = must(
      'createKey',
      await keys.createKey(admin, {
        projectId: project.id,
        name: 'bench',
        kind: 'SECRET',
        environment: 'LIVE',
        scopes: BENCH_SCOPES,
        rateLimitPerMinute: 1_000_000,
      }),
    );
    return { projectId: project.id, key: created.secret };
  } finally {
    await server.close();
  }
}

function must<T>(what: string, result: Result<T, string>): T {
  if (!result.ok) throw new Error(`seeding: ${what} failed: ${result.code}: ${result.message}`);
  return result.value;
}
