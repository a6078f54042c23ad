import { randomFillSync } from 'node:crypto';
import { numberToBase62 } from './base62.js';

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

/**
 * The random part (14 base62 characters, ≈ 83 bits) is two 7-character halves, each a safe
 * integer: no BigInt on the hot path (every request gets an id).
 */
const HALF_WIDTH = 7;
const HALF_LIMIT = 62 ** HALF_WIDTH; // 3.5e12 < 2^53
let lastMs = -1;
let lastHigh = 0;
let lastLow = 0;

/** Random bytes drawn 4 KiB at a time (one call per ~340 ids instead of one per id). */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/** 48 random bits. */
function random48(): number {
  if (poolOffset + 6 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const n = pool.readUIntBE(poolOffset, 6);
  poolOffset += 6;
  return n;
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
    lastLow += 1;
    if (lastLow === HALF_LIMIT) {
      lastLow = 0;
      lastHigh += 1;
    }
  } else {
    lastMs = ms;
    // The high half below HALF_LIMIT / 2 leaves room to count up within one millisecond.
    lastHigh = random48() % (HALF_LIMIT / 2);
    lastLow = random48() % HALF_LIMIT;
  }
  return `${prefix}_${numberToBase62(ms, 8)}${numberToBase62(lastHigh, HALF_WIDTH)}${numberToBase62(lastLow, HALF_WIDTH)}`;
}

const ID_PATTERN = /^[a-z]{3}_[0-9A-Za-z]{22}$/;

/** True when `value` has the shape of an id with this prefix (no database needed). */
export function isId(prefix: IdPrefix, value: string): boolean {
  return value.startsWith(`${prefix}_`) && ID_PATTERN.test(value);
}
