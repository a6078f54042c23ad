import { randomBytes } from 'node:crypto';
import { bigintToBase62, toBase62 } from './base62.js';

export type IdPrefix = 'prj' | 'key' | 'req' | 'aud' | 'prd' | 'cus' | 'inv' | 'pay';

/**
 * A public id: `<prefix>_` + 8 base62 chars of milliseconds + 14 random base62 chars.
 * Opaque to clients; ids of one kind sort roughly by creation time, which keeps keyset
 * pagination on the primary key cheap.
 */
export function newId(prefix: IdPrefix, at: Date = new Date()): string {
  return `${prefix}_${bigintToBase62(BigInt(at.getTime()), 8)}${toBase62(randomBytes(10), 14)}`;
}

const ID_PATTERN = /^[a-z]{3}_[0-9A-Za-z]{22}$/;

/** True when `value` has the shape of an id with this prefix (no database needed). */
export function isId(prefix: IdPrefix, value: string): boolean {
  return value.startsWith(`${prefix}_`) && ID_PATTERN.test(value);
}
