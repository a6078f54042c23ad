import type { Db } from '../db/create-db.js';

const HASHES = 7;
const BITS_PER_KEY = 20; // with 7 hashes: about 1 false positive in 10,000
const MIN_KEYS = 1 << 20;
const PAGE = 10_000;

/**
 * A Bloom filter over the digests of every stored key: "certainly not a key" without the
 * database, for the brute-force limiter. A SHA-256 digest is already uniformly random, so
 * its 32-bit slices are the filter's hash functions. Until loaded, or once fuller than it
 * was sized for (until reloaded), it answers "might exist" for everything: the database is
 * asked, as without a filter.
 */
export class KnownDigests {
  #bits = new Uint32Array(0);
  /** Bits in the filter: a multiple of 32, any size (not a power of two). */
  #bitCount = 0;
  #capacity = 0;
  #count = 0;
  #ready = false;
  #loading: Promise<void> | null = null;
  #reloading: Promise<void> | null = null;
  #loadedOnce = false;
  readonly #coherent: () => boolean;

  /**
   * `coherent`: whether every key created anywhere reaches `add` (KeyChangeBus.coherent).
   * While it does not, the filter answers "might exist" for everything: a key created on
   * another instance is never refused as unknown.
   */
  constructor({ coherent = () => true }: { coherent?: () => boolean } = {}) {
    this.#coherent = coherent;
  }

  /** True once a load has completed (a later reload may be running). */
  get loaded(): boolean {
    return this.#loadedOnce;
  }

  get ready(): boolean {
    return this.#ready && this.#count <= this.#capacity && this.#coherent();
  }

  mightExist(digest: string): boolean {
    if (!this.ready) return true;
    for (let i = 0; i < HASHES; i++) {
      const bit = this.#bit(digest, i);
      if (((this.#bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  add(digest: string): void {
    if (this.#bits.length === 0) return;
    for (let i = 0; i < HASHES; i++) {
      const bit = this.#bit(digest, i);
      const word = bit >>> 5;
      this.#bits[word] = (this.#bits[word] ?? 0) | (1 << (bit & 31));
    }
    this.#count++;
  }

  /**
   * The filter's i-th bit for `digest`: its i-th 32-bit slice scaled to the bit count (the
   * product is below 2^32 × 2^31 and exact enough: the result is always below #bitCount).
   */
  #bit(digest: string, i: number): number {
    const slice = Number.parseInt(digest.slice(i * 8, i * 8 + 8), 16);
    return Math.floor((slice / 4_294_967_296) * this.#bitCount);
  }

  /** Builds the filter from the keys table, sized for twice the keys stored (or 1M). */
  load(db: Db): Promise<void> {
    this.#loading ??= this.#load(db).finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  /**
   * A load that starts after now: keys may have been created unseen (the key-change bus
   * reconnected), and a scan already running may have passed them.
   */
  reload(db: Db): Promise<void> {
    if (this.#loading === null) return this.load(db);
    this.#reloading ??= this.#loading
      .catch(() => {})
      .then(() => {
        this.#reloading = null;
        return this.load(db);
      });
    return this.#reloading;
  }

  async #load(db: Db): Promise<void> {
    const { n } = await db
      .selectFrom('api_keys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const capacity = Math.max(MIN_KEYS, Number(n) * 2);
    // Exactly what the capacity needs (a power of two would take up to twice as much: 8 MiB
    // instead of 5 for 1M keys stored).
    const bitCount = Math.ceil((capacity * BITS_PER_KEY) / 32) * 32;
    // Swap the empty filter in before scanning: keys created meanwhile land in it too.
    this.#ready = false;
    this.#bits = new Uint32Array(bitCount >>> 5);
    this.#bitCount = bitCount;
    this.#capacity = capacity;
    this.#count = 0;
    let after = '';
    for (;;) {
      const rows = await db
        .selectFrom('api_keys')
        .select(['id', 'digest'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      for (const row of rows) this.add(row.digest);
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]?.id ?? after;
    }
    this.#ready = true;
    this.#loadedOnce = true;
  }
}
