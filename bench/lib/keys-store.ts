/**
 * The keys stage's databases: a SQLite file migrated as `keygate serve` migrates it, with
 * `projects` ENTERPRISE projects and `stored` keys. One key per project is created through
 * the real ProjectService and KeyService (genuine rows, audit events included); the rest
 * are bulk-inserted with prepared INSERTs in transactions, each row a copy of a genuine one
 * with its own id, name, digest and hint, made by the functions Keygate makes them with
 * (generateKey, hashKey, keyHint, newId). Secrets are kept in memory only for the keys the
 * bench will present, and never written anywhere.
 */
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { Actor } from '../../src/authz/actor.js';
import { ALL_SCOPES, type Scope } from '../../src/authz/scopes.js';
import { loadConfig } from '../../src/config.js';
import type { ApiKeyRow } from '../../src/db/database.js';
import { createMemoryKeyChangeBus } from '../../src/keys/key-change-bus.js';
import { KeyService } from '../../src/keys/key-service.js';
import { systemClock } from '../../src/lib/clock.js';
import { newId } from '../../src/lib/ids.js';
import type { Result } from '../../src/lib/result.js';
import { DEFAULT_PLANS } from '../../src/limits/plans.js';
import { ProjectService } from '../../src/projects/project-service.js';
import { openDatabase } from '../../src/server.js';
import type { GeneratedBatch, GenerateJob } from './keys-generate-worker.js';
import { type Random, sampleIndexes } from './keys-random.js';

/** What every stored key holds; `viewer { key { id } }` needs no scope at all. */
export const STORED_KEY_SCOPES: Scope[] = ['invoices:read', 'customers:read'];

const ADMIN: Actor = {
  keyId: null,
  projectId: null,
  isAdmin: true,
  held: new Set(ALL_SCOPES),
  ip: null,
};

/** Rows per INSERT transaction. */
const BATCH = 25_000;

export interface KeyStoreOptions {
  stored: number;
  projects: number;
  /** Stored keys whose secrets are kept: the hot set (cached) … */
  hot: number;
  /** … and a disjoint sample for lookups that miss the cache (fewer when not enough keys). */
  cold: number;
  random: Random;
  log: (line: string) => void;
}

export interface KeyStore {
  path: string;
  stored: number;
  projects: number;
  /** Secrets of stored keys, chosen at random (seeded) among all of them. */
  hot: string[];
  /** Secrets of other stored keys; every stored key when the store is smaller than hot + cold. */
  cold: string[];
  seconds: number;
}

export async function buildKeyStore(path: string, options: KeyStoreOptions): Promise<KeyStore> {
  const { stored, projects: projectCount, random, log } = options;
  if (stored < projectCount)
    throw new Error(`${stored} keys cannot cover ${projectCount} projects`);
  const began = performance.now();
  // Which stored keys (by index of creation) the bench will present.
  const hotCount = Math.min(options.hot, stored);
  const coldCount = Math.min(options.cold, stored - hotCount);
  const picked = sampleIndexes(random, stored, hotCount + coldCount);
  const role = new Map<number, 'hot' | 'cold'>(
    picked.map((index, i) => [index, i < hotCount ? 'hot' : 'cold']),
  );
  const secrets = new Map<number, string>();
  const keep = (index: number, secret: string) => {
    if (role.has(index)) secrets.set(index, secret);
  };

  const db = await openDatabase(loadConfig({ KEYGATE_DB: path }));
  const projectIds: string[] = [];
  let template: ApiKeyRow;
  try {
    const bus = createMemoryKeyChangeBus();
    const projects = new ProjectService({ db, clock: systemClock, bus });
    const keys = new KeyService({ db, clock: systemClock, bus, plans: DEFAULT_PLANS });
    for (let p = 0; p < projectCount; p++) {
      const project = must(
        'createProject',
        await projects.createProject(ADMIN, {
          name: `Keys bench ${p + 1}`,
          plan: 'ENTERPRISE',
          allowedScopes: STORED_KEY_SCOPES,
        }),
      );
      projectIds.push(project.id);
      const created = must(
        'createKey',
        await keys.createKey(ADMIN, {
          projectId: project.id,
          name: `key ${p}`,
          kind: 'SECRET',
          environment: 'LIVE',
          scopes: STORED_KEY_SCOPES,
        }),
      );
      keep(p, created.secret);
    }
    template = (await db
      .selectFrom('api_keys')
      .selectAll()
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow()) as ApiKeyRow;
  } finally {
    await db.destroy();
  }

  const sqlite = new SQLite(path);
  try {
    // Only this connection is open: no journal while loading (WAL again at the end).
    sqlite.pragma('journal_mode = OFF');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -262144');
    const columns = Object.keys(template) as (keyof ApiKeyRow)[];
    const insert = sqlite.prepare(
      `insert into api_keys (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    );
    const base = columns.map((c) => template[c]);
    const at = (column: keyof ApiKeyRow) => columns.indexOf(column);
    const [ID, PROJECT, NAME, DIGEST, HINT, CREATED, UPDATED] = (
      ['id', 'project_id', 'name', 'digest', 'hint', 'created_at', 'updated_at'] as const
    ).map(at) as [number, number, number, number, number, number, number];
    const insertBatch = sqlite.transaction((batch: GeneratedBatch) => {
      const now = new Date();
      const iso = now.toISOString();
      for (let j = 0; j < batch.digests.length; j++) {
        const i = batch.from + j;
        const row = base.slice();
        row[ID] = newId('key', now);
        row[PROJECT] = projectIds[i % projectCount] as string;
        row[NAME] = `key ${i}`;
        row[DIGEST] = batch.digests[j] as string;
        row[HINT] = batch.hints[j] as string;
        row[CREATED] = iso;
        row[UPDATED] = iso;
        insert.run(row);
      }
    });
    let inserted = projectCount;
    let lastLog = performance.now();
    await generateKeys(projectCount, stored, [...role.keys()], (batch) => {
      for (const [index, secret] of batch.kept) keep(index, secret);
      insertBatch(batch);
      inserted += batch.digests.length;
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        log(`  ${inserted.toLocaleString('en-US')} of ${stored.toLocaleString('en-US')} keys…`);
      }
    });
    sqlite.pragma('journal_mode = WAL');
    const { n } = sqlite.prepare('select count(*) as n from api_keys').get() as { n: number };
    if (n !== stored) throw new Error(`${path}: ${n} keys stored, expected ${stored}`);
  } finally {
    sqlite.close();
  }
  // Loaded with synchronous = OFF: its pages are still being written out. A server's file is
  // not, so the measures start once it is on disk (the kernel's writeback of a 1M-key file
  // competed with the first latency rounds for the 2 cores).
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const hot: string[] = [];
  const cold: string[] = [];
  for (const index of picked) {
    const secret = secrets.get(index);
    if (secret === undefined) throw new Error(`the secret of stored key ${index} was not kept`);
    (role.get(index) === 'hot' ? hot : cold).push(secret);
  }
  return {
    path,
    stored,
    projects: projectCount,
    hot,
    cold: cold.length > 0 ? cold : hot,
    seconds: (performance.now() - began) / 1000,
  };
}

/** A worker thread does not inherit tsx's loader (node 20): it registers it, then runs ours. */
const WORKER_BOOT = `import('tsx/esm/api').then(({ register }) => {
  register();
  return import(${JSON.stringify(new URL('./keys-generate-worker.ts', import.meta.url).href)});
});`;

/**
 * Makes keys `from` to `to - 1` in worker threads (one per core, at most 2), handing each
 * batch to `onBatch` as it comes (batches of different workers interleave).
 */
function generateKeys(
  from: number,
  to: number,
  keep: number[],
  onBatch: (batch: GeneratedBatch) => void,
): Promise<void> {
  if (from >= to) return Promise.resolve();
  const count = Math.max(1, Math.min(2, availableParallelism()));
  const share = Math.ceil((to - from) / count);
  const workers: Worker[] = [];
  let failure: unknown = null;
  const done = Array.from({ length: count }, (_, w) => {
    const job: GenerateJob = {
      from: from + w * share,
      to: Math.min(to, from + (w + 1) * share),
      batch: BATCH,
      keep,
    };
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job });
    workers.push(worker);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (batch: GeneratedBatch) => {
        if (failure !== null) return;
        try {
          onBatch(batch);
        } catch (error) {
          failure = error;
          for (const w of workers) void w.terminate();
          reject(error);
        }
      });
      worker.once('error', reject);
      worker.once('exit', (code) =>
        code === 0 || failure !== null
          ? resolve()
          : reject(new Error(`key generation worker exited with ${code}`)),
      );
    });
  });
  return Promise.all(done).then(
    () => {
      if (failure !== null) throw failure;
    },
    async (error: unknown) => {
      await Promise.allSettled(workers.map((w) => w.terminate()));
      throw error;
    },
  );
}

function must<T>(what: string, result: Result<T, string>): T {
  if (!result.ok) throw new Error(`keys store: ${what} failed: ${result.code}: ${result.message}`);
  return result.value;
}
