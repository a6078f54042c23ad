/**
 * A change that makes cached verifications of some keys stale, or (`created`, a new key's
 * digest) one that a cache of known digests must learn.
 */
export type KeyChange =
  | { keyId: string }
  | { projectId: string }
  | { all: true }
  | { created: string };

/**
 * Carries key changes to every verifier. In one process it is a plain in-memory fan-out;
 * the scale-out issue puts Redis pub/sub behind the same interface.
 */
export interface KeyChangeBus {
  publish(change: KeyChange): void;
  subscribe(listener: (change: KeyChange) => void): () => void;
}

export function createMemoryKeyChangeBus(): KeyChangeBus {
  const listeners = new Set<(change: KeyChange) => void>();
  return {
    publish(change) {
      for (const listener of listeners) listener(change);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
