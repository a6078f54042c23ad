/**
 * A change that makes cached verifications of some keys stale, or (`created`, a new key's
 * digest) one that a cache of known digests must learn. `all`: anything may have changed
 * (e.g. changes were missed while the bus was disconnected).
 */
export type KeyChange =
  | { keyId: string }
  | { projectId: string }
  | { all: true }
  | { created: string };

/**
 * Carries key changes to every verifier: in one process a plain in-memory fan-out, across
 * instances Redis pub/sub (redis-key-change-bus.ts).
 */
export interface KeyChangeBus {
  /**
   * Delivers `change` to this process's listeners at once, and to the other instances'
   * before it resolves when it can. Never rejects: the change is already committed.
   */
  publish(change: KeyChange): Promise<void>;
  subscribe(listener: (change: KeyChange) => void): () => void;
  /**
   * True while every change of every instance reaches this process: caches may then keep
   * keys for their full TTL and trust "unknown digest". False (several instances without a
   * bus, or Redis unreachable): cached keys are re-read within a second.
   */
  readonly coherent: boolean;
  close(): Promise<void>;
}

/**
 * The in-process bus. `coherent` says whether it is the only process (SQLite); with
 * PostgreSQL and no Redis other instances may change keys unseen.
 */
export function createMemoryKeyChangeBus({ coherent = true }: { coherent?: boolean } = {}) {
  const listeners = new Set<(change: KeyChange) => void>();
  const bus: KeyChangeBus & { deliver(change: KeyChange): void } = {
    coherent,
    deliver(change) {
      for (const listener of listeners) listener(change);
    },
    async publish(change) {
      bus.deliver(change);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
  return bus;
}
