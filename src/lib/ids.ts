import { randomFillSync } from 'node:crypto';
import { bigintToBase62, numberToBase62 } from './base62.js';

export type IdPrefix =
  | 'prj'
  | 'key'
  | 'req'
  | 'aud'
  | 'prd'
  | 'cus'
  | 'inv'
  | 'pay'
  | 'anm'
  | 'whk'
  | 'whd'
  | 'msg';

const RANDOM_WIDTH = 14; // 14 base62 chars ≈ 83 bits
const RANDOM_LIMIT = 62n ** BigInt(RANDOM_WIDTH);
let lastMs = -1;
let lastRandom = 0n;

/** Random bytes drawn 4 KiB at a time (one call per ~370 ids instead of one per id). */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomPart(): bigint {
  if (poolOffset + 11 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  // 88 random bits: 64 + 24.
  const high = pool.readBigUInt64BE(poolOffset);
  const low = pool.readUIntBE(poolOffset + 8, 3);
  poolOffset += 11;
  const n = (high << 24n) | BigInt(low);
  return n % (RANDOM_LIMIT / 2n); // leave room to count up within one millisecond
}

/**
 * A public id: `<prefix>_` + 8 base62 chars of milliseconds + 14 base62 chars, random for
 * the first id of a millisecond and counting up after it (like a monotonic ULID). Opaque to
 * clients; ids made by one process sort in creation order, which keeps keyset pagination on
 * the primary key cheap and "newest first" exact.
 */
export function newId(prefix: IdPrefix, at: Date = new Date()): string {
  let ms = at.getTime();
  if (ms <= lastMs) {
    ms = lastMs;
    lastRandom += 1n;
  } else {
    lastMs = ms;
    lastRandom = randomPart();
  }
  return `${prefix}_${numberToBase62(ms, 8)}${bigintToBase62(lastRandom, RANDOM_WIDTH)}`;
}

const ID_PATTERN = /^[a-z]{3}_[0-9A-Za-z]{22}$/;

/** True when `value` has the shape of an id with this prefix (no database needed). */
export function isId(prefix: IdPrefix, value: string): boolean {
  return value.startsWith(`${prefix}_`) && ID_PATTERN.test(value);
}
