import type { KeyChange } from './key-change-bus.js';
import type { VerifiedKey } from './verified-key.js';

/** The longest an entry is served while key changes of other instances may be missed. */
export const INCOHERENT_TTL_MS = 1_000;

interface Entry {
  key: VerifiedKey;
  storedAt: number;
}

/**
 * Verified keys by digest. Holds no decision, only the stored facts: status is recomputed
 * against the clock on every request, so expiry and grace periods are never served stale.
 * Every change to a key or its project drops it (through the KeyChangeBus) before the
 * mutation returns, and a lookup that raced with a change is not stored (generation check).
 */
export class KeyCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #coherent: () => boolean;
  #generation = 0;

  /**
   * `coherent`: whether every key change reaches this cache (KeyChangeBus.coherent). When
   * it does not, an entry is served for at most INCOHERENT_TTL_MS: a key changed by another
   * instance is re-read within a second.
   */
  constructor({
    ttlMs,
    maxEntries = 100_000,
    coherent = () => true,
  }: {
    ttlMs: number;
    maxEntries?: number;
    coherent?: () => boolean;
  }) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#coherent = coherent;
  }

  /** Read before a database lookup; pass to `set` so a lookup older than a change is dropped. */
  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(digest: string, nowMs: number): VerifiedKey | undefined {
    const entry = this.#entries.get(digest);
    if (entry === undefined) return undefined;
    const ttlMs = this.#coherent() ? this.#ttlMs : Math.min(this.#ttlMs, INCOHERENT_TTL_MS);
    if (nowMs - entry.storedAt >= ttlMs || nowMs < entry.storedAt) {
      this.#entries.delete(digest);
      return undefined;
    }
    return entry.key;
  }

  set(digest: string, key: VerifiedKey, nowMs: number, generation: number): void {
    if (generation !== this.#generation || this.#ttlMs === 0) return;
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(digest, { key, storedAt: nowMs });
  }

  invalidate(change: KeyChange): void {
    if ('created' in change) return; // a new key makes no cached verification stale
    this.#generation++;
    if ('all' in change) {
      this.#entries.clear();
      return;
    }
    for (const [digest, { key }] of this.#entries) {
      if (
        'keyId' in change ? key.key.id === change.keyId : key.key.projectId === change.projectId
      ) {
        this.#entries.delete(digest);
      }
    }
  }
}
