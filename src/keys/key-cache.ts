import type { KeyChange } from './key-change-bus.js';
import { SharedParts } from './shared-parts.js';
import type { VerifiedKey } from './verified-key.js';

/** The longest an entry is served while key changes of other instances may be missed. */
export const INCOHERENT_TTL_MS = 1_000;

/** The longest a digest looked up and not found is refused without asking the database. */
export const MISSING_TTL_MS = 60_000;

interface Entry {
  key: VerifiedKey;
  storedAt: number;
}

/**
 * Verified keys by digest. Holds no decision, only the stored facts: status is recomputed
 * against the clock on every request, so expiry and grace periods are never served stale.
 * Every change to a key or its project drops it (through the KeyChangeBus) before the
 * mutation returns, and a lookup that raced with a change is not stored (generation check).
 *
 * Also the digests looked up and not found (a flood of well-formed unknown keys, from
 * however many addresses): each is asked of the database at most once per
 * min(ttl, MISSING_TTL_MS), and a key created with that digest drops it at once.
 */
export class KeyCache {
  readonly #entries = new Map<string, Entry>();
  /** What the cached keys share instead of each holding a copy (see SharedParts). */
  readonly shared = new SharedParts();
  /** Digest → when it was found missing. */
  readonly #missing = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #maxMissing: number;
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
    maxMissing = 100_000,
    coherent = () => true,
  }: {
    ttlMs: number;
    maxEntries?: number;
    /** Unknown digests remembered at most (the oldest is forgotten first). */
    maxMissing?: number;
    coherent?: () => boolean;
  }) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#maxMissing = maxMissing;
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
    if (this.#expired(entry.storedAt, this.#ttlMs, nowMs)) {
      this.#entries.delete(digest);
      return undefined;
    }
    return entry.key;
  }

  /** True when `digest` was looked up and not found recently: it is no stored key. */
  isMissing(digest: string, nowMs: number): boolean {
    const storedAt = this.#missing.get(digest);
    if (storedAt === undefined) return false;
    if (this.#expired(storedAt, Math.min(this.#ttlMs, MISSING_TTL_MS), nowMs)) {
      this.#missing.delete(digest);
      return false;
    }
    return true;
  }

  /** Remembers a digest the database did not have (`generation` as for `set`). */
  setMissing(digest: string, nowMs: number, generation: number): void {
    if (generation !== this.#generation || this.#ttlMs === 0) return;
    this.#missing.delete(digest);
    if (this.#missing.size >= this.#maxMissing) {
      const oldest = this.#missing.keys().next().value;
      if (oldest !== undefined) this.#missing.delete(oldest);
    }
    this.#missing.set(digest, nowMs);
  }

  #expired(storedAt: number, ttlMs: number, nowMs: number): boolean {
    const ttl = this.#coherent() ? ttlMs : Math.min(ttlMs, INCOHERENT_TTL_MS);
    return nowMs - storedAt >= ttl || nowMs < storedAt;
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
    this.#generation++;
    if ('created' in change) {
      // No cached verification is stale, but its digest is no longer missing.
      this.#missing.delete(change.created);
      return;
    }
    if ('all' in change) {
      this.#entries.clear();
      this.#missing.clear();
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
