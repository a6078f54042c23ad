import { fork } from 'node:child_process';
import { compiled, ROOT } from '../../bin/build.js';
import type { KeysChildMessage, KeysParentMessage, KeysServerStats } from './keys-server.js';
import { stopChild } from './target-process.js';

export interface KeysTarget {
  url: string;
  pid: number;
  /**
   * The server's V8 heap (after a full collection when `gc`), key cache size and (when
   * `lookups`) every lookup by digest so far.
   */
  stats(options: { lookups: boolean; gc: boolean }): Promise<KeysServerStats>;
  /** Asks the child to close its server and exit; kills it if it has not within 10 s. */
  stop(): Promise<void>;
}

/**
 * Forks bench/lib/keys-server.ts with NODE_ENV=production (as deployed), its own event
 * loop and memory, and starts Keygate in it on `dbPath` with the `config` variables. It runs
 * compiled to JavaScript by bin/build.js, as `keygate serve` does (not through tsx).
 */
export async function startKeysTarget(
  dbPath: string,
  config: Record<string, string>,
  onSpawn: (stop: () => Promise<void>) => void,
): Promise<KeysTarget> {
  const child = fork(await compiled('bench/lib/keys-server.ts'), [], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    // --expose-gc only lets the bench ask for a collection before a second memory reading.
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A million keys' worth of state to drop: more time than the HTTP targets get.
  const stop = () => stopChild(child, 10_000);
  onSpawn(stop);
  const stats = ({ lookups, gc }: { lookups: boolean; gc: boolean }) =>
    new Promise<KeysServerStats>((resolve, reject) => {
      const onMessage = (message: KeysChildMessage) => {
        if (message.type !== 'stats') return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message.stats);
      };
      const onExit = () => {
        child.off('message', onMessage);
        reject(new Error('the keys server exited while asked for its stats'));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ type: 'stats', lookups, gc } satisfies KeysParentMessage);
    });
  return new Promise((resolve, reject) => {
    // A million keys: the server reads every digest into its filter before it listens.
    const timer = setTimeout(
      () => fail(new Error('the keys server did not start within 180 s')),
      180_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      reject(error);
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`the keys server exited before it was ready (${signal ?? code})`));
    const onMessage = (message: KeysChildMessage) => {
      if (message.type === 'failed') return fail(new Error(`keys server: ${message.message}`));
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve({ url: message.url, pid: child.pid as number, stats, stop });
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ type: 'start', dbPath, config } satisfies KeysParentMessage);
  });
}
