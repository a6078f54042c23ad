/**
 * The soak's database (`npm run soak`, bench/soak.ts): bench/lib/seed.ts's ENTERPRISE
 * project and key, then, through the real services, a PRO project with a ledger and the
 * keys each kind of soak traffic needs, FREE projects with small keys, and an admin key
 * that reads the server's metering status between samples.
 */
import type { Actor } from '../../src/authz/actor.js';
import { ALL_SCOPES, SCOPES, type Scope } from '../../src/authz/scopes.js';
import { loadConfig } from '../../src/config.js';
import type { Result } from '../../src/lib/result.js';
import { createServer } from '../../src/server.js';
import { seedDatabase } from './seed.js';

export interface SoakSeedOptions {
  /** rateLimitPerMinute of the PRO key the rate-limited traffic uses. */
  limitedKeyPerMinute: number;
  freeProjects: number;
  freeKeysPerProject: number;
}

export interface SoakKeys {
  /** ENTERPRISE SECRET key holding everything the bench query reads (bench/lib/seed.ts). */
  enterprise: string;
  /** PRO SECRET key: the ledger (customers with PII, invoices, payments, products) and usage. */
  proReader: string;
  /** PRO SECRET key with customers:read and invoices:read only: no PII, no payments. */
  proNoPii: string;
  /** PRO SECRET key with a low rateLimitPerMinute. */
  proLimited: string;
  /** PRO SECRET key holding keys:read, keys:write (and invoices:read, which it grants). */
  proManager: string;
  /** FREE SECRET keys (invoices, customers, products), spread over the FREE projects. */
  free: string[];
  /** Admin key with usage:read, for Query.meteringStatus. */
  admin: string;
  /** Invoice ids of the PRO project, for `invoice(id:)`. */
  proInvoiceIds: string[];
}

const DAY_MS = 86_400_000;
const COUNTRIES = ['DE', 'FR', 'NL', 'US', 'GB', 'SE', 'ES', 'IT', 'JP', 'CA'];

const ADMIN: Actor = {
  keyId: null,
  projectId: null,
  isAdmin: true,
  held: new Set(ALL_SCOPES),
  ip: null,
};

export async function seedSoakDatabase(
  dbPath: string,
  options: SoakSeedOptions,
): Promise<SoakKeys> {
  const { key: enterprise } = await seedDatabase(dbPath);
  const server = await createServer(
    loadConfig({ KEYGATE_DB: dbPath, PORT: '0', KEYGATE_LOG_LEVEL: 'silent' }),
  );
  try {
    const { projects, keys, ledger } = server.services;
    const projectScopes = ALL_SCOPES.filter((s) => s !== 'projects:write');
    const pro = must(
      'createProject PRO',
      await projects.createProject(ADMIN, {
        name: 'Soak PRO project',
        plan: 'PRO',
        allowedScopes: projectScopes,
      }),
    );
    const dueAt = new Date(Date.now() + 30 * DAY_MS);
    const proInvoiceIds: string[] = [];
    for (let i = 1; i <= 20; i++) {
      const customer = must(
        'createCustomer',
        await ledger.createCustomer(pro.id, {
          name: `Soak customer ${i}`,
          email: `soak${i}@example.com`,
          country: COUNTRIES[i % COUNTRIES.length] ?? null,
        }),
      );
      const invoice = must(
        'createInvoice',
        await ledger.createInvoice(pro.id, {
          customerId: customer.id,
          amountCents: 5_000 + i * 777,
          currency: 'EUR',
          dueAt,
        }),
      );
      proInvoiceIds.push(invoice.id);
      // Half the invoices are partly paid, so `payments` has rows to return.
      if (i % 2 === 0) {
        must(
          'recordPayment',
          await ledger.recordPayment(pro.id, {
            invoiceId: invoice.id,
            amountCents: 1_000,
            method: 'card',
          }),
        );
      }
    }
    for (let i = 1; i <= 5; i++) {
      must(
        'createProduct',
        await ledger.createProduct(pro.id, {
          name: `Soak product ${i}`,
          priceCents: i * 1_000,
          currency: 'EUR',
        }),
      );
    }
    const proKey = async (name: string, scopes: Scope[], rateLimitPerMinute?: number) =>
      must(
        `createKey ${name}`,
        await keys.createKey(ADMIN, {
          projectId: pro.id,
          name,
          kind: 'SECRET',
          environment: 'LIVE',
          scopes,
          rateLimitPerMinute: rateLimitPerMinute ?? null,
        }),
      ).secret;
    const proReader = await proKey(
      'soak reader',
      [
        'customers:read',
        'customers:pii',
        'invoices:read',
        'payments:read',
        'products:read',
        'usage:read',
      ],
      // PRO's 600 a minute is below what the soak sends this key at the default rate.
      1_000_000,
    );
    const proNoPii = await proKey('soak no-pii', ['customers:read', 'invoices:read'], 1_000_000);
    const proLimited = await proKey('soak limited', ['invoices:read'], options.limitedKeyPerMinute);
    const proManager = await proKey(
      'soak manager',
      ['keys:read', 'keys:write', 'invoices:read'],
      1_000_000,
    );

    const freeScopes = ALL_SCOPES.filter((s) => !SCOPES[s].management && !SCOPES[s].premium);
    const free: string[] = [];
    for (let p = 1; p <= options.freeProjects; p++) {
      const project = must(
        'createProject FREE',
        await projects.createProject(ADMIN, {
          name: `Soak FREE project ${p}`,
          plan: 'FREE',
          allowedScopes: freeScopes,
        }),
      );
      for (let i = 1; i <= 3; i++) {
        const customer = must(
          'createCustomer',
          await ledger.createCustomer(project.id, { name: `Free customer ${i}` }),
        );
        must(
          'createInvoice',
          await ledger.createInvoice(project.id, {
            customerId: customer.id,
            amountCents: 1_000 * i,
            currency: 'EUR',
            dueAt,
          }),
        );
      }
      for (let k = 1; k <= options.freeKeysPerProject; k++) {
        const created = must(
          'createKey FREE',
          await keys.createKey(ADMIN, {
            projectId: project.id,
            name: `soak free ${p}.${k}`,
            kind: 'SECRET',
            environment: 'LIVE',
            scopes: ['invoices:read', 'customers:read', 'products:read'],
          }),
        );
        free.push(created.secret);
      }
    }

    const admin = (await keys.createAdminKey('soak admin', ['usage:read'])).secret;
    return {
      enterprise,
      proReader,
      proNoPii,
      proLimited,
      proManager,
      free,
      admin,
      proInvoiceIds,
    };
  } finally {
    await server.close();
  }
}

function must<T>(what: string, result: Result<T, string>): T {
  if (!result.ok) throw new Error(`seeding: ${what} failed: ${result.code}: ${result.message}`);
  return result.value;
}
