import { readdirSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseKey } from '../../src/keys/key-format.js';
import { graphql } from '../gql/index.js';
import { isCreated, tableNames, withDatabase } from '../helpers/db-contents.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';
import {
  type Exited,
  keygateEnv,
  killLeftovers,
  postGraphql,
  ROOT,
  runKeygate,
  startServe,
} from './keygate-process.js';

const Viewer = graphql(`
  query CliViewer {
    viewer {
      key {
        name
        kind
        status
      }
      project {
        id
      }
      scopes
    }
  }
`);

const ADMIN_KEY_LINE = /^kg_ak_live_[0-9A-Za-z]{49}\n$/;
const ANY_ADMIN_KEY = /kg_ak_live_[0-9A-Za-z]{49}/g;
const MANAGEMENT_SCOPES = [
  'audit:read',
  'keys:read',
  'keys:write',
  'projects:read',
  'projects:write',
  'usage:read',
  'webhooks:read',
  'webhooks:write',
];

const cleanups: (() => Promise<void>)[] = [];
async function freshDb(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  return database;
}

afterAll(async () => {
  killLeftovers();
  for (const cleanup of cleanups) await cleanup();
});

describe('keygate admin-key create', { timeout: 60_000 }, () => {
  test('admin-key create --name ops prints one admin key alone on stdout and exits 0', async () => {
    const database = await freshDb();
    const res = await runKeygate(
      ['admin-key', 'create', '--name', 'ops'],
      keygateEnv(database.env),
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(ADMIN_KEY_LINE);
    expect(parseKey(res.stdout.trimEnd())).toEqual({ kind: 'ADMIN', environment: 'LIVE' });
    expect(res.stderr).not.toMatch(ANY_ADMIN_KEY);
  });

  test('two runs print two different admin keys', async () => {
    const env = keygateEnv((await freshDb()).env);
    const first = await runKeygate(['admin-key', 'create', '--name', 'ops'], env);
    const second = await runKeygate(['admin-key', 'create', '--name', 'ops'], env);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(ADMIN_KEY_LINE);
    expect(second.stdout).not.toBe(first.stdout);
  });

  test('the printed admin key works against a server started on the same database', async () => {
    const database = await freshDb();
    const created = await runKeygate(
      ['admin-key', 'create', '--name', 'ops'],
      keygateEnv(database.env),
    );
    expect(created.code).toBe(0);
    const key = created.stdout.trimEnd();

    const serve = await startServe(database);
    const res = await postGraphql(serve.origin, Viewer, {}, { 'x-api-key': key });
    const exited = await serve.stop();

    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.viewer.key).toEqual({ name: 'ops', kind: 'ADMIN', status: 'ACTIVE' });
    expect(res.body.data?.viewer.project).toBeNull();
    expect(res.body.data?.viewer.scopes).toEqual(MANAGEMENT_SCOPES);
    // The database already had an admin key, so serve created none.
    expect(exited.code).toBe(0);
    expect(exited.stdout).not.toMatch(ANY_ADMIN_KEY);
  });

  test('admin-key create without --name exits 2 with the usage on stderr', async () => {
    const database = await freshDb();
    const res = await runKeygate(['admin-key', 'create'], keygateEnv(database.env));
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('admin-key create needs --name NAME');
    expect(res.stderr).toContain('usage: keygate <command>');
    expect(await isCreated(database)).toBe(false);
  });

  test('admin-key create with --name but no value exits 2 with the usage on stderr', async () => {
    const database = await freshDb();
    const res = await runKeygate(['admin-key', 'create', '--name'], keygateEnv(database.env));
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('usage: keygate <command>');
    expect(await isCreated(database)).toBe(false);
  });

  test('admin-key create with an unknown option exits 2 with the usage and creates no key', async () => {
    const database = await freshDb();
    const res = await runKeygate(
      ['admin-key', 'create', '--name', 'ops', '--nmae', 'typo'],
      keygateEnv(database.env),
    );
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('usage: keygate <command>');
    expect(await isCreated(database)).toBe(false);
  });

  test('admin-key create with a blank --name exits 2 with the usage on stderr', async () => {
    const res = await runKeygate(
      ['admin-key', 'create', '--name', '   '],
      keygateEnv((await freshDb()).env),
    );
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('usage: keygate <command>');
  });
});

describe('keygate migrate and other commands', { timeout: 60_000 }, () => {
  test('migrate creates the database with its tables, exits 0 and prints nothing on stdout', async () => {
    const database = await freshDb();
    const env = keygateEnv(database.env);
    const first = await runKeygate(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(await isCreated(database)).toBe(true);

    await withDatabase(database, async (db) => {
      expect(await tableNames(db)).toEqual(
        expect.arrayContaining(['projects', 'api_keys', 'audit_events', 'invoices']),
      );
      // migrate creates no key: the first serve will still print the bootstrap admin key.
      expect(
        await db
          .selectFrom('api_keys')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst(),
      ).toEqual({ n: 0 });
    });

    const again = await runKeygate(['migrate'], env);
    expect(again.code).toBe(0);
  });

  test('keygate runs compiled and its migrate applies every file in migrations/, in order', async () => {
    const database = await freshDb();
    const res = await runKeygate(['migrate'], keygateEnv(database.env));
    expect(res.code).toBe(0);
    // bin/build.js says so on stderr when it has to fall back to the TypeScript sources.
    expect(res.stderr).not.toContain('through tsx');
    const files = readdirSync(join(ROOT, 'migrations'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    await withDatabase(database, async (db) => {
      const applied = await db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .orderBy('name' as never)
        .execute();
      expect(applied.map((row) => (row as { name: string }).name)).toEqual(files);
    });
  });

  test('an unknown command exits 2 with the usage on stderr', async () => {
    const res = await runKeygate(['frobnicate'], keygateEnv((await freshDb()).env));
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('unknown command: frobnicate');
    expect(res.stderr).toContain('usage: keygate <command>');
  });

  test('an invalid setting exits 1 naming the variable, without a stack trace', async () => {
    const res = await runKeygate(
      ['migrate'],
      keygateEnv({ ...(await freshDb()).env, KEYGATE_LOG_LEVEL: 'loud' }),
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('KEYGATE_LOG_LEVEL');
    expect(res.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('keygate serve', { timeout: 90_000 }, () => {
  test('serve on an empty database prints one admin key once; a second start prints none', async () => {
    const database = await freshDb();

    const first = await startServe(database);
    const firstExit = await first.stop();
    expect(firstExit.code).toBe(0);
    const printed = firstExit.stdout.match(ANY_ADMIN_KEY) ?? [];
    expect(printed).toHaveLength(1);
    expect(firstExit.stderr).not.toMatch(ANY_ADMIN_KEY);
    const bootstrapKey = printed[0] as string;

    const second = await startServe(database);
    const res = await postGraphql(second.origin, Viewer, {}, { 'x-api-key': bootstrapKey });
    const secondExit = await second.stop();
    expect(secondExit.code).toBe(0);
    expect(secondExit.stdout).not.toMatch(ANY_ADMIN_KEY);
    expect(secondExit.stderr).not.toMatch(ANY_ADMIN_KEY);

    // The key printed by the first start still works on the second.
    expect(res.status).toBe(200);
    expect(res.body.data?.viewer.key.kind).toBe('ADMIN');
    expect(res.body.data?.viewer.scopes).toEqual(MANAGEMENT_SCOPES);
  });

  test('serve exits 0 on SIGTERM after answering requests, and then stops listening', async () => {
    const serve = await startServe(await freshDb());
    const health = await fetch(`${serve.origin}/health`);
    expect(health.status).toBe(200);
    const refused = await postGraphql(serve.origin, Viewer, {});
    expect(refused.status).toBe(401);

    const exited = await serve.stop('SIGTERM');
    expect(exited).toMatchObject({ code: 0, signal: null });
    expect(exited.stderr).toContain('SIGTERM');
    await expect(fetch(`${serve.origin}/health`)).rejects.toThrow();
  });

  test('serve on a port already in use exits 1 and the next start still prints the first admin key', async () => {
    const database = await freshDb();
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => {
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as AddressInfo).port));
    });
    let failed: Exited;
    try {
      failed = await runKeygate(
        ['serve'],
        keygateEnv({ ...database.env, HOST: '127.0.0.1', PORT: String(port) }),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('EADDRINUSE');
    expect(failed.stderr).not.toMatch(/^\s+at /m);
    expect(failed.stdout).not.toMatch(ANY_ADMIN_KEY);

    // Nobody has seen an admin key of this database yet, so the next start must show one.
    const serve = await startServe(database);
    const exited = await serve.stop();
    expect(exited.code).toBe(0);
    expect(exited.stdout.match(ANY_ADMIN_KEY) ?? []).toHaveLength(1);
  });

  test('serve exits 0 on SIGINT', async () => {
    const serve = await startServe(await freshDb());
    const exited = await serve.stop('SIGINT');
    expect(exited).toMatchObject({ code: 0, signal: null });
  });
});
