import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { TestDatabase } from '../helpers/test-db.js';
import type { GqlResponse } from '../helpers/test-server.js';

/** The repository root, where `bin/keygate.js` lives. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'keygate.js');

/** How long any child may take to start, answer or exit before the test gives up. */
export const CHILD_TIMEOUT_MS = 30_000;

export interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const live = new Set<ChildProcess>();

/** A TCP port that was free a moment ago (listen on 0, read the port, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The parent's environment without any Keygate setting (so nothing leaks in from the
 * machine running the tests), plus `vars`.
 */
export function keygateEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(KEYGATE_|DATABASE_URL$|REDIS_URL$|HOST$|PORT$|NODE_ENV$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...vars };
}

function start(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out.stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    out.stderr += chunk;
  });
  const exited = new Promise<Exited>((resolve) => {
    child.once('close', (code, signal) => {
      live.delete(child);
      resolve({ code, signal, ...out });
    });
  });
  return { child, out, exited };
}

/** Rejects when `promise` has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  const timeout = new AbortController();
  const timer = delay(ms, undefined, { signal: timeout.signal }).then(() => {
    throw new Error(`timed out after ${ms} ms: ${what}`);
  });
  try {
    return await Promise.race([promise, timer]);
  } finally {
    timeout.abort();
    timer.catch(() => {});
  }
}

/** Runs `keygate <args>` to completion; killed when it takes longer than CHILD_TIMEOUT_MS. */
export async function runKeygate(args: string[], env: NodeJS.ProcessEnv): Promise<Exited> {
  const { child, exited } = start(args, env);
  try {
    return await within(exited, CHILD_TIMEOUT_MS, `keygate ${args.join(' ')}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

export interface ServeProcess {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** What the child wrote so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves with the first match of `pattern` in that stream, waiting (bounded) for it. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<string>;
  /** Sends `signal` and waits (bounded) for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exited>;
}

/**
 * Starts `keygate serve` on `database` (test-db.ts: its `env`) and a free port, and resolves
 * once GET /health answers 200 (polled for at most CHILD_TIMEOUT_MS; fails early when the
 * child exits).
 */
export async function startServe(
  database: TestDatabase,
  extraEnv: Record<string, string> = {},
): Promise<ServeProcess> {
  const port = await freePort();
  const env = keygateEnv({
    ...database.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    KEYGATE_LOG_LEVEL: 'info',
    ...extraEnv,
  });
  const { child, out, exited } = start(['serve'], env);
  const origin = `http://127.0.0.1:${port}`;
  const state: { exited: Exited | null } = { exited: null };
  void exited.then((e) => {
    state.exited = e;
  });
  const deadline = Date.now() + CHILD_TIMEOUT_MS;
  for (;;) {
    if (state.exited !== null) {
      throw new Error(`keygate serve exited before listening: ${JSON.stringify(state.exited)}`);
    }
    const ok = await fetch(`${origin}/health`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`keygate serve did not answer on ${origin} within ${CHILD_TIMEOUT_MS} ms`);
    }
    await delay(100);
  }
  return {
    child,
    origin,
    output: () => ({ ...out }),
    waitFor(stream, pattern) {
      const found = new Promise<string>((resolve) => {
        const check = () => {
          const match = pattern.exec(out[stream]);
          if (match === null) return false;
          child[stream]?.off('data', onData);
          resolve(match[0]);
          return true;
        };
        const onData = () => {
          // The collecting listener was added first, so `out` already holds this chunk.
          check();
        };
        if (!check()) child[stream]?.on('data', onData);
      });
      return within(found, CHILD_TIMEOUT_MS, `${pattern} on ${stream}`);
    },
    async stop(signal = 'SIGTERM') {
      if (state.exited === null) child.kill(signal);
      try {
        return await within(exited, CHILD_TIMEOUT_MS, `keygate serve to exit on ${signal}`);
      } catch (error) {
        child.kill('SIGKILL');
        throw error;
      }
    },
  };
}

/** For afterAll: kills (SIGKILL, by pid) every child these helpers started that still runs. */
export function killLeftovers(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** POSTs a GraphQL document to a running child, like `TestServer.gql`. */
export async function postGraphql<T, V>(
  origin: string,
  document: TypedDocumentNode<T, V> | string,
  variables?: V,
  headers: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: JSON.stringify({
      query: typeof document === 'string' ? document : print(document),
      variables,
    }),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}
