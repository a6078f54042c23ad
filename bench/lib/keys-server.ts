/**
 * The keys stage's server: a child process (forked by keys-target.ts) that serves Keygate
 * exactly as `keygate serve` builds it (createServer from src/server.ts, compiled by
 * bin/build.js like bin/keygate.js), with one bench-only probe installed before it starts: every
 * statement that looks an api_keys row up by digest is recorded (which digest, when), to
 * count the database lookups a flood of unknown keys causes. On `stats` it answers with
 * those lookups, its V8 heap and the key cache size (the parent reads VmRSS from /proc).
 */
import SQLite from 'better-sqlite3';
import { loadConfig } from '../../src/config.js';
import { createServer, type KeygateServer } from '../../src/server.js';

export type KeysParentMessage =
  | { type: 'start'; dbPath: string; config: Record<string, string> }
  | { type: 'stats'; lookups: boolean; gc: boolean }
  | { type: 'stop' };

export interface KeysServerStats {
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  /** Of `external`: ArrayBuffers, e.g. the filter of known digests. */
  arrayBuffersBytes: number;
  keyCacheSize: number;
  /** Every lookup of a key by digest so far: digest → times (ms since the epoch). */
  lookups: [digest: string, times: number[]][] | null;
  lookupCount: number;
}

export type KeysChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'failed'; message: string }
  | { type: 'stats'; stats: KeysServerStats };

/** Matches Kysely's `select * from "api_keys" where "digest" = ?` and any other such lookup. */
const BY_DIGEST = /\bfrom\s+"?api_keys"?[\s\S]*\bwhere\b[\s\S]*"?digest"?\s*(=|in\b)/i;
const DIGEST = /^[0-9a-f]{64}$/;

const lookups = new Map<string, number[]>();
let lookupCount = 0;

function record(args: unknown[]): void {
  lookupCount++;
  const now = Date.now();
  for (const value of args.flat(2)) {
    if (typeof value === 'string' && DIGEST.test(value)) {
      const times = lookups.get(value);
      if (times === undefined) lookups.set(value, [now]);
      else times.push(now);
    }
  }
}

/** The probe: wraps the prepared statements of lookups by digest (Kysely caches them). */
function installProbe(): void {
  const prepare = SQLite.prototype.prepare;
  SQLite.prototype.prepare = function probedPrepare(this: SQLite.Database, source: string) {
    const statement = prepare.call(this, source);
    if (!BY_DIGEST.test(source)) return statement;
    for (const method of ['all', 'get', 'iterate'] as const) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        value: (...args: unknown[]) => {
          record(args);
          return original.apply(statement, args);
        },
      });
    }
    return statement;
  } as typeof prepare;
}

function stats(server: KeygateServer | null, withLookups: boolean, gc: boolean): KeysServerStats {
  // --expose-gc (keys-target.ts): a full collection first, when asked.
  if (gc) (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  return {
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalBytes: memory.external,
    arrayBuffersBytes: memory.arrayBuffers,
    keyCacheSize: server?.keyCache.size ?? 0,
    lookups: withLookups ? [...lookups] : null,
    lookupCount,
  };
}

const send = process.send?.bind(process);
if (send === undefined) throw new Error('keys-server runs as a child of the keys bench stage');
installProbe();
let server: KeygateServer | null = null;
let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  (server?.close() ?? Promise.resolve()).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('message', (message: KeysParentMessage) => {
  if (message.type === 'stop') return shutdown();
  if (message.type === 'stats') {
    send({
      type: 'stats',
      stats: stats(server, message.lookups, message.gc),
    } satisfies KeysChildMessage);
    return;
  }
  createServer(
    loadConfig({
      KEYGATE_DB: message.dbPath,
      PORT: '0',
      KEYGATE_LOG_LEVEL: 'silent',
      ...message.config,
    }),
  )
    .then(async (started) => {
      server = started;
      const url = await started.listen();
      send({ type: 'ready', url } satisfies KeysChildMessage);
    })
    .catch((error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      send({ type: 'failed', message: text } satisfies KeysChildMessage, () => process.exit(1));
    });
});
process.on('disconnect', shutdown);
