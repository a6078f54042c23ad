import { type Config, loadConfig } from '../../src/config.js';

/**
 * The little protocol between bench/run.ts and a target child process: the parent sends
 * `start` (database path, key, and Keygate configuration variables), the child answers `ready` with its GraphQL URL (or
 * `failed`), and closes its server and exits on `stop` or when the parent goes away.
 */
export interface StartMessage {
  type: 'start';
  dbPath: string;
  key: string;
  /**
   * Keygate configuration variables a Keygate target adds to its own (`REDIS_URL`,
   * `DATABASE_URL`, …), as `loadConfig` reads them; the plain target ignores them.
   */
  config: Record<string, string>;
}
export type ParentMessage = StartMessage | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; url: string; urls?: Record<string, string> }
  | { type: 'failed'; message: string };

export interface StartedTarget {
  url: string;
  /** A target serving more than one app (bench/targets/in-process.ts): each app's URL. */
  urls?: Record<string, string>;
  close(): Promise<void>;
}

/** Child side: runs `start` when asked, reports its URL, shuts down cleanly when told to. */
export function serveTarget(start: (message: StartMessage) => Promise<StartedTarget>): void {
  const send = process.send?.bind(process);
  if (send === undefined) {
    throw new Error('a bench target runs as a child of bench/run.ts (npm run bench)');
  }
  let started: StartedTarget | null = null;
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    (started?.close() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') return shutdown();
    start(message).then(
      (target) => {
        started = target;
        send({ type: 'ready', url: target.url, urls: target.urls } satisfies ChildMessage);
      },
      (error: unknown) => {
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        send({ type: 'failed', message: text } satisfies ChildMessage, () => process.exit(1));
      },
    );
  });
  process.on('disconnect', shutdown);
}

/**
 * The configuration every bench server of `dbPath` runs with: an ephemeral port, no logging,
 * and the variables the bench passes (`StartMessage.config`) on top.
 */
export function targetConfig(dbPath: string, extra: Record<string, string> = {}): Config {
  return loadConfig({ KEYGATE_DB: dbPath, PORT: '0', KEYGATE_LOG_LEVEL: 'silent', ...extra });
}
