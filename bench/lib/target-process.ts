import { type ChildProcess, fork } from 'node:child_process';
import { compiled, ROOT } from '../../bin/build.js';
import type { ChildMessage, ParentMessage, StartMessage } from './ipc.js';

export interface RunningTarget {
  name: string;
  url: string;
  /** Each app's URL, for a target serving more than one (bench/targets/in-process.ts). */
  urls: Record<string, string>;
  /** The child's process id (for reading its CPU time from /proc). */
  pid: number;
  /** Asks the child to close its server and exit; kills it if it has not within 5 s. */
  stop(): Promise<void>;
}

/**
 * Forks `entry` (a file under bench/targets) as its own Node process, so the server gets
 * an event loop of its own while the load generator runs in this one.
 */
export async function startTarget(
  name: string,
  entry: string,
  init: Omit<StartMessage, 'type'>,
  onSpawn: (stop: () => Promise<void>) => void,
  /** More node flags for the child, e.g. `--cpu-prof`. */
  nodeFlags: readonly string[] = [],
): Promise<RunningTarget> {
  // Compiled by bin/build.js, as `keygate serve` runs, for every target alike (plain too):
  // through tsx each closure would also pay its keep-names wrapper, which no server runs.
  const file = await compiled(`bench/targets/${entry}`);
  const child = fork(file, [], {
    cwd: ROOT,
    execArgv: [...nodeFlags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () => stopChild(child);
  onSpawn(stop);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${name}: the target did not start within 60 s`)),
      60_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      reject(error);
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`${name}: the target exited before it was ready (${signal ?? code})`));
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'failed') return fail(new Error(`${name}: ${message.message}`));
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve({
        name,
        url: message.url,
        urls: message.urls ?? {},
        pid: child.pid as number,
        stop,
      });
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ type: 'start', ...init } satisfies ParentMessage);
  });
}

/**
 * Asks a bench child to stop (`{ type: 'stop' }` over IPC, or SIGTERM once disconnected) and
 * kills it if it has not exited within `graceMs`.
 */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
    else child.kill('SIGTERM');
  });
}
